import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { OpenAIMock, reply } from '../../lib/index.js';
import { MockServerClient, type MockServer, startServer } from '../../lib/server/index.js';
import { describeInBrowser, launchBrowser, screenshotPath } from '../support/browser.js';

describeInBrowser('the live page of a served mock, in a browser', () => {
  let browser: Browser;
  let page: Page;
  let server: MockServer;
  let client: OpenAI;

  before(async () => {
    server = await startServer(new OpenAIMock());
    client = new OpenAI({ apiKey: 'sk-live-page-key-0123456789abcdef', baseURL: server.baseURL, maxRetries: 0 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });

  after(async () => {
    await page?.screenshot({ path: screenshotPath('live-page.png'), fullPage: true });
    await browser?.close();
    await server?.close();
  });

  it('opens at /__openai-responses/ with no calls yet, and connects to its updates', async () => {
    const opened = await page.goto(`${server.url}/__openai-responses`);
    assert.equal(opened?.url(), `${server.url}/__openai-responses/`);
    assert.match(opened?.headers()['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal(await page.locator('#report .empty').innerText(), 'No calls yet.');
    await page.locator('#live', { hasText: 'live' }).waitFor();
  });

  it("shows calls as they arrive: the user's words, the tool call and its arguments, the answer", async () => {
    server.openaiMock.chat.completions.create.responses = [reply.toolCall('lookup_order', { order: 'A-17' }, { id: 'call_order' }), reply.text('Order A-17 ships tomorrow.')];
    const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: { order: { type: 'string' } } } } }];
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Where is my order A-17? <b>soon</b>' }];
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    await page.locator('#call-1 .answered .tool-call').waitFor();
    assert.equal(await page.locator('#call-1 .sent .role-user .text').innerText(), 'Where is my order A-17? <b>soon</b>');
    assert.equal(await page.locator('#call-1 .tool-name').innerText(), 'lookup_order');
    assert.deepEqual(JSON.parse(await page.locator('#call-1 .args').innerText()), { order: 'A-17' });

    const message = first.choices[0]?.message;
    assert.ok(message);
    messages.push(message, { role: 'tool', tool_call_id: 'call_order', content: 'ships tomorrow' });
    await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    await page.locator('#call-2 .answered .role-assistant .text').waitFor();
    assert.equal(await page.locator('#call-2 .answered .role-assistant .text').innerText(), 'Order A-17 ships tomorrow.');
    assert.match(await page.locator('.summary .count').innerText(), /^2 calls$/);
  });

  it("shows an error's status as it happens, and keeps the raw JSON a person opened", async () => {
    await page.locator('#raw-1 summary').click();
    server.openaiMock.responses.create.failures = { count: 1, status: 503, message: 'The engine is overloaded' };
    await assert.rejects(client.responses.create({ model: 'gpt-4.1', input: 'Hello?' }), OpenAI.InternalServerError);
    await page.locator('#call-3 .error').waitFor();
    assert.equal(await page.locator('#call-3 .error .status').innerText(), '503');
    assert.match(await page.locator('#call-3 .error').innerText(), /The engine is overloaded/);
    assert.equal(await page.locator('#raw-1').evaluate((element: HTMLDetailsElement) => element.open), true);
    assert.equal((await page.content()).includes('sk-live-page-key'), false);
  });

  it('empties when the mock is reset from another process', async () => {
    await new MockServerClient(server.url).reset();
    await page.locator('#report .empty').waitFor();
    assert.equal(await page.locator('article.call').count(), 0);
  });
});
