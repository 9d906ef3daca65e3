// Scenario: code built on the Vercel AI SDK (`ai` with the `@ai-sdk/openai` provider) is tested without the
// network. `createOpenAI({ fetch })` takes the mock's fetch; `generateText` and `streamText` then get what the
// test set on the route. `openai.chat(model)` talks to Chat Completions; `openai(model)` uses the Responses API
// in this provider version, so `openaiMock.responses.create` answers it.
import assert from 'node:assert/strict';
import { createOpenAI, type OpenAIProvider } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('Vercel AI SDK against the mock', () => {
  let openaiMock: OpenAIMock;
  let openai: OpenAIProvider;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    openai = createOpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  });

  describe('Chat Completions (openai.chat)', () => {
    it('generateText returns the text, finish reason and usage the mock answers', async () => {
      openaiMock.chat.completions.create.response = {
        choices: [{ message: { content: 'Hello from the mock!' } }],
        usage: { prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 },
      };

      const result = await generateText({ model: openai.chat('gpt-4o'), prompt: 'Say hello', maxRetries: 0 });

      assert.equal(result.text, 'Hello from the mock!');
      assert.equal(result.finishReason, 'stop');
      assert.equal(result.usage.inputTokens, 7);
      assert.equal(result.usage.outputTokens, 4);
      const body = openaiMock.chat.completions.create.calls[0]?.body as { model: string; messages: { role: string }[] };
      assert.equal(body.model, 'gpt-4o');
      assert.deepEqual(body.messages.map((message) => message.role), ['user']);
    });

    it('streamText yields the text in several parts that add up to it', async () => {
      openaiMock.chat.completions.create.response = {
        choices: [{ message: { content: 'A streamed answer, delta by delta.' } }],
      };

      const result = streamText({ model: openai.chat('gpt-4o'), prompt: 'Stream something', maxRetries: 0 });
      const parts: string[] = [];
      for await (const part of result.textStream) parts.push(part);

      assert.equal(parts.join(''), 'A streamed answer, delta by delta.');
      assert.ok(parts.length > 1, 'the text arrives in more than one part');
      assert.equal(await result.finishReason, 'stop');
      assert.equal((openaiMock.chat.completions.create.calls[0]?.body as { stream?: boolean }).stream, true);
    });

    it('surfaces an API error the mock answers', async () => {
      openaiMock.chat.completions.create.failures = { count: 1, status: 429 };

      await assert.rejects(
        generateText({ model: openai.chat('gpt-4o'), prompt: 'Hi', maxRetries: 0 }),
        (error: Error & { statusCode?: number }) => error.statusCode === 429,
      );
    });
  });

  describe('Responses API (openai(model), the provider default)', () => {
    it('generateText returns the output text the mock answers', async () => {
      openaiMock.responses.create.response = {
        output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello from the Responses API!' }] }],
      };

      const result = await generateText({ model: openai('gpt-4o'), prompt: 'Say hello', maxRetries: 0 });

      assert.equal(result.text, 'Hello from the Responses API!');
      const body = openaiMock.responses.create.calls[0]?.body as { model: string };
      assert.equal(body.model, 'gpt-4o');
    });

    it('streamText yields the output text as it streams', async () => {
      openaiMock.responses.create.response = {
        output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Streamed through Responses.' }] }],
      };

      const result = streamText({ model: openai('gpt-4o'), prompt: 'Stream something', maxRetries: 0 });
      const parts: string[] = [];
      for await (const part of result.textStream) parts.push(part);

      assert.equal(parts.join(''), 'Streamed through Responses.');
      assert.ok(parts.length > 1, 'the text arrives in more than one part');
      assert.equal(await result.finishReason, 'stop');
      assert.equal((openaiMock.responses.create.calls[0]?.body as { stream?: boolean }).stream, true);
    });
  });
});
