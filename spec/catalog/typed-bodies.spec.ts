import assert from 'node:assert/strict';
import { toFile } from 'openai';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import type { RunUpdateParams } from 'openai/resources/beta/threads/runs';
import type { RouteBody, RouteName } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

// These tests are type checks as much as runtime ones: `tsc -p .` compiles them with no casts, and the
// `@ts-expect-error` lines fail the type check if the body were `any` (or lost the SDK's types).
describe('typed bodies', () => {
  it('types calls[i].body with the SDK method params: ChatCompletionCreateParams for chat.completions.create', async () => {
    const { openaiMock, client } = mockedClient();
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.5 });
    const body: ChatCompletionCreateParams | undefined = openaiMock.chat.completions.create.calls[0]?.body;
    assert.equal(body?.model, 'gpt-4o');
    assert.deepEqual(body?.messages, [{ role: 'user', content: 'Hi' }]);
    assert.equal(body?.temperature, 0.5);
    // @ts-expect-error the body is typed, not any
    const notANumber: number | undefined = openaiMock.chat.completions.create.calls[0]?.body;
    assert.notEqual(typeof notANumber, 'number');
  });

  it("gives a response function the typed body, so it can answer from what was sent", async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.chat.completions.create.response = ({ body }) => ({
      choices: [{ message: { content: `${body.model} heard ${String(body.messages.at(-1)?.content)}` } }],
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
    assert.equal(completion.choices[0]?.message.content, 'gpt-4o-mini heard ping');
  });

  it('leaves out what the SDK sends in the path, and types multipart bodies as FormData and body-less routes as undefined', async () => {
    const { openaiMock, client } = mockedClient();
    const thread = await client.beta.threads.create();
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await client.beta.threads.runs.update(run.id, { thread_id: thread.id, metadata: { step: 'one' } });
    const update = openaiMock.beta.threads.runs.update.calls[0];
    const sent: Omit<RunUpdateParams, 'thread_id'> | undefined = update?.body;
    assert.deepEqual(sent, { metadata: { step: 'one' } });
    // @ts-expect-error thread_id goes into the path, not the body
    assert.equal(update?.body.thread_id, undefined);
    assert.equal(update?.params.thread_id, thread.id);

    const file = await client.files.create({ file: await toFile(Buffer.from('{}\n'), 'data.jsonl'), purpose: 'batch' });
    const form: FormData | undefined = openaiMock.files.create.calls[0]?.body;
    assert.equal(form?.get('purpose'), 'batch');

    await client.files.retrieve(file.id);
    const none: undefined = openaiMock.files.retrieve.calls[0]?.body;
    assert.equal(none, undefined);
  });

  it('names every route and its body type at the bottom layer', () => {
    const name: RouteName = 'chat.completions.create';
    const body: RouteBody<typeof name> = { model: 'gpt-4o', messages: [] };
    const { openaiMock } = mockedClient();
    assert.equal(openaiMock.routes.get(name)?.path, '/chat/completions');
    assert.equal(body.model, 'gpt-4o');
    // @ts-expect-error not a route
    const unknownName: RouteName = 'chat.completions.make';
    assert.equal(openaiMock.routes.get(unknownName), undefined);
  });
});
