// Which operation of OpenAI's spec a route of the mock answers, and which schema each of its answers must match.
// Routes are found by method and path shape alone (`/threads/:thread_id/runs` is `/threads/{thread_id}/runs`),
// so a route added to the catalog is checked by its operation without any entry here.
import { type JsonObject, isObject, openApiDocument, pointerToken } from './spec-document.js';

/** One operation of the spec: its id and where it sits in the document. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pointer: string;
  readonly definition: JsonObject;
}

/** `/threads/:thread_id?beta=true` and `/threads/{thread_id}?beta=true` both give `/threads/{}?beta=true`. */
function shapeOf(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, '{}').replace(/\{[^}]*\}/g, '{}');
}

let byShape: Map<string, Operation> | undefined;

function operations(): Map<string, Operation> {
  if (byShape) return byShape;
  byShape = new Map();
  for (const [path, methods] of Object.entries(openApiDocument().paths)) {
    for (const [method, definition] of Object.entries(methods)) {
      if (!isObject(definition) || !isObject(definition.responses)) continue;
      const id = typeof definition.operationId === 'string' ? definition.operationId : `${method} ${path}`;
      const pointer = `#/paths/${pointerToken(path)}/${method}`;
      byShape.set(`${method.toUpperCase()} ${shapeOf(path)}`, { id, method: method.toUpperCase(), path, pointer, definition });
    }
  }
  return byShape;
}

/** The operation a route answers, or undefined when the spec does not describe it. */
export function operationOf(method: string, pathPattern: string): Operation | undefined {
  return operations().get(`${method.toUpperCase()} ${shapeOf(pathPattern)}`);
}

/**
 * Where the API's error answers are described. The spec lists errors for a few operations only, some as the bare
 * `Error` object (`{ message, type, param, code }`) and every 429 as a `$ref` to a `components/responses` entry the
 * document does not have; the API sends, and the SDK reads, `{ error: { ... } }`: `ErrorResponse`.
 */
export const ERROR_SCHEMA = '#/components/schemas/ErrorResponse';

/** The schema an answer with this status and media type must match, or undefined when the spec gives none. */
export function answerSchema(operation: Operation, status: number, mediaType: string): string | undefined {
  if (status >= 400) return ERROR_SCHEMA;
  const responses = operation.definition.responses;
  if (!isObject(responses)) return undefined;
  const code = String(status) in responses ? String(status) : Object.keys(responses).find((key) => key.startsWith('2'));
  if (code === undefined) return undefined;
  const response = responses[code];
  if (!isObject(response) || !isObject(response.content) || !isObject(response.content[mediaType])) return undefined;
  return `${operation.pointer}/responses/${code}/content/${pointerToken(mediaType)}/schema`;
}

/**
 * Streams the spec gives no `text/event-stream` content for, with the schema of their events. The legacy
 * completions stream sends `CreateCompletionResponse` chunks; a retrieved Response streams its events again; the Assistants run streams send
 * `AssistantStreamEvent`s (`{ event, data }`, checked with the SSE event name as `event`).
 */
const undescribedStreams: Readonly<Record<string, { schema: string; named: boolean }>> = {
  createCompletion: { schema: '#/components/schemas/CreateCompletionResponse', named: false },
  // `responses.retrieve(id, { stream: true })` replays a background response's events.
  getResponse: { schema: '#/components/schemas/ResponseStreamEvent', named: false },
  beta_getResponse: { schema: '#/components/schemas/BetaResponseStreamEvent', named: false },
  createRun: { schema: '#/components/schemas/AssistantStreamEvent', named: true },
  createThreadAndRun: { schema: '#/components/schemas/AssistantStreamEvent', named: true },
  submitToolOuputsToRun: { schema: '#/components/schemas/AssistantStreamEvent', named: true },
};

/**
 * The schema each event of an operation's stream must match, and whether it is checked as `{ event, data }`
 * (Assistants) or as its data alone (everything else: chat chunks, Responses events, image and audio events).
 */
export function eventSchema(operation: Operation): { schema: string; named: boolean } | undefined {
  const described = answerSchema(operation, 200, 'text/event-stream');
  if (described) return { schema: described, named: false };
  return undescribedStreams[operation.id];
}
