/** A name and value, as HAR lists headers and query parameters. */
export interface HarPair {
  name: string;
  value: string;
}

/**
 * One event of a recorded stream: its text, and when it arrived (milliseconds after the request was sent).
 *
 * @example
 * const [entry] = await cassette('test/cassettes/stream.har').entries();
 * const events: HarStreamEvent[] = entry?._events ?? []; // [{ time: 212, data: 'data: {...}\n\n' }, ...]
 */
export interface HarStreamEvent {
  time: number;
  data: string;
}

/**
 * One request and its response, as HAR 1.2 writes it; a streamed body also keeps its events in `_events`.
 *
 * @example
 * const [entry]: readonly HarEntry[] = await cassette('test/cassettes/chat.har').entries();
 * entry?.response.status; // 200
 */
export interface HarEntry {
  startedDateTime: string;
  /** Milliseconds from sending the request to the end of the response body. */
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarPair[];
    queryString: HarPair[];
    cookies: HarPair[];
    headersSize: number;
    bodySize: number;
    postData?: { mimeType: string; text: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarPair[];
    cookies: HarPair[];
    content: { size: number; mimeType: string; text: string; encoding?: 'base64' };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** The normalised request this entry answers (method, path, body): what replay matches on. */
  _key: string;
  /** A streamed body (server-sent events), event by event with its timing. */
  _events?: HarStreamEvent[];
}

/**
 * A HAR 1.2 file, as a cassette writes it.
 *
 * @example
 * const har = JSON.parse(await readFile('test/cassettes/chat.har', 'utf8')) as HarLog;
 * har.log.entries.length;
 */
export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

/** A HAR log with no entries yet. */
export function emptyHar(): HarLog {
  return { log: { version: '1.2', creator: { name: 'openai-responses', version: '1' }, entries: [] } };
}

/** Headers as HAR pairs, in the order given. */
export function harHeaders(headers: Headers): HarPair[] {
  return [...headers.entries()].map(([name, value]) => ({ name, value }));
}
