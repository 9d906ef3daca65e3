// Scenario: a team already answers its other HTTP APIs with msw 3's `setupServer`, and its app builds `new OpenAI()`
// with no `fetch` of its own (the global fetch, which msw intercepts). One `http.all(...)` line hands everything
// under the OpenAI base URL to the mock, beside the team's own handlers; the app's code does not change.
//
//   http.all('https://api.openai.com/v1/*', ({ request }) => createMockFetch(openaiMock)(request))
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch, reply } from '../lib/index.js';

/** The app under test: asks the weather service, then the model, over the global fetch. */
async function forecastSummary(city: string): Promise<string> {
  const weather = (await (await fetch(`https://weather.example/v1/current?city=${city}`)).json()) as { temperature: number };
  const client = new OpenAI({ apiKey: 'sk-fake', maxRetries: 0 });
  const response = await client.responses.create({ model: 'gpt-4.1', input: `Summarise: ${city} is at ${weather.temperature}°C.` });
  return response.output_text;
}

describe('msw 3: OpenAI answered by the mock inside the same setupServer as another API', () => {
  const openaiMock = new OpenAIMock();
  const server = setupServer(
    http.all('https://api.openai.com/v1/*', ({ request }) => createMockFetch(openaiMock)(request)),
    http.get('https://weather.example/v1/current', ({ request }) =>
      HttpResponse.json({ city: new URL(request.url).searchParams.get('city'), temperature: 21 }),
    ),
  );

  before(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    openaiMock.reset();
  });
  after(() => server.close());

  it('answers the app through the real client, with the other API beside it', async () => {
    openaiMock.responses.create.response = reply.text('Mild and sunny in Paris.');

    assert.equal(await forecastSummary('Paris'), 'Mild and sunny in Paris.');

    const [call] = openaiMock.responses.create.calls;
    assert.equal(call?.body.input, 'Summarise: Paris is at 21°C.');
    assert.equal(openaiMock.responses.create.calls.length, 1);
  });

  it('keeps the mock stateful and its errors in the API shape behind msw', async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', maxRetries: 0 });
    const file = await client.files.create({ file: new File(['{"a":1}\n'], 'data.jsonl'), purpose: 'batch' });
    assert.equal((await client.files.retrieve(file.id)).filename, 'data.jsonl');

    await assert.rejects(client.files.retrieve('file-missing'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.match(error.message, /No such File object: file-missing/);
      return true;
    });
  });
});
