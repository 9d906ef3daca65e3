import { apiError } from '../errors/api-errors.js';
import type { OpenAIMock } from '../engine/mock.js';
import type { FailureOptions, Route, RouteCall } from '../engine/route.js';
import { failuresProblem, latencyProblem, rawProblem } from './settings-checks.js';
import { lifecycle } from '../resources/lifecycle.js';
import type { JsonRawAnswer, JsonReply, JsonStreamStep } from './json-answers.js';
import { JsonFormError } from './json-form-error.js';
import { lifecycleFromJson } from './json-lifecycle.js';
import type { JsonPredicates } from './json-predicates.js';
import { routeAnswerFromJson } from './json-route-answers.js';
import { runScriptsFromJson } from './json-run-scripts.js';
import { restoreState, snapshotState } from './state-snapshot.js';

/** The path prefix the control API answers under; the OpenAI API never uses it. */
export const controlPrefix = '/__openai-responses';

/**
 * What `PUT /__openai-responses/routes/{name}` takes: some or all of the route's settings. The answer is one of
 * `response` (a partial or a full model, `null` back to the default), `raw` (a whole HTTP answer), `stream` (a
 * custom event stream) or `reply`; it becomes the route's response, or with `when` a rule, or with `once: true`
 * the next call's answer.
 *
 * @example
 * const settings: RouteSettings = { response: { choices: [{ message: { content: 'Hi' } }] }, latency: 10 };
 * const rule: RouteSettings = { when: { lastUserMessageContains: 'weather' }, reply: { toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } } };
 */
export interface RouteSettings {
  /** A partial or full model, completed like `route.response`; `null` for the default. */
  response?: unknown;
  /** Answers for the next calls, one each, in order (partials or full models), as `route.responses`. */
  responses?: unknown[];
  /** A raw answer instead: status, headers, and a body (a string, or JSON). */
  raw?: JsonRawAnswer;
  /** A custom event stream instead: data events, named events, delays, errors mid-stream. */
  stream?: JsonStreamStep[];
  /** A reply that reads the same on every API: `{ text }`, `{ toolCall }`, `{ toolCalls }`. */
  reply?: JsonReply;
  /** Makes the answer a rule (`route.when`): it answers every call these predicates hold for. */
  when?: JsonPredicates;
  /** `true`: the answer is the next call's only (`route.once`), after the answers already in the sequence. */
  once?: boolean;
  /** Milliseconds before answering. */
  latency?: number;
  /** How many calls fail first (500), or the failure's details. */
  failures?: number | FailureOptions;
}

/**
 * One call as the control API reports it: JSON all through, keys redacted.
 *
 * @example
 * const [call]: SerializedCall[] = await control.route('chat.completions.create').calls();
 * call?.body; // { model: 'gpt-4o', messages: [...] }
 */
export interface SerializedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly params: unknown;
  /** The parsed body; multipart fields as strings, files as `{ filename, type, size }`. */
  readonly body: unknown;
  /** The status the mock answered with. */
  readonly status: number;
}

/**
 * What a control API can do beyond its mock: save the state to the server's state file (`POST /state/save`).
 *
 * @example
 * const control = createControlAPI(openaiMock, { saveState: () => save().then(() => 'state.json') });
 */
export interface ControlAPIOptions {
  /** Saves the state where the server keeps it, and tells where; unset when the server has no state file. */
  readonly saveState?: (() => Promise<string>) | undefined;
}

/** Answers the control API's requests for one mock. */
export interface ControlAPI {
  handle(method: string, path: string, body: Uint8Array): Promise<Response>;
}

const secretHeader = /^(authorization|api-key|x-api-key|openai-.*key.*)$/i;

function redactedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secretHeader.test(name) ? value.replace(/^(\w+\s+)?.*$/, (_, scheme: string | undefined) => `${scheme ?? ''}[redacted]`) : value;
  });
  return out;
}

function serializedBody(body: unknown): unknown {
  if (!(body instanceof FormData)) return body;
  const fields: Record<string, unknown> = {};
  for (const [name, value] of body.entries()) {
    fields[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size };
  }
  return fields;
}

/**
 * A call as JSON: what `GET /__openai-responses/routes/{name}/calls` lists.
 *
 * @example
 * const json = serializeCall(openaiMock.chat.completions.create.calls[0]!);
 */
export function serializeCall(call: RouteCall<unknown>): SerializedCall {
  return {
    method: call.request.method,
    url: call.request.url,
    headers: redactedHeaders(call.request.headers),
    params: call.params,
    body: serializedBody(call.body),
    status: call.response.status,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function parseJSON(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  if (bytes.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
}

function describe(route: Route): Record<string, unknown> {
  return { name: route.name, method: route.method, path: route.path, calls: route.calls.length, latency: route.latency, failures: route.failures, configured: route.response !== undefined };
}

function apply(route: Route, settings: RouteSettings, answer: () => void): void {
  answer();
  if (settings.responses !== undefined) route.responses = settings.responses;
  if (settings.latency !== undefined) route.latency = settings.latency;
  if (settings.failures !== undefined) route.failures = settings.failures;
}

function validSettings(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The body must be a JSON object: { response?, raw?, stream?, reply?, when?, once?, responses?, latency?, failures? }.';
  const { latency, failures, raw, responses } = value as Record<string, unknown>;
  if (responses !== undefined && !Array.isArray(responses)) return 'responses must be an array of answers, one per call.';
  return (
    (latency === undefined ? undefined : latencyProblem(latency)) ??
    (failures === undefined ? undefined : failuresProblem(failures)) ??
    (raw === undefined ? undefined : rawProblem(raw))
  );
}

/** The change a JSON form asks for, or its 400 naming the field, before anything changes. */
function readForm<T>(read: () => T): T | Response {
  try {
    return read();
  } catch (error) {
    if (error instanceof JsonFormError) return apiError(400, error.message, { param: error.param || null, code: 'invalid_control_request' });
    throw error;
  }
}

/**
 * The control API of a served mock (under {@link controlPrefix}):
 * - `GET /health`; `POST /reset` (the whole mock);
 * - `GET /routes` (every route, its calls count); `GET /routes/{name}`; `PUT /routes/{name}` ({@link RouteSettings});
 * - `GET /routes/{name}/calls` ({@link SerializedCall}s); `POST /routes/{name}/reset`;
 * - `GET /state` (a snapshot), `PUT /state` (restore one), `POST /state/save` (to the server's state file).
 * - `PUT /run-scripts` (`RunScriptSettings`); `GET|PUT /lifecycle` (`LifecycleSettings`).
 *
 * @example
 * const control = createControlAPI(openaiMock);
 * await control.handle('POST', '/reset', new Uint8Array());
 */
export function createControlAPI(openaiMock: OpenAIMock, options: ControlAPIOptions = {}): ControlAPI {
  const routeOf = (name: string): Route | Response =>
    openaiMock.routes.get(name) ??
    apiError(404, `openai-responses: no route is named '${name}'. Route names are the client's method names, e.g. 'chat.completions.create'; GET ${controlPrefix}/routes lists them.`, { code: 'route_not_found' });

  return {
    async handle(method, path, bytes) {
      const url = new URL(path, 'http://control');
      let segments: string[];
      try {
        segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        return apiError(400, `openai-responses: the path ${controlPrefix}${url.pathname} is not validly percent-encoded.`, { code: 'invalid_path' });
      }
      const parsed = parseJSON(bytes);
      if (!parsed.ok) return apiError(400, 'The body is not valid JSON.', { code: 'invalid_json' });
      const body = parsed.value;
      const [first, name, action] = segments;
      if (method === 'GET' && first === 'health' && segments.length === 1) return json({ ok: true });
      if (method === 'POST' && first === 'reset' && segments.length === 1) {
        openaiMock.reset();
        return json({ ok: true });
      }
      if (method === 'POST' && first === 'state' && name === 'save' && segments.length === 2) {
        if (!options.saveState) {
          return apiError(409, `openai-responses: this server has no state file to save to. Start it with a state file (serve --state FILE, or startServer(mock, { stateFile })).`, { code: 'no_state_file' });
        }
        try {
          return json({ ok: true, file: await options.saveState() });
        } catch (error) {
          return apiError(500, error instanceof Error ? error.message : String(error), { code: 'state_not_saved', type: 'server_error' });
        }
      }
      if (first === 'state' && segments.length === 1) {
        if (method === 'GET') return json(snapshotState(openaiMock.state));
        if (method === 'PUT') {
          try {
            restoreState(openaiMock.state, body);
          } catch (error) {
            return apiError(400, error instanceof Error ? error.message : String(error), { param: 'state' });
          }
          return json({ ok: true });
        }
      }
      if (first === 'run-scripts' && segments.length === 1 && method === 'PUT') {
        const change = readForm(() => runScriptsFromJson(body));
        if (change instanceof Response) return change;
        change(openaiMock.state);
        return json({ ok: true });
      }
      if (first === 'lifecycle' && segments.length === 1) {
        if (method === 'GET') return json(lifecycle(openaiMock));
        if (method === 'PUT') {
          const change = readForm(() => lifecycleFromJson(body));
          if (change instanceof Response) return change;
          change(lifecycle(openaiMock));
          return json(lifecycle(openaiMock));
        }
      }
      if (first === 'routes') {
        if (name === undefined && method === 'GET') return json({ object: 'list', data: [...openaiMock.routes.values()].map(describe) });
        if (name !== undefined) {
          const route = routeOf(name);
          if (route instanceof Response) return route;
          if (action === undefined && method === 'GET') return json(describe(route));
          if (action === undefined && method === 'PUT') {
            const problem = validSettings(body);
            if (problem) return apiError(400, problem, { param: /^(?:latency|failures|raw|responses)(?:\.\w+|\["[^"]*"\])*/.exec(problem)?.[0] ?? null });
            const answer = readForm(() => routeAnswerFromJson(route, body as Record<string, unknown>));
            if (answer instanceof Response) return answer;
            apply(route, body as RouteSettings, answer);
            return json(describe(route));
          }
          if (action === 'calls' && method === 'GET') return json({ object: 'list', data: route.calls.map((call) => serializeCall(call)) });
          if (action === 'reset' && method === 'POST') {
            route.reset();
            return json(describe(route));
          }
        }
      }
      return apiError(404, `openai-responses: the control API has no ${method} ${controlPrefix}${url.pathname}. It answers GET /health, POST /reset, GET|PUT /state, POST /state/save, PUT /run-scripts, GET|PUT /lifecycle, GET /routes, GET|PUT /routes/{name}, GET /routes/{name}/calls and POST /routes/{name}/reset.`, { code: 'unknown_control_request' });
    },
  };
}
