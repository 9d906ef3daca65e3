import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { apiError, createMockFetch, delay, eventStream, streamError } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';
import { exemptFromConformance } from '../../support/conformance/exemptions.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

describe('route responses', () => {
  it('answers a full model as it is, e.g. one a previous call returned', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'first' } }] };
    const first = await client.chat.completions.create(request);
    openaiMock.chat.completions.create.response = { ...first, id: 'chatcmpl-fixed' };
    const second = await client.chat.completions.create(request);
    assert.equal(second.id, 'chatcmpl-fixed');
    assert.equal(second.choices[0]?.message.content, 'first');
  });

  it('answers a raw Response: a 500 raises InternalServerError with maxRetries 0', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    openaiMock.chat.completions.create.response = new Response(null, { status: 500 });
    await assert.rejects(client.chat.completions.create(request), OpenAI.InternalServerError);
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('answers the same raw Response to every call', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    openaiMock.models.list.response = apiError(403, 'You are not allowed to list models', { code: 'forbidden' });
    for (let i = 0; i < 3; i++) {
      await assert.rejects(client.models.list(), (error: unknown) => error instanceof OpenAI.PermissionDeniedError && error.code === 'forbidden');
    }
  });

  it('calls a function with the request, the route, the state and the path params', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 3 });
    openaiMock.chat.completions.create.response = ({ route, body }) => {
      if (route.calls.length < 2) return new Response(null, { status: 500 });
      const model = body.model;
      return { choices: [{ message: { content: `third time, ${model}` } }] };
    };
    const completion = await client.chat.completions.create(request);
    assert.equal(completion.choices[0]?.message.content, 'third time, gpt-4o');
    assert.equal(openaiMock.chat.completions.create.calls.length, 3);
  });

  it('passes decoded path parameters to a function, and awaits async functions', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.models.retrieve.response = async ({ params, state }) => {
      await new Promise((resolve) => setImmediate(resolve));
      return { id: params.model, owned_by: `seen ${state.models.size} models` };
    };
    const model = await client.models.retrieve('ft:gpt-4o:my org:custom');
    assert.equal(model.id, 'ft:gpt-4o:my org:custom');
    assert.match(model.owned_by, /^seen \d+ models$/);
  });

  it('streams a sequence the user builds, with a delay and an error in the middle', async () => {
    const { client, openaiMock } = mockedClient();
    const chunk = (content: string) => ({
      id: 'chatcmpl-custom',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'gpt-4o',
      choices: [{ index: 0, delta: { content }, finish_reason: null, logprobs: null }],
    });
    openaiMock.chat.completions.create.response = () => eventStream([chunk('Hel'), delay(5), chunk('lo'), streamError({ message: 'overloaded' })]);
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const part of stream) seen.push(part.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && error.message.includes('overloaded'),
    );
    assert.deepEqual(seen, ['Hel', 'lo']);
  });

  it('answers routes without a default with what the user sets, and a clear 501 otherwise', async () => {
    // Admin (organization) routes have no default answer.
    const { openaiMock } = mockedClient();
    const client = new OpenAI({ apiKey: 'sk-fake', adminAPIKey: 'sk-admin-fake', fetch: createMockFetch(openaiMock) });
    await assert.rejects(client.admin.organization.invites.list(), (error: unknown) =>
      error instanceof OpenAI.APIError && error.status === 501 && /openaiMock\.admin\.organization\.invites\.list\.response/.test(error.message),
    );
    exemptFromConformance('a route without a default answers the test\'s value as it is: here a bare page, without its cursors', ['admin.organization.invites.list']);
    openaiMock.admin.organization.invites.list.response = { object: 'list', data: [], has_more: false };
    const page = await client.admin.organization.invites.list();
    assert.deepEqual(page.data, []);
  });

  it('reset() forgets responses, calls, latency and failures', async () => {
    const { client, openaiMock } = mockedClient();
    const route = openaiMock.chat.completions.create;
    route.response = { choices: [{ message: { content: 'set' } }] };
    route.latency = 5;
    route.failures = 1;
    route.reset();
    const completion = await client.chat.completions.create(request);
    assert.equal(completion.choices[0]?.message.content, '');
    assert.equal(route.calls.length, 1);
    assert.equal(route.failures, 0);
  });
});
