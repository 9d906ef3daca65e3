/**
 * `npm run bench` (WebSocket part): a 10,000-delta response over an in-memory socket, through the mock, beside a
 * hand-written socket server that sends the very same frames over the same kind of in-memory connection. Each
 * unit opens a socket, sends `response.create`, reads every frame (keeping each, as a client's test does) to the
 * terminal event and closes. Timed as the process's CPU time (both ends run in this process; another process's
 * load on a shared machine does not count) and reported as the median over paired rounds of the ratio to the
 * hand-written floor (target: 1.5x or less). A round times a few units of each side, not one: on Node 24 a
 * young-generation collection (tens of ms with 10,000 frames kept) comes every two or three units, so one unit a
 * side would charge each collection wholly to whichever side happened to fill the young generation, and the
 * rounds lock onto one side's paying for both (the same code read anywhere from 1.2x to 2.5x).
 * - Responses over WebSocket (`/v1/responses`): the route answers `reply.text` of 10,000 pieces.
 * - Realtime (`/v1/realtime`): runs when the Realtime endpoint is part of the library: a text response of 10,000
 *   deltas scripted on the route a realtime turn calls (else it says why it was skipped).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { type Duplex, duplexPair } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type ClientOptions, WebSocket, WebSocketServer } from 'ws';
import { OpenAIMock, mockWebSocketOptions, reply } from '../lib/index.js';
import { cpuNow, median } from './measure.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? (process.env['BENCH_QUICK'] === '1' ? 10 : 20));
/** Units of each side timed together in a round. */
const unitsPerRound = 4;
const pieces = Array.from({ length: 10_000 }, (_, i) => `w${i % 10} `);
const text = pieces.join('');

/** One unit: open a socket with these options, send the opening messages, read to the terminal frame, close. */
function exchange(url: string, options: ClientOptions, opening: (socket: WebSocket, message: string) => string[] | undefined, terminal: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    const frames: string[] = [];
    socket.on('message', (data) => {
      const frame = String(data);
      frames.push(frame);
      for (const message of opening(socket, frame) ?? []) socket.send(message);
      if (frame.includes(terminal)) {
        socket.close();
        resolve(frames);
      }
    });
    socket.on('open', () => {
      for (const message of opening(socket, '') ?? []) socket.send(message);
    });
    socket.on('error', reject);
  });
}

/** A hand-written socket server on in-memory connections: answers `trigger` with the recorded frames, and sends `greeting` frames on connect. */
function handWritten(frames: readonly string[], trigger: string, greeting: readonly string[] = []): ClientOptions {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  const http = createServer();
  http.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      for (const frame of greeting) ws.send(frame);
      ws.on('message', (data) => {
        if (String(data).includes(trigger)) for (const frame of frames) ws.send(frame);
      });
    });
  });
  const createConnection = (): Duplex => {
    const [client, server] = duplexPair();
    client.once('close', () => server.destroy());
    server.once('close', () => client.destroy());
    setImmediate(() => http.emit('connection', server));
    return client;
  };
  return { createConnection: createConnection as unknown as ClientOptions['createConnection'], perMessageDeflate: false };
}

/** The CPU time of `unitsPerRound` units, per unit. */
async function timeOf(unit: () => Promise<unknown>): Promise<number> {
  const started = cpuNow();
  for (let i = 0; i < unitsPerRound; i++) await unit();
  return (cpuNow() - started) / unitsPerRound;
}

async function compare(title: string, floor: () => Promise<unknown>, mocked: () => Promise<unknown>): Promise<void> {
  await timeOf(floor); // warm up
  await timeOf(mocked);
  const floorTimes: number[] = [];
  const mockTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const floorTime = await timeOf(floor);
    const mockTime = await timeOf(mocked);
    floorTimes.push(floorTime);
    mockTimes.push(mockTime);
    ratios.push(mockTime / floorTime);
  }
  console.log(`\n${title}\n`);
  console.log('| case | CPU ms (median) | ratio to the hand-written socket (median of rounds) |');
  console.log('| --- | ---: | ---: |');
  console.log(`| hand-written socket, same frames | ${median(floorTimes).toFixed(1)} | 1.00x |`);
  console.log(`| openai-responses | ${median(mockTimes).toFixed(1)} | ${median(ratios).toFixed(2)}x |`);
}

// Responses over WebSocket.
{
  const openaiMock = new OpenAIMock({ keepCalls: 1 });
  openaiMock.responses.create.response = reply.text(text);
  const create = JSON.stringify({ type: 'response.create', model: 'gpt-5', input: 'Count.' });
  const url = 'wss://api.openai.com/v1/responses';
  const opening = (_socket: WebSocket, frame: string): string[] | undefined => (frame === '' ? [create] : undefined);
  const recorded = await exchange(url, mockWebSocketOptions(openaiMock), opening, '"response.completed"');
  const deltas = recorded.filter((frame) => frame.includes('"response.output_text.delta"')).length;
  const floorOptions = handWritten(recorded, 'response.create');
  await compare(
    `Responses over WebSocket: one response of ${deltas.toLocaleString('en')} text deltas (${recorded.length.toLocaleString('en')} frames), open to close`,
    () => exchange(url, floorOptions, opening, '"response.completed"'),
    () => exchange(url, mockWebSocketOptions(openaiMock), opening, '"response.completed"'),
  );
}

// Realtime: only once the endpoint exists.
{
  const endpointFile = fileURLToPath(new URL('../lib/websocket/realtime/endpoint.ts', import.meta.url));
  if (!existsSync(endpointFile)) {
    console.log('\nRealtime: skipped (the Realtime endpoint is not part of the library yet).');
  } else {
    const openaiMock = new OpenAIMock({ keepCalls: 1 });
    // A realtime turn is a call of its own route where the library has one, else of responses.create.
    const turns = openaiMock.routes.get('realtime.response.create') ?? openaiMock.routes.get('responses.create');
    if (turns) turns.response = reply.text(text);
    const url = 'wss://api.openai.com/v1/realtime?model=gpt-realtime';
    const update = JSON.stringify({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    const create = JSON.stringify({ type: 'response.create' });
    const opening = (_socket: WebSocket, frame: string): string[] | undefined => {
      if (frame.includes('"session.created"')) return [update];
      if (frame.includes('"session.updated"')) return [create];
      return undefined;
    };
    const recorded = await exchange(url, mockWebSocketOptions(openaiMock), opening, '"response.done"');
    const deltas = recorded.filter((frame) => frame.includes('.delta"')).length;
    if (deltas < 10_000) {
      console.log(`\nRealtime: skipped (a scripted text response gave ${deltas} deltas, not 10,000: script it as the Realtime endpoint documents).`);
    } else {
      const [greeting, ...rest] = recorded;
      const updated = rest.findIndex((frame) => frame.includes('"session.updated"'));
      const floorOptions = handWritten(rest.slice(updated + 1), 'response.create', [greeting ?? '', ...rest.slice(0, updated + 1)]);
      await compare(
        `Realtime: one text response of ${deltas.toLocaleString('en')} deltas (${recorded.length.toLocaleString('en')} frames), open to close`,
        () => exchange(url, floorOptions, opening, '"response.done"'),
        () => exchange(url, mockWebSocketOptions(openaiMock), opening, '"response.done"'),
      );
    }
  }
}
