import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch, renderReportPage } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

/** The page's text as a person reads it, tags dropped (entities kept). */
const textOf = (page: string): string => page.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('renderReportPage: what a report holds', () => {
  it('says so when there are no calls (keepCalls: 0 keeps none)', async () => {
    const openaiMock = new OpenAIMock({ keepCalls: 0 });
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    await client.models.list();
    assert.match(textOf(await renderReportPage(openaiMock)), /0 calls .* No calls yet\./);
  });

  it('cuts a large image with its size, keeping the page small', async () => {
    const { openaiMock, client } = mockedClient();
    const big = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${big}` } }] }] });
    const page = await renderReportPage(openaiMock);
    assert.ok(page.length < 200_000, `${page.length} characters`);
    assert.match(textOf(page), /image · 3\.0 MB \(too large to show\)/);
    assert.match(textOf(page), /\[cut: 4\.0 MB in all\]/);
  });

  it('reads a structured output as its JSON, and a refusal as a refusal', async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.chat.completions.create.responses = [
      { choices: [{ message: { content: '{"city":"Paris","celsius":21}' } }] },
      { choices: [{ message: { content: null, refusal: 'I cannot help with that.' } }] },
    ];
    const format = { type: 'json_schema' as const, json_schema: { name: 'weather', strict: true, schema: { type: 'object', properties: { city: { type: 'string' }, celsius: { type: 'number' } }, required: ['city', 'celsius'], additionalProperties: false } } };
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather?' }], response_format: format });
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Something bad' }] });
    const text = textOf(await renderReportPage(openaiMock));
    assert.match(text, /structured output \{ &quot;city&quot;: &quot;Paris&quot;, &quot;celsius&quot;: 21 \}/);
    assert.match(text, /refusal I cannot help with that\./);
  });

  it('names an answer it cannot read again, and a mock error with its status', async () => {
    const { openaiMock, client } = mockedClient({}, { maxRetries: 0 });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"once"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'));
        controller.close();
      },
    });
    openaiMock.chat.completions.create.response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    for await (const _chunk of stream) void _chunk;
    openaiMock.embeddings.create.response = () => {
      throw new Error('my function broke');
    };
    await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }), OpenAI.InternalServerError);
    const text = textOf(await renderReportPage(openaiMock));
    assert.match(text, /the answer could not be read again: This streaming Response was already used/);
    assert.match(text, /500 mock_error openai-responses: client\.embeddings\.create\(\) failed inside the mock: my function broke/);
  });
});
