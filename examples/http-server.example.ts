// Scenario: an end-to-end test of an app that runs in a process of its own (as a Playwright or Next.js test
// would start it). The app can't be handed a fetch, so the mock is served over HTTP and the app gets its URL as
// OPENAI_BASE_URL. The test scripts the mock and reads what the app sent through the control API, which works the
// same from any process (a browser test runner, a Python worker).
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { OpenAIMock } from '../lib/index.js';
import { type MockServer, MockServerClient, startServer } from '../lib/server/index.js';

/** Starts the app with the mock's URL, and waits until it listens. */
function startApp(env: Record<string, string>): Promise<{ app: ChildProcessWithoutNullStreams; url: string }> {
  const app = spawn(process.execPath, ['--import', 'tsx', new URL('./http-server/app.ts', import.meta.url).pathname], { env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    app.stdout.on('data', (chunk: Buffer) => {
      const url = /app listening on (\S+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ app, url });
    });
    app.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
  });
}

describe('an app in another process, against the mock over HTTP', function () {
  this.timeout(60_000);
  let server: MockServer;
  let control: MockServerClient;
  let app: ChildProcessWithoutNullStreams;
  let appURL: string;

  before(async () => {
    server = await startServer(new OpenAIMock());
    control = new MockServerClient(server.url);
    ({ app, url: appURL } = await startApp({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-e2e' }));
  });

  after(async () => {
    app.kill('SIGTERM');
    await server.close();
  });

  beforeEach(() => control.reset());

  it('shows the summary the mock answers, and sent the text the user typed', async () => {
    await control.route('chat.completions.create').set({ response: { choices: [{ message: { content: 'A short summary.' } }] } });

    const page = (await (await fetch(`${appURL}/?text=${encodeURIComponent('A long article ...')}`)).json()) as { summary: string };

    assert.equal(page.summary, 'A short summary.');
    const [call] = await control.route('chat.completions.create').calls();
    assert.deepEqual((call?.body as { messages: { content: string }[] }).messages.at(-1)?.content, 'A long article ...');
  });

  it('shows an error when OpenAI is down', async () => {
    await control.route('chat.completions.create').set({ raw: { status: 503, body: { error: { message: 'Service unavailable', type: 'server_error', param: null, code: null } } } });

    const response = await fetch(`${appURL}/?text=hello`);

    assert.equal(response.status, 502);
    assert.match(((await response.json()) as { error: string }).error, /503/);
  });
});
