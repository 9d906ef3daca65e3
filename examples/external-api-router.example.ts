// One test, two APIs: the app asks OpenAI for a tool call and calls a weather API; the weather API is mocked
// on the same router (a fetch-mock instance), so nothing reaches the network.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

/** The app under test: asks the model which city, then fetches its weather. */
async function weatherReport(client: OpenAI, fetch: typeof globalThis.fetch, question: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  });
  const call = completion.choices[0]?.message.tool_calls?.[0];
  if (call?.type !== 'function') return 'no tool call';
  const { city } = JSON.parse(call.function.arguments) as { city: string };
  const weather = (await (await fetch(`https://api.weather.example/current?city=${city}`)).json()) as { celsius: number };
  return `${city}: ${weather.celsius}°C`;
}

describe('an external API beside OpenAI', () => {
  it('mocks both on one router', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] } }],
    };
    openaiMock.router.route('https://api.weather.example/current?city=Paris', { celsius: 21 });
    const fetch = createMockFetch(openaiMock);
    const client = new OpenAI({ apiKey: 'sk-fake', fetch });

    assert.equal(await weatherReport(client, fetch, 'How warm is it in Paris?'), 'Paris: 21°C');
    assert.equal(openaiMock.router.callHistory.calls('https://api.weather.example/current?city=Paris').length, 1);
  });
});
