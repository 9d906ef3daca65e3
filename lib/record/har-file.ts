import type { HarLog } from './har.js';

/**
 * A cassette file that cannot be replayed: not JSON, cut short, or JSON that is not a HAR log a cassette wrote.
 * Its message names the file and what is wrong with it. `tape.entries()` rejects with it; a client replaying
 * through `tape.fetch` gets a `500` the SDK does not retry, with the same message.
 *
 * @example
 * await cassette('test/cassettes/broken.har').entries().catch((error: unknown) => {
 *   if (error instanceof CassetteError) console.error(error.path, error.problem);
 * });
 */
export class CassetteError extends Error {
  constructor(
    /** The cassette's file. */
    readonly path: string,
    /** What is wrong with it: `it is cut short: ...`, `log.entries[2] has no request.method`. */
    readonly problem: string,
  ) {
    super(`openai-responses: the cassette ${path} cannot be replayed: ${problem}. Record it again with OPENAI_RESPONSES_RECORD=1, or restore the file.`);
    this.name = 'CassetteError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with one entry, or `undefined` when a cassette can replay it. */
function entryProblem(entry: unknown, at: string): string | undefined {
  if (!isObject(entry)) return `${at} is not an object`;
  if (typeof entry['_key'] !== 'string') {
    return `${at} has no _key (the request it answers): the file was not written by a cassette (a HAR file from another tool cannot be replayed)`;
  }
  const request = entry['request'];
  if (!isObject(request) || typeof request['method'] !== 'string' || typeof request['url'] !== 'string') return `${at}.request has no method and url`;
  const response = entry['response'];
  if (!isObject(response) || typeof response['status'] !== 'number') return `${at}.response has no status`;
  if (!Array.isArray(response['headers']) || !response['headers'].every((pair) => isObject(pair) && typeof pair['name'] === 'string' && typeof pair['value'] === 'string')) {
    return `${at}.response.headers is not a list of { name, value }`;
  }
  const content = response['content'];
  if (!isObject(content) || typeof content['text'] !== 'string') return `${at}.response.content has no text`;
  const events = entry['_events'];
  if (events !== undefined && (!Array.isArray(events) || !events.every((event) => isObject(event) && typeof event['data'] === 'string' && typeof event['time'] === 'number'))) {
    return `${at}._events is not a list of { time, data }`;
  }
  return undefined;
}

/** Why a text is not JSON, in words: cut short (a write that did not finish, a merge gone wrong) or malformed. */
function jsonProblem(text: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'the file is empty';
  const position = /at position (\d+)/.exec(reason)?.[1];
  const atTheEnd = position === undefined ? /end of JSON input/i.test(reason) : Number(position) >= text.trimEnd().length;
  if (atTheEnd || /Unterminated string/i.test(reason)) {
    return `it is cut short: its JSON stops after ${text.length} characters, before the HAR log is complete (${reason})`;
  }
  return `it is not JSON (${reason})`;
}

/**
 * Reads a cassette file's text as a HAR log, or throws a {@link CassetteError} naming the file and what is
 * wrong: every entry is checked for what replaying reads (its `_key`, request, response status, headers, body
 * and stream events), so a broken cassette fails before any request, not half-way through a replay.
 */
export function readHar(path: string, text: string): HarLog {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CassetteError(path, jsonProblem(text, error));
  }
  const log = isObject(parsed) ? parsed['log'] : undefined;
  if (!isObject(log)) throw new CassetteError(path, `it is JSON but not HAR: it has no "log" object${isObject(parsed) ? ` (its keys: ${Object.keys(parsed).slice(0, 5).join(', ') || 'none'})` : ''}`);
  const entries = log['entries'];
  if (!Array.isArray(entries)) throw new CassetteError(path, 'it is JSON but not HAR: log.entries is not a list');
  for (const [index, entry] of entries.entries()) {
    const problem = entryProblem(entry, `log.entries[${index}]`);
    if (problem) throw new CassetteError(path, problem);
  }
  return parsed as unknown as HarLog;
}
