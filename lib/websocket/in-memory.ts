import { createServer } from 'node:http';
import { type Duplex, duplexPair } from 'node:stream';
import type { OpenAIMock } from '../engine/mock.js';
import { apiError } from '../errors/api-errors.js';
import { acceptUpgrade } from './accept.js';
import { refuseUpgrade } from './refuse-upgrade.js';

/** The mock each in-memory connection's server end belongs to, until its upgrade request is read. */
const mockOf = new WeakMap<Duplex, OpenAIMock>();

// An HTTP server that never listens: it only parses the upgrade requests written to the server ends of
// in-memory connections. It holds no handle, so it keeps no process alive.
let parser: ReturnType<typeof createServer> | undefined;

function upgradeParser(): ReturnType<typeof createServer> {
  if (parser) return parser;
  parser = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'application/json', connection: 'close' });
    response.end(JSON.stringify({ error: { message: 'This connection only takes WebSocket upgrades.', type: 'invalid_request_error', param: null, code: null } }));
  });
  parser.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    const openaiMock = mockOf.get(socket);
    if (!openaiMock) {
      void refuseUpgrade(socket, apiError(400, 'This connection belongs to no mock.'));
      return;
    }
    const host = request.headers.host ?? new URL(openaiMock.baseURL).host;
    let url: URL;
    try {
      url = new URL(`wss://${host}${request.url ?? '/'}`);
    } catch {
      void refuseUpgrade(socket, apiError(400, `Invalid URL: ${request.url ?? ''}`));
      return;
    }
    acceptUpgrade({ openaiMock, url, basePath: new URL(openaiMock.baseURL).pathname.replace(/\/+$/, '') }, request, socket, head);
  });
  parser.on('clientError', (_error, socket: Duplex) => void refuseUpgrade(socket, apiError(400, 'The upgrade request could not be read.')));
  return parser;
}

/**
 * One in-memory connection to a mock: the client's end of a duplex pair whose other end is served like a
 * connection to the API (its upgrade request parsed, then the endpoint for its path answers). Each end is
 * destroyed with the other, so neither side waits for a close handshake that cannot come: no timer outlives
 * a socket.
 */
export function connectInMemory(openaiMock: OpenAIMock): Duplex {
  const [client, server] = duplexPair();
  const destroyOther = (other: Duplex) => () => {
    if (!other.destroyed) other.destroy();
  };
  client.once('close', destroyOther(server));
  server.once('close', destroyOther(client));
  mockOf.set(server, openaiMock);
  // Served from the next turn of the event loop, as a network peer would be: a caller that attaches its
  // listeners after an `await` (the Agents SDK's `await createWebSocket(...)`) still sees `open`.
  setImmediate(() => {
    if (!server.destroyed) upgradeParser().emit('connection', server);
  });
  return client;
}
