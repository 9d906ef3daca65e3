// A real browser against the served mock: a page on a loopback origin (as a Vite app on localhost:5173 under an
// e2e test) calls /v1 across origins, preflight included, and reads the answer; the same page cannot read or reset
// the control API; a page on another origin is refused on /v1 too. Runs on the Chromium found on the PATH, and
// is skipped where there is none.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { OpenAIMock } from '../../lib/index.js';
import { type MockServer, startServer } from '../../lib/server/index.js';

/** A Chromium on the PATH, if any. */
function chromiumOnPath(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

/** A page server on a loopback origin: the app under test, which the browser loads. */
function pageServer(host: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>app</title>');
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve({ server, origin: `http://${host === '::1' ? '[::1]' : host}:${(server.address() as AddressInfo).port}` })));
}

describe('a browser app against the served mock (CORS)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let openaiMock: OpenAIMock;
  let mock: MockServer;

  before(async function () {
    const executablePath = chromiumOnPath();
    if (!executablePath) this.skip();
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    mock = await startServer(openaiMock);
  });

  afterEach(() => mock.close());

  /** Runs `fetch` calls in a page loaded from `origin`; what each gave (status and body, or the error's name). */
  async function fromPage(origin: string, calls: { url: string; init?: RequestInit }[]): Promise<{ status?: number; body?: string; error?: string }[]> {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(async (list) => {
        const out: { status?: number; body?: string; error?: string }[] = [];
        for (const { url, init } of list) {
          try {
            const response = await fetch(url, init);
            out.push({ status: response.status, body: await response.text() });
          } catch (error) {
            out.push({ error: (error as Error).name });
          }
        }
        return out;
      }, calls);
    } finally {
      await page.close();
    }
  }

  it('lets a page on localhost call /v1 with the SDK headers (preflighted), and never the control API', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello, browser' } }] };
    const assistant = await openaiMock.fetch('https://api.openai.com/v1/assistants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o' }),
    });
    const { id } = (await assistant.json()) as { id: string };
    const app = await pageServer('localhost');
    try {
      const [chat, state, reset] = await fromPage(app.origin, [
        {
          url: `${mock.baseURL}/chat/completions`,
          init: {
            method: 'POST',
            headers: { authorization: 'Bearer sk-browser', 'content-type': 'application/json', 'x-stainless-lang': 'js' },
            body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
          },
        },
        { url: `${mock.url}/__openai-responses/state` },
        { url: `${mock.url}/__openai-responses/reset`, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } },
      ]);
      assert.equal(chat?.status, 200);
      assert.equal((JSON.parse(chat?.body ?? '{}') as { choices: { message: { content: string } }[] }).choices[0]?.message.content, 'Hello, browser');
      assert.equal(state?.error, 'TypeError', 'the page cannot read the control API');
      assert.equal(reset?.error, 'TypeError', 'nor reset it');
      const still = await openaiMock.fetch(`https://api.openai.com/v1/assistants/${id}`);
      assert.equal(still.status, 200, 'the state is kept');
    } finally {
      app.server.close();
    }
  });

  it('refuses a page on another origin, even a simple text/plain POST that needs no preflight', async () => {
    const app = await pageServer('127.0.0.2');
    try {
      const [list, upload] = await fromPage(app.origin, [
        { url: `${mock.baseURL}/models` },
        { url: `${mock.baseURL}/files`, init: { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: 'planted' } },
      ]);
      assert.equal(list?.error, 'TypeError');
      assert.equal(upload?.status, 0, 'an opaque answer');
      assert.equal(openaiMock.files.create.calls.length, 0, 'the request never reached the mock');
      // The browser did send them: the same page, once its origin is listed, is answered.
      const listing = await startServer(new OpenAIMock(), { allowedOrigins: [app.origin] });
      try {
        const [granted] = await fromPage(app.origin, [{ url: `${listing.baseURL}/models` }]);
        assert.equal(granted?.status, 200);
      } finally {
        await listing.close();
      }
    } finally {
      app.server.close();
    }
  });
});
