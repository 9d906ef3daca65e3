import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { shortestMatch } from '../../internal/pattern-instance.js';
import { smallestInstance } from '../../internal/schema-instance.js';

/** The call a model must make: a function with its JSON arguments, or a custom tool with its free-form input. */
export type ForcedToolCall = { readonly type: 'function'; readonly name: string; readonly arguments: string } | { readonly type: 'custom'; readonly name: string; readonly input: string };

/** A tool as either API sends it: chat nests it (`{ type, function: { name, parameters } }`), Responses does not. */
function toolParts(tool: unknown): { type: string; name: string; detail: JsonObject } | undefined {
  if (!isPlainObject(tool) || typeof tool['type'] !== 'string') return undefined;
  const type = tool['type'];
  const nested = tool[type];
  const detail = isPlainObject(nested) ? nested : tool;
  return typeof detail['name'] === 'string' ? { type, name: detail['name'], detail } : undefined;
}

/** The smallest input a custom tool's format takes: what its regex grammar matches, else empty. */
function customInput(detail: JsonObject): string {
  const format = detail['format'];
  if (!isPlainObject(format) || format['type'] !== 'grammar') return '';
  const grammar = isPlainObject(format['grammar']) ? format['grammar'] : format;
  if (grammar['syntax'] !== 'regex' || typeof grammar['definition'] !== 'string') return '';
  return shortestMatch(grammar['definition']) ?? '';
}

/** The call of one tool with the smallest arguments its `parameters` schema takes (`{}` without one). */
function callOf(tool: { type: string; name: string; detail: JsonObject }): ForcedToolCall {
  if (tool.type === 'custom') return { type: 'custom', name: tool.name, input: customInput(tool.detail) };
  const parameters = tool.detail['parameters'];
  const args = parameters === undefined || parameters === null ? {} : smallestInstance(parameters).value;
  return { type: 'function', name: tool.name, arguments: JSON.stringify(args ?? {}) };
}

/** The name a tool choice (or an allowed-tools entry) picks, by type: `{ type: 'function', function: { name } }` or `{ type: 'function', name }`. */
function chosen(choice: JsonObject): { type: string; name: string } | undefined {
  const parts = toolParts(choice);
  return parts ? { type: parts.type, name: parts.name } : undefined;
}

/**
 * The tool call a request forces, or `undefined` when the model may answer text: with `tool_choice: 'required'`
 * the first function or custom tool, with a named choice (`{ type: 'function', function: { name } }` on chat,
 * `{ type: 'function', name }` on Responses, or a custom tool's) that tool, with `allowed_tools` in `required`
 * mode the first allowed one. Its arguments are the smallest instance of the tool's `parameters` schema. Chat
 * and Responses tool shapes are both read.
 */
export function forcedToolCall(tools: unknown, toolChoice: unknown): ForcedToolCall | undefined {
  const callable = (Array.isArray(tools) ? tools : []).map(toolParts).filter((tool): tool is NonNullable<typeof tool> => tool !== undefined && (tool.type === 'function' || tool.type === 'custom'));
  if (toolChoice === 'required') return callable[0] && callOf(callable[0]);
  if (!isPlainObject(toolChoice)) return undefined;
  if (toolChoice['type'] === 'allowed_tools') {
    const allowed = isPlainObject(toolChoice['allowed_tools']) ? toolChoice['allowed_tools'] : toolChoice;
    if (allowed['mode'] !== 'required' || !Array.isArray(allowed['tools'])) return undefined;
    const names = allowed['tools'].filter(isPlainObject).map(chosen);
    const first = callable.find((tool) => names.some((name) => name?.type === tool.type && name.name === tool.name));
    return first && callOf(first);
  }
  const named = chosen(toolChoice);
  const tool = named && callable.find((candidate) => candidate.type === named.type && candidate.name === named.name);
  return tool && callOf(tool);
}

/**
 * The legacy function call a chat request forces (`functions` with `function_call: { name }`), or `undefined`.
 */
export function forcedFunctionCall(functions: unknown, functionCall: unknown): { name: string; arguments: string } | undefined {
  if (!isPlainObject(functionCall) || typeof functionCall['name'] !== 'string' || !Array.isArray(functions)) return undefined;
  const name = functionCall['name'];
  const declared = functions.find((fn) => isPlainObject(fn) && fn['name'] === name);
  if (!isPlainObject(declared)) return undefined;
  const call = callOf({ type: 'function', name, detail: declared });
  return call.type === 'function' ? { name, arguments: call.arguments } : undefined;
}
