import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { OpenAIMock, createMockFetch, hasToolResult, reply, writeReport } from '../../lib/index.js';
import { describeInBrowser, launchBrowser, screenshotPath } from '../support/browser.js';

const key = 'sk-proj-secretsecretsecret1234567890';
/** A 1x1 red PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const weatherTool: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'The weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/** A test's traffic as a user's agent makes it: a chat tool loop, a Responses chain, a stream, an error, media, a file. */
async function agentTraffic(): Promise<OpenAIMock> {
  const openaiMock = new OpenAIMock();
  const client = new OpenAI({ apiKey: key, fetch: createMockFetch(openaiMock), maxRetries: 0 });
  openaiMock.chat.completions.create.once(reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_weather' }));
  openaiMock.chat.completions.create.when(hasToolResult('call_weather'), reply.text('It is 21 degrees in Paris.'));
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You answer weather questions.' },
    { role: 'user', content: 'Weather in Paris? <script>document.title="pwned"</script><img src=x onerror=alert(1)>' },
  ];
  const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });
  const message = first.choices[0]?.message;
  assert.ok(message);
  messages.push(message, { role: 'tool', tool_call_id: 'call_weather', content: '{"celsius":21}' });
  await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });

  openaiMock.responses.create.responses = [reply.text('A red square.'), reply.text('It is small.')];
  const described = await client.responses.create({
    model: 'gpt-4.1',
    instructions: 'Describe images.',
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is in this picture?' }, { type: 'input_image', image_url: `data:image/png;base64,${png}`, detail: 'auto' }] }],
  });
  const stream = await client.responses.create({ model: 'gpt-4.1', input: 'How big is it?', previous_response_id: described.id, stream: true });
  for await (const _event of stream) void _event;

  openaiMock.chat.completions.create.failures = { count: 1, status: 429, message: 'Rate limit reached for gpt-4o', code: 'rate_limit_exceeded' };
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Are you there?' }] }), OpenAI.RateLimitError);

  const speech = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello from the mock', response_format: 'wav' });
  await speech.arrayBuffer();
  await client.files.create({ file: new File(['{"prompt":"hi"}\n'], 'train.jsonl'), purpose: 'fine-tune' });
  return openaiMock;
}

describeInBrowser('writeReport: the report in a browser', () => {
  let browser: Browser;
  let page: Page;
  let file: string;
  let markup: string;

  before(async () => {
    const openaiMock = await agentTraffic();
    file = await writeReport(openaiMock, join(mkdtempSync(join(tmpdir(), 'openai-responses-report-')), 'agent.html'), { title: 'weather agent' });
    markup = readFileSync(file, 'utf8');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(file).href);
  });

  after(async () => {
    await page?.screenshot({ path: screenshotPath('report.png'), fullPage: true });
    await browser?.close();
  });

  it('shows every call in order, with its route and status, in the timeline', async () => {
    const rows = await page.locator('nav.timeline tbody tr').allInnerTexts();
    assert.equal(rows.length, 7);
    assert.deepEqual(rows.map((row) => row.split('\t')[2]), ['chat.completions.create', 'chat.completions.create', 'responses.create', 'responses.create', 'chat.completions.create', 'audio.speech.create', 'files.create']);
    assert.match(rows[4] ?? '', /429/);
  });

  it("shows the user's words as text, even markup, and runs none of it", async () => {
    const user = page.locator('#call-1 .sent .role-user');
    assert.equal(await user.locator('.text').innerText(), 'Weather in Paris? <script>document.title="pwned"</script><img src=x onerror=alert(1)>');
    assert.equal(await page.title(), 'weather agent');
    assert.equal(await page.locator('#report script, #report img:not(.image img)').count(), 0);
    assert.doesNotMatch(markup, /<script>document/);
  });

  it('shows the tools offered, the tool call with its arguments and the tool result, then the answer, as one thread', async () => {
    const thread = page.locator('section.thread', { has: page.locator('#call-1') });
    assert.match(await thread.locator('h2').innerText(), /2 calls · linked by growing history/);
    assert.match(await page.locator('#call-1 .tools summary').innerText(), /tools offered: get_weather/);
    const toolCall = page.locator('#call-1 .answered .tool-call');
    assert.equal(await toolCall.locator('.tool-name').innerText(), 'get_weather');
    assert.deepEqual(JSON.parse(await toolCall.locator('.args').innerText()), { city: 'Paris' });
    assert.match(await page.locator('#call-2 .sent .tool-result').innerText(), /call_weather[\s\S]*"celsius":21/);
    assert.equal(await page.locator('#call-2 .answered .role-assistant .text').innerText(), 'It is 21 degrees in Paris.');
    assert.match(await page.locator('#call-2 .sent .repeated').innerText(), /2 earlier items/);
    assert.match(await page.locator('#call-2 .by').innerText(), /when rule 1: hasToolResult\("call_weather"\)/);
    assert.match(await page.locator('#call-1 .by').innerText(), /answer 1 of the sequence/);
  });

  it('shows a Responses chain by previous_response_id as one thread: the image as a thumbnail, the stream assembled', async () => {
    const thread = page.locator('section.thread', { has: page.locator('#call-3') });
    assert.match(await thread.locator('h2').innerText(), /linked by previous_response_id/);
    assert.equal(await thread.locator('article.call').count(), 2);
    const image = page.locator('#call-3 .sent figure.image img');
    assert.equal(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth), 1);
    assert.equal(await page.locator('#call-3 .sent .role-system .text').innerText(), 'Describe images.');
    assert.equal(await page.locator('#call-4 .answered .role-assistant .text').innerText(), 'It is small.');
    assert.match(await page.locator('#call-4 .call-head').innerText(), /stream/);
    assert.match(await page.locator('#call-3 .call-head').innerText(), /tokens \d+ in · \d+ out/);
  });

  it("shows an error's status and message, and what answered it", async () => {
    const call = page.locator('#call-5');
    assert.equal(await call.locator('.error .status').innerText(), '429');
    assert.match(await call.locator('.error').innerText(), /rate_limit_exceeded Rate limit reached for gpt-4o/);
    assert.match(await call.locator('.by').innerText(), /a configured failure/);
  });

  it('plays audio answers and names files by name and size', async () => {
    const audio = page.locator('#call-6 audio');
    assert.match((await audio.getAttribute('src')) ?? '', /^data:audio\/wav;base64,/);
    assert.match(await page.locator('#call-7 .file').innerText(), /train\.jsonl · 16 B/);
  });

  it('folds the raw JSON away, and never shows the key', async () => {
    const raw = page.locator('#raw-1');
    assert.equal(await raw.evaluate((element: HTMLDetailsElement) => element.open), false);
    await page.locator('#expand').click();
    assert.equal(await raw.evaluate((element: HTMLDetailsElement) => element.open), true);
    assert.match(await raw.innerText(), /authorization: Bearer \[redacted:[0-9a-f]{8}\]/);
    assert.equal(markup.includes(key), false);
    assert.equal(markup.includes('secretsecret'), false);
  });

  it('filters the calls by what they hold', async () => {
    await page.locator('#filter').fill('train.jsonl');
    assert.equal(await page.locator('article.call:visible').count(), 1);
    await page.locator('#filter').fill('');
    assert.equal(await page.locator('article.call:visible').count(), 7);
  });

  it('loads nothing from the network: one file, its style and script inline, under a policy that forbids the rest', async () => {
    assert.doesNotMatch(markup, /<(link|script)[^>]+(src|href)=/);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy ?? '', /^default-src 'none'; img-src data:; media-src data:;/);
  });
});
