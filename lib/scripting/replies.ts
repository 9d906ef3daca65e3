import { requiresAction, type ToolCallRequest } from '../resources/beta/run-script.js';
import { responseOutput } from '../resources/responses/output.js';
import type { ModelPartial, RouteFunction } from '../engine/route.js';

/** The route names each reply knows how to answer, by API. */
const chatRoutes = new Set(['chat.completions.create']);
const responsesRoutes = new Set(['responses.create', 'beta.responses.create']);
const completionRoutes = new Set(['completions.create']);
const realtimeTurnRoutes = new Set(['realtime.response.create']);
const runRoutes = new Set(['beta.threads.runs.create', 'beta.threads.createAndRun', 'beta.threads.runs.submitToolOutputs', 'beta.threads.runs.retrieve']);

function argumentsOf(call: ToolCallRequest): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/** The routes each reply answers, as its error lists them. */
const answeredBy = {
  text: 'chat.completions.create, responses.create, completions.create, realtime.response.create, realtime.inputTranscription.create, realtime.translation.create and live.response.create',
  toolCall: 'chat.completions.create, responses.create, realtime.response.create and the run routes',
};

function unsupported(kind: keyof typeof answeredBy, route: string): Error {
  return new Error(`reply.${kind}() answers ${answeredBy[kind]}, not ${route}.`);
}

/** @internal The partial a text reply is on a route (throws for a route it cannot answer). */
export function textPartial(route: string, text: string): unknown {
  if (chatRoutes.has(route)) return { choices: [{ message: { content: text } }] };
  if (responsesRoutes.has(route)) return { output: [responseOutput.text(text)] };
  if (completionRoutes.has(route)) return { choices: [{ text }] };
  // A realtime turn speaks the text (an audio part with this transcript) or writes it, as the session asks.
  if (realtimeTurnRoutes.has(route)) return { output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] }] };
  if (route === 'realtime.inputTranscription.create') return { transcript: text };
  // A translation socket speaks the text as its translation.
  if (route === 'realtime.translation.create') return { translation: text };
  // A Live turn speaks the text.
  if (route === 'live.response.create') return { transcript: text };
  throw unsupported('text', route);
}

/** @internal The partial a tool-call reply is on a route (throws for a route it cannot answer). */
export function toolCallsPartial(route: string, calls: readonly ToolCallRequest[]): unknown {
  if (chatRoutes.has(route)) {
    return {
      choices: [{
        message: {
          tool_calls: calls.map((call) => ({ ...(call.id !== undefined && { id: call.id }), type: 'function', function: { name: call.name, arguments: argumentsOf(call) } })),
        },
      }],
    };
  }
  if (responsesRoutes.has(route)) {
    return { output: calls.map((call) => responseOutput.functionCall(call.name, argumentsOf(call), call.id !== undefined ? { call_id: call.id } : {})) };
  }
  if (runRoutes.has(route)) return requiresAction(...calls);
  if (realtimeTurnRoutes.has(route)) {
    return { output: calls.map((call) => ({ type: 'function_call', name: call.name, arguments: argumentsOf(call), ...(call.id !== undefined && { call_id: call.id }) })) };
  }
  throw unsupported('toolCall', route);
}

/** A response function answering the route it is set on with `partial(routeName)`. */
function byRoute<Model, Params, Body>(partial: (route: string) => unknown): RouteFunction<Model, Params, Body> {
  return ({ route }) => partial(route.name) as ModelPartial<Model>;
}

/**
 * Answers that read the same on every API: set them on `chat.completions.create`, `responses.create` (or a run
 * route, for tool calls) and each becomes that API's own partial (a choice's message, an output item, a run
 * that requires action), completed by the route like any partial. They make a tool loop two lines:
 * `route.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is 21°C.')]`.
 *
 * @example
 * openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_1' }), reply.text('Sunny.')];
 * openaiMock.responses.create.when(hasToolResult('call_1'), reply.text('Sunny.'));
 */
export const reply = {
  /**
   * The model answers with this text: chat `choices[0].message.content`, a Responses `output_text` message,
   * a legacy completion's `text`.
   *
   * @example
   * openaiMock.responses.create.once(reply.text('Hello!'));
   */
  text<Model = unknown, Params = Record<string, string>, Body = unknown>(text: string): RouteFunction<Model, Params, Body> {
    return byRoute((route) => textPartial(route, text));
  },

  /**
   * The model calls one function, `args` sent as JSON (a string as it is); `id` fixes the call id (chat
   * `tool_calls[].id`, Responses `call_id`, a run's tool call id), so `hasToolResult(id)` can wait for its output.
   *
   * @example
   * openaiMock.chat.completions.create.once(reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_1' }));
   */
  toolCall<Model = unknown, Params = Record<string, string>, Body = unknown>(name: string, args: ToolCallRequest['arguments'] = {}, options: { id?: string } = {}): RouteFunction<Model, Params, Body> {
    const call: ToolCallRequest = { name, arguments: args, ...(options.id !== undefined && { id: options.id }) };
    return byRoute((route) => toolCallsPartial(route, [call]));
  },

  /**
   * The model calls several functions at once (parallel tool calls).
   *
   * @example
   * openaiMock.responses.create.once(reply.toolCalls({ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_time', arguments: { city: 'Paris' } }));
   */
  toolCalls<Model = unknown, Params = Record<string, string>, Body = unknown>(...calls: ToolCallRequest[]): RouteFunction<Model, Params, Body> {
    return byRoute((route) => toolCallsPartial(route, calls));
  },
};
