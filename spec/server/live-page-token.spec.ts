// The live page of a server with a token: a browser cannot send `Authorization: Bearer`, so the page takes the token
// once in its link, keeps it in an HttpOnly, SameSite=Strict cookie scoped to the page's path, and drops it from the
// address bar. Without the token (or with a wrong one) a person sees a 401 page that says what to do, never the data;
// the cookie opens the page, never the control API; and another site's page gets nothing.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OpenAIMock, reply } from '../../lib/index.js';
import { MockServerClient, type MockServer, startServer } from '../../lib/server/index.js';
import { describeInBrowser, launchBrowser, screenshotPath } from '../support/browser.js';
import { head, rawRequest } from './support/raw-http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const token = 'live-page-token-5f2c9e';

describeInBrowser('the live page of a server with a token, in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: MockServer;
  let client: OpenAI;

  before(async () => {
    server = await startServer(new OpenAIMock(), { token, sessions: true });
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
    server.openaiMock.chat.completions.create.responses = [reply.text('The secret plan is safe.'), reply.text('Second answer, seen live.')];
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me the secret plan' }] });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a 401 page that says what to do, and none of the calls, without the token', async () => {
    const opened = await page.goto(`${server.url}/__openai-responses/`);
    assert.equal(opened?.status(), 401);
    assert.equal(await page.locator('h1').innerText(), "This live page needs the server's token");
    assert.match(await page.locator('#reason').innerText(), /No token came with this request/);
    assert.equal((await page.content()).includes('secret plan'), false);
    await page.screenshot({ path: screenshotPath('live-page-token-required.png'), fullPage: true });

    const wrong = await page.goto(`${server.url}/__openai-responses/?token=guess`);
    assert.equal(wrong?.status(), 401);
    assert.match(await page.locator('#reason').innerText(), /not this server's token/);
    assert.equal((await page.content()).includes('secret plan'), false);
    assert.deepEqual(await context.cookies(), [], 'no cookie for a wrong token');
  });

  it("opens from the server's link: the token becomes a cookie and leaves the address bar", async () => {
    assert.equal(server.livePageURL, `${server.url}/__openai-responses/?token=${token}`);
    const opened = await page.goto(server.livePageURL);
    assert.equal(opened?.status(), 200);
    assert.equal(page.url(), `${server.url}/__openai-responses/`);
    assert.equal(await page.locator('#call-1 .sent .role-user .text').innerText(), 'Tell me the secret plan');
    await page.locator('#live', { hasText: 'live' }).waitFor();

    const [cookie, ...others] = await context.cookies();
    assert.deepEqual(others, []);
    assert.equal(cookie?.name, `openai-responses-live-${server.port}`);
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(cookie?.path, '/__openai-responses');
    assert.notEqual(cookie?.value, token, 'the cookie is not the token');
    assert.equal(cookie?.value.includes(token), false);
    assert.equal(await page.evaluate(() => document.cookie), '', 'no script on the page can read it');
  });

  it('updates live on the cookie, and opens a session page with it', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'And now?' }] });
    await page.locator('#call-2 .answered .role-assistant .text', { hasText: 'Second answer, seen live.' }).waitFor();
    await page.screenshot({ path: screenshotPath('live-page-token.png'), fullPage: true });

    const worker = new OpenAI({ apiKey: 'sk-fake', baseURL: `${server.url}/sessions/worker-1/v1`, maxRetries: 0 });
    server.session('worker-1').responses.create.response = reply.text('Session answer behind the token.');
    await worker.responses.create({ model: 'gpt-4.1', input: 'A session call' });
    const opened = await page.goto(`${server.url}/__openai-responses/sessions/worker-1/`);
    assert.equal(opened?.status(), 200);
    assert.equal(await page.locator('#call-1 .answered .role-assistant .text').innerText(), 'Session answer behind the token.');
  });

  it('never lets the cookie reach the control API, and the control API still takes the bearer token', async () => {
    const [cookie] = await context.cookies();
    assert.ok(cookie);
    const withCookie = { cookie: `${cookie.name}=${cookie.value}` };
    for (const control of ['/__openai-responses/state', '/__openai-responses/routes/chat.completions.create/calls', '/__openai-responses/sessions/worker-1/state']) {
      const answer = await fetch(`${server.url}${control}`, { headers: withCookie });
      assert.equal(answer.status, 401, control);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'invalid_control_token');
    }
    const reset = await fetch(`${server.url}/__openai-responses/reset`, { method: 'POST', headers: { ...withCookie, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(reset.status, 401);
    assert.equal(server.openaiMock.calls.length, 2, 'nothing was reset');
    // The page itself, to a program with the bearer token; and the control API to MockServerClient.
    const asProgram = await fetch(`${server.url}/__openai-responses/`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(asProgram.status, 200);
    assert.match(await asProgram.text(), /Tell me the secret plan/);
    assert.equal((await new MockServerClient(server.url, { token }).route('chat.completions.create').calls()).length, 2);
  });

  it("gives another site's page nothing: not the page, not its updates, not a way to log in", async () => {
    const [cookie] = await context.cookies();
    assert.ok(cookie);
    const host = `127.0.0.1:${server.port}`;
    const withCookie = `${cookie.name}=${cookie.value}`;
    // A link or a form from another site: the browser says cross-site (and would not send the SameSite=Strict cookie).
    const linked = await rawRequest(server.port, head(`GET /__openai-responses/?token=${token}`, { host, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }));
    assert.equal(linked.status, 403);
    assert.equal(linked.headers['set-cookie'], undefined);
    // A script of another site, even were it to hold the cookie: refused by its Origin.
    const fetched = await rawRequest(server.port, head('GET /__openai-responses/live/events', { host, origin: 'https://evil.example', cookie: withCookie }));
    assert.equal(fetched.status, 403);
    assert.equal(fetched.headers['access-control-allow-origin'], undefined);
    // A name of its own rebound to this machine (DNS rebinding): refused by the Host, whatever it carries.
    const rebound = await rawRequest(server.port, head('GET /__openai-responses/', { host: `rebound.example:${server.port}`, cookie: withCookie }));
    assert.equal(rebound.status, 403);
    assert.equal(rebound.body.includes('secret plan'), false);
    // The update stream without a cookie: a 401 in the API's shape.
    const events = await rawRequest(server.port, head('GET /__openai-responses/live/events', { host }));
    assert.equal(events.status, 401);
    assert.equal(events.error?.code, 'invalid_control_token');
    // A cookie made for another token.
    const stale = await rawRequest(server.port, head('GET /__openai-responses/', { host, cookie: `${cookie.name}=not-the-value` }));
    assert.equal(stale.status, 401);
    assert.match(stale.body, /not for this server&#39;s token/);
  });
});

describe('the CLI prints the live page link once, with its token', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('prints the link with ?token= when a token is set, and without one when none is', async function () {
    this.timeout(60_000);
    const printed = async (args: string[]): Promise<string> => {
      const started = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/server/cli.ts'), 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPENAI_RESPONSES_TOKEN: '' } });
      child = started;
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        started.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/live page: \S+\n/.test(text)) resolve(text);
        });
        started.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      started.kill('SIGKILL');
      return output;
    };
    const guarded = await printed(['--token', 'cli-token-7']);
    const link = /live page: (\S+)/.exec(guarded)?.[1] ?? '';
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/__openai-responses\/\?token=cli-token-7$/);
    assert.equal(guarded.split('cli-token-7').length - 1, 1, 'the token is printed once');
    const open = await printed([]);
    assert.match(/live page: (\S+)/.exec(open)?.[1] ?? '', /^http:\/\/127\.0\.0\.1:\d+\/__openai-responses\/$/);
  });
});
