#!/usr/bin/env node
// `npx openai-responses serve`: the mock over HTTP, for apps in other processes and other languages.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { OpenAIMock } from '../engine/mock.js';
import { controlPrefix } from './control-api.js';
import { startServer } from './server.js';
import { restoreState, snapshotState } from './state-snapshot.js';

const usage = `Usage: openai-responses serve [--port 0] [--host 127.0.0.1] [--state file.json] [--max-body-bytes N] [--accept-any-model] [--sessions [--max-sessions 100]]

Serves a mock of the OpenAI API over HTTP. Point a client at the printed base URL (OPENAI_BASE_URL).
  --port            the port (0, the default, picks a free one)
  --host            the interface (127.0.0.1)
  --state           a JSON state file: read at start if it exists, written when the server stops
  --max-body-bytes  the largest request body accepted (67108864)
  --accept-any-model  let requests name any model (by default an unknown model is the API's 404 model_not_found)
  --sessions        a mock of its own per session, for parallel test workers: base URL /sessions/<id>/v1
  --max-sessions    how many sessions may exist at once (100)
The control API (${controlPrefix}/...) sets routes, reads calls and resets from another process.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      'max-body-bytes': { type: 'string' },
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
  const maxBodyBytes = values['max-body-bytes'] === undefined ? undefined : Number(values['max-body-bytes']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not '${values.port}'.`);
  if (maxBodyBytes !== undefined && !(maxBodyBytes > 0)) throw new Error(`--max-body-bytes must be a positive number of bytes.`);
  const maxSessions = values['max-sessions'] === undefined ? undefined : Number(values['max-sessions']);
  if (maxSessions !== undefined && !(Number.isInteger(maxSessions) && maxSessions >= 1)) throw new Error(`--max-sessions must be a whole number, 1 or more, not '${values['max-sessions']}'.`);
  if (maxSessions !== undefined && !values.sessions) throw new Error('--max-sessions goes with --sessions.');
  const acceptAnyModel = values['accept-any-model'] === true;
  const sessions = values.sessions ? { create: () => new OpenAIMock({ acceptAnyModel }), ...(maxSessions !== undefined && { max: maxSessions }) } : undefined;
  const openaiMock = new OpenAIMock({ acceptAnyModel });
  const stateFile = values.state;
  if (stateFile && existsSync(stateFile)) restoreState(openaiMock.state, JSON.parse(await readFile(stateFile, 'utf8')));
  const server = await startServer(openaiMock, { port, host: values.host, ...(maxBodyBytes !== undefined && { maxBodyBytes }), ...(sessions !== undefined && { sessions }) });
  process.stdout.write(`openai-responses: listening on ${server.url} (OpenAI base URL ${server.baseURL}, control API ${server.url}${controlPrefix})\n`);
  if (sessions) process.stdout.write(`openai-responses: sessions on: each http://HOST:PORT/sessions/<id>/v1 is a mock of its own (control API ${server.url}${controlPrefix}/sessions/<id>)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  if (stateFile) await writeFile(stateFile, JSON.stringify(snapshotState(openaiMock.state)));
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
