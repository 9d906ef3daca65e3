import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type OpenAI from 'openai';
import { mockedClient } from '../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

/** The bytes of a body stream, read to its end. */
async function streamed(body: ReadableStream<Uint8Array> | null): Promise<string> {
  assert.ok(body);
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('the Response of a JSON answer (lib/internal/answer.ts)', () => {
  it('reads as a plain Response does, whichever way it is read: text, json, the body stream, bytes, a blob, a clone', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] };
    const readers: ((response: Response) => Promise<string>)[] = [
      (response) => response.text(),
      async (response) => JSON.stringify(await response.json()),
      (response) => streamed(response.body),
      async (response) => new TextDecoder().decode(await response.arrayBuffer()),
      async (response) => new TextDecoder().decode(await response.bytes()),
      async (response) => (await response.blob()).text(),
      (response) => response.clone().text(),
    ];
    for (const read of readers) {
      const response = await client.chat.completions.create(request).asResponse();
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(response.bodyUsed, false);
      const text = await read(response);
      const completion = JSON.parse(text) as OpenAI.Chat.ChatCompletion;
      assert.equal(completion.choices[0]?.message.content, 'Hi!');
      assert.match(completion.id, /^chatcmpl-/);
    }
  });

  it('is read once, as a plain Response: a second read is refused, after any first read', async () => {
    const { client } = mockedClient();
    const firstReads: ((response: Response) => Promise<unknown>)[] = [
      (response) => response.text(),
      (response) => response.json(),
      (response) => response.arrayBuffer(),
      (response) => streamed(response.body),
    ];
    for (const first of firstReads) {
      const response = await client.chat.completions.create(request).asResponse();
      await first(response);
      assert.equal(response.bodyUsed, true);
      await assert.rejects(response.text(), TypeError);
      await assert.rejects(response.json(), TypeError);
      await assert.rejects(response.arrayBuffer(), TypeError);
      assert.throws(() => response.clone(), TypeError);
    }
  });

  it('gives the client and the call record a Response each, and an error answer reads as one too', async () => {
    const { client, openaiMock } = mockedClient();
    const completion = await client.chat.completions.create(request);
    const [call] = openaiMock.chat.completions.create.calls;
    assert.equal(((await call?.response.json()) as OpenAI.Chat.ChatCompletion).id, completion.id);
    assert.equal(call?.response.bodyUsed, true);
    const refused = await client.chat.completions.create({ ...request, model: 'not-a-model' }).catch((error: unknown) => error);
    assert.ok(refused instanceof Error && 'status' in refused);
    assert.equal(refused.status, 404);
    const failed = openaiMock.chat.completions.create.calls[1]?.response;
    assert.equal(failed?.status, 404);
    assert.equal(((await failed?.json()) as { error: { code: string } }).error.code, 'model_not_found');
  });
});
