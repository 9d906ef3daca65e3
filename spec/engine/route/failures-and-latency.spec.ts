import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

describe('failures', () => {
  it('fails the first calls, retried by the SDK at once, then answers', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 3 });
    openaiMock.chat.completions.create.failures = 2;
    const completion = await client.chat.completions.create(request);
    assert.match(completion.id, /^chatcmpl-/);
    const statuses = openaiMock.chat.completions.create.calls.map((call) => call.response.status);
    assert.deepEqual(statuses, [500, 500, 200]);
    assert.equal(openaiMock.chat.completions.create.calls[0]?.response.headers.get('retry-after-ms'), '0');
  });

  it('raises the error when failures outnumber retries', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 1 });
    openaiMock.chat.completions.create.failures = { count: 5, status: 429, message: 'Rate limit reached', code: 'rate_limit_exceeded' };
    await assert.rejects(client.chat.completions.create(request), (error: unknown) =>
      error instanceof OpenAI.RateLimitError && error.code === 'rate_limit_exceeded' && error.message.includes('Rate limit reached'),
    );
    assert.equal(openaiMock.chat.completions.create.calls.length, 2);
    assert.equal((openaiMock.chat.completions.create.failures as { count: number }).count, 3);
  });

  it('carries an x-request-id the SDK reads on errors and successes', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    openaiMock.chat.completions.create.failures = 1;
    const error = await client.chat.completions.create(request).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.InternalServerError);
    assert.match(error.requestID ?? '', /^req_/);
    const { data, request_id } = await client.chat.completions.create(request).withResponse();
    assert.match(request_id ?? '', /^req_/);
    assert.equal(data.object, 'chat.completion');
  });
});

describe('latency', () => {
  it('waits before answering', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.latency = 30;
    const started = Date.now();
    await client.chat.completions.create(request);
    assert.ok(Date.now() - started >= 25);
  });

  it("honours the client's timeout: the SDK raises its timeout error", async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0, timeout: 20 });
    openaiMock.chat.completions.create.latency = 2_000;
    await assert.rejects(client.chat.completions.create(request), OpenAI.APIConnectionTimeoutError);
  });

  it('honours an abort signal: the SDK raises its abort error', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    openaiMock.chat.completions.create.latency = 2_000;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(client.chat.completions.create(request, { signal: controller.signal }), OpenAI.APIUserAbortError);
  });
});
