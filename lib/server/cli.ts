#!/usr/bin/env node
// `npx openai-responses serve`: the mock over HTTP, for apps in other processes and other languages.
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { OpenAIMock } from '../engine/mock.js';
import { controlPrefix } from './control-api.js';
import { startServer } from './server.js';

const usage = `Usage: openai-responses serve [--port 0] [--host 127.0.0.1] [--state file.json] [options]

Serves a mock of the OpenAI API over HTTP. Point a client at the printed base URL (OPENAI_BASE_URL).
  --port                the port (0, the default, picks a free one)
  --host                the interface (127.0.0.1); 0.0.0.0 makes the mock reachable from the network
  --state               a JSON state file: read at start if it exists, written atomically when the server
                        stops (SIGINT, SIGTERM) and on POST ${controlPrefix}/state/save
  --token               a token the control API then requires as 'Authorization: Bearer <token>'
                        (default: the OPENAI_RESPONSES_TOKEN environment variable); the live page's
                        link, printed at start, carries it once
  --allowed-host        a host name to answer besides localhost, 127.0.0.1, [::1] (repeatable)
  --allowed-origin      a web page origin granted /v1 besides the loopback ones (repeatable)
  --max-body-bytes      the largest request body accepted (67108864)
  --headers-timeout-ms  how long a client may take to send its headers (10000)
  --body-timeout-ms     how long a request body may stall (10000)
  --accept-any-model    let requests name any model (by default an unknown model is the API's 404 model_not_found)
  --sessions            a mock of its own per session, for parallel test workers: base URL /sessions/<id>/v1
  --max-sessions        how many sessions may exist at once (100)
The control API (${controlPrefix}/...) sets routes, reads calls and resets from another process.`;

function wholeNumber(value: string | undefined, flag: string, lowest: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < lowest) throw new Error(`${flag} must be a whole number, ${lowest} or more, not '${value}'.`);
  return number;
}

/** Addresses of this machine's interfaces a client on the network could use. */
function networkURLs(port: number): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal)
    .map((address) => `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${port}`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      token: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      'max-body-bytes': { type: 'string' },
      'headers-timeout-ms': { type: 'string' },
      'body-timeout-ms': { type: 'string' },
      'accept-any-model': { type: 'boolean' },
      sessions: { type: 'boolean' },
      'max-sessions': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'serve') {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not '${values.port}'.`);
  const maxBodyBytes = wholeNumber(values['max-body-bytes'], '--max-body-bytes', 1);
  const headersTimeoutMs = wholeNumber(values['headers-timeout-ms'], '--headers-timeout-ms', 1);
  const bodyTimeoutMs = wholeNumber(values['body-timeout-ms'], '--body-timeout-ms', 1);
  for (const origin of values['allowed-origin'] ?? []) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/+$/, '')) throw new Error(`--allowed-origin takes an origin such as https://app.example.test, not '${origin}'.`);
  }
  const token = values.token ?? (process.env['OPENAI_RESPONSES_TOKEN'] || undefined);
  const maxSessions = wholeNumber(values['max-sessions'], '--max-sessions', 1);
  if (maxSessions !== undefined && !values.sessions) throw new Error('--max-sessions goes with --sessions.');
  const acceptAnyModel = values['accept-any-model'] === true;
  const sessions = values.sessions ? { create: () => new OpenAIMock({ acceptAnyModel }), ...(maxSessions !== undefined && { max: maxSessions }) } : undefined;
  const openaiMock = new OpenAIMock({ acceptAnyModel });
  const server = await startServer(openaiMock, {
    port,
    host: values.host,
    ...(values.state !== undefined && { stateFile: values.state }),
    ...(token !== undefined && { token }),
    ...(values['allowed-host'] && { allowedHosts: values['allowed-host'] }),
    ...(values['allowed-origin'] && { allowedOrigins: values['allowed-origin'].map((origin) => new URL(origin).origin) }),
    ...(maxBodyBytes !== undefined && { maxBodyBytes }),
    ...(headersTimeoutMs !== undefined && { headersTimeoutMs }),
    ...(bodyTimeoutMs !== undefined && { bodyTimeoutMs }),
    ...(sessions !== undefined && { sessions }),
  });
  if (server.host === '0.0.0.0' || server.host === '::') {
    const urls = networkURLs(server.port);
    process.stderr.write(
      `openai-responses: warning: listening on every interface (${server.host}): the mock is reachable from the network, answers any API key, and its control API can read and reset its state${token === undefined ? ' (set --token to require a token for it)' : ''}.${urls.length > 0 ? ` From other machines: ${urls.join(', ')}.` : ''}\n`,
    );
  }
  process.stdout.write(`openai-responses: listening on ${server.url} (OpenAI base URL ${server.baseURL}, control API ${server.url}${controlPrefix})\n`);
  process.stdout.write(`openai-responses: live page: ${server.livePageURL}\n`);
  if (sessions) process.stdout.write(`openai-responses: sessions on: each http://HOST:PORT/sessions/<id>/v1 is a mock of its own (control API ${server.url}${controlPrefix}/sessions/<id>)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stdout.write('openai-responses: stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
