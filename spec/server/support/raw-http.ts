// A raw HTTP/1.1 exchange over a socket (`node:net`), for what no HTTP client sends on purpose: another Host, a
// stalled body, an absolute-form target, `OPTIONS *`, a gigabyte declared and never sent.
import net from 'node:net';

/** What came back on the socket: status, headers (lower-case names), the body's text, and whether the server closed it. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Whether the server closed the connection (before `waitMs` ran out). */
  readonly closed: boolean;
  /** How many bytes this side wrote before the exchange ended. */
  readonly sent: number;
  /** The error object of an API-shaped body, if it is one. */
  readonly error: { message: string; type: string; code: string | null } | undefined;
}

function decodeChunked(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

function parse(text: string, closed: boolean, sent: number): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rawBody = end < 0 ? '' : text.slice(end + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? decodeChunked(rawBody) : rawBody;
  let error: RawAnswer['error'];
  try {
    error = (JSON.parse(body) as { error?: RawAnswer['error'] }).error;
  } catch {
    error = undefined;
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body, closed, sent, error };
}

/**
 * Sends `request` (the request line and headers, `\r\n`-separated, and any body) on a new connection, then reads
 * until the server closes it or the answer is complete (`connection: close` is added unless the request says
 * otherwise), at most `waitMs`.
 */
export function rawRequest(port: number, request: string | Buffer, options: { waitMs?: number; keepSending?: Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    let sent = request.length;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parse(text, closed, sent));
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 5000);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    // A write refused (the server closed while this side still sent) ends the sending; the answer may still be read.
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.write(request);
    if (options.keepSending) {
      const more = options.keepSending;
      const pump = (): void => {
        if (done || socket.destroyed) return;
        sent += more.length;
        if (socket.write(more)) setImmediate(pump);
        else socket.once('drain', pump);
      };
      pump();
    }
  });
}

/** A request's head: the request line, the headers given, `connection: close`, and the blank line. */
export function head(requestLine: string, headers: Record<string, string | number>): string {
  return `${requestLine} HTTP/1.1\r\n${Object.entries({ connection: 'close', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`;
}
