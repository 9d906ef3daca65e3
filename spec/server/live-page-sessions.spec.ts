// The live page of a server with sessions, in a browser: the server's own mock at /__openai-responses/ with the
// sessions listed, and each session's calls at /__openai-responses/sessions/<id>/, updating as its worker calls.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OpenAIMock, reply } from '../../lib/index.js';
import { MockServerClient, type MockServer, startServer } from '../../lib/server/index.js';
import { describeInBrowser, launchBrowser, screenshotPath } from '../support/browser.js';

const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: { order: { type: 'string' } } } } }];

describeInBrowser('the live page per session, in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: MockServer;
  let overview: Page;
  let worker: Page;

  before(async () => {
    server = await startServer(new OpenAIMock(), { sessions: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    overview = await context.newPage();
    worker = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens the server's own page with no session yet, and a session's page before its first request", async () => {
    await overview.goto(`${server.url}/__openai-responses/`);
    assert.match(await overview.locator('nav.sessions').innerText(), /none yet/);
    assert.equal(await overview.locator('#report .empty').innerText(), 'No calls yet.');

    const opened = await worker.goto(`${server.url}/__openai-responses/sessions/worker-1`);
    assert.equal(opened?.url(), `${server.url}/__openai-responses/sessions/worker-1/`, 'the page without its slash redirects to it');
    assert.equal(await worker.locator('h1').innerText(), 'openai-responses: session worker-1');
    assert.match(await worker.locator('nav.sessions').innerText(), /not made yet/);
    await worker.locator('#live', { hasText: 'live' }).waitFor();
    // Looking made no session.
    assert.deepEqual((await (await fetch(`${server.url}/__openai-responses/sessions`)).json()) as unknown, { object: 'list', data: [] });
  });

  it("shows a session's calls on its page as its worker makes them: the user's words, the tool call, the answer", async () => {
    const client = new OpenAI({ apiKey: 'sk-worker-1-key-0123456789abcdef', baseURL: `${server.url}/sessions/worker-1/v1`, maxRetries: 0 });
    await client.models.list();
    server.session('worker-1').chat.completions.create.responses = [reply.toolCall('lookup_order', { order: 'B-42' }, { id: 'call_b42' }), reply.text('Order B-42 left the warehouse.')];
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Has order B-42 shipped?' }];
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    const message = first.choices[0]?.message;
    assert.ok(message);
    messages.push(message, { role: 'tool', tool_call_id: 'call_b42', content: 'left on Monday' });
    await client.chat.completions.create({ model: 'gpt-4o', messages, tools });

    await worker.locator('#call-3 .answered .role-assistant .text').waitFor();
    assert.equal(await worker.locator('#call-2 .sent .role-user .text').innerText(), 'Has order B-42 shipped?');
    assert.equal(await worker.locator('#call-2 .tool-name').innerText(), 'lookup_order');
    assert.deepEqual(JSON.parse(await worker.locator('#call-2 .args').innerText()), { order: 'B-42' });
    assert.equal(await worker.locator('#call-3 .answered .role-assistant .text').innerText(), 'Order B-42 left the warehouse.');
    assert.doesNotMatch(await worker.locator('nav.sessions').innerText(), /not made yet/);
    assert.equal((await worker.content()).includes('sk-worker-1-key'), false);
    await worker.screenshot({ path: screenshotPath('live-page-session-worker-1.png'), fullPage: true });
  });

  it("lists the sessions on the server's page with their calls, and keeps the server's own calls apart", async () => {
    await overview.locator('a.session', { hasText: 'worker-1' }).waitFor();
    await overview.locator('a.session', { hasText: '3 calls' }).waitFor();
    // The server's own mock has made no call: its report stays empty.
    assert.equal(await overview.locator('#report .empty').innerText(), 'No calls yet.');

    const second = new OpenAI({ apiKey: 'sk-fake', baseURL: `${server.url}/sessions/worker-2/v1`, maxRetries: 0 });
    server.session('worker-2').responses.create.response = reply.text('Worker two here.');
    await second.responses.create({ model: 'gpt-4.1', input: 'Who answers worker two?' });
    await overview.locator('a.session', { hasText: 'worker-2' }).waitFor();
    assert.deepEqual(await overview.locator('a.session .session-id').allInnerTexts(), ['worker-1', 'worker-2']);

    server.openaiMock.chat.completions.create.response = reply.text('The default mock answers.');
    const own = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
    await own.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Not in a session' }] });
    await overview.locator('#call-1 .sent .role-user .text', { hasText: 'Not in a session' }).waitFor();
    assert.match(await overview.locator('.summary .count').innerText(), /^1 call$/);
    // None of it shows on worker-1's page.
    assert.equal(await worker.getByText('Not in a session').count(), 0);
    assert.equal(await worker.getByText('Who answers worker two?').count(), 0);
    assert.match(await worker.locator('.summary .count').innerText(), /^3 calls$/);
    await overview.screenshot({ path: screenshotPath('live-page-sessions.png'), fullPage: true });
  });

  it("opens a session's page from the list", async () => {
    await overview.locator('a.session', { hasText: 'worker-2' }).click();
    await overview.waitForURL(`${server.url}/__openai-responses/sessions/worker-2/`);
    assert.equal(await overview.locator('#call-1 .sent .role-user .text').innerText(), 'Who answers worker two?');
    assert.equal(await overview.locator('#call-1 .answered .role-assistant .text').innerText(), 'Worker two here.');
    await overview.locator('nav.sessions a', { hasText: 'all sessions' }).click();
    await overview.waitForURL(`${server.url}/__openai-responses/`);
  });

  it('empties a session’s page when the session is reset or ended from another process', async () => {
    await new MockServerClient(server.url, { session: 'worker-1' }).reset();
    await worker.locator('#report .empty').waitFor();
    await overview.locator('a.session', { hasText: '0 calls' }).waitFor();
    assert.equal(await new MockServerClient(server.url, { session: 'worker-1' }).deleteSession(), true);
    await worker.locator('nav.sessions', { hasText: 'not made yet' }).waitFor();
    await overview.locator('a.session', { hasText: 'worker-1' }).waitFor({ state: 'detached' });
  });

  it('answers a session page for an id that is not one, and with sessions off, as the control API does', async () => {
    const bad = await fetch(`${server.url}/__openai-responses/sessions/-bad-/`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'invalid_session_id');
    const plain = await startServer(new OpenAIMock());
    try {
      const off = await fetch(`${plain.url}/__openai-responses/sessions/worker-1/`);
      assert.equal(off.status, 404);
      assert.equal(((await off.json()) as { error: { code: string } }).error.code, 'sessions_off');
      const page = await (await fetch(`${plain.url}/__openai-responses/`)).text();
      assert.equal(page.includes('class="sessions"'), false, 'no list of sessions where there are none');
    } finally {
      await plain.close();
    }
  });
});
