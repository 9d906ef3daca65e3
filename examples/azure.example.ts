// Azure OpenAI: deployment URLs (`/openai/deployments/{deployment}/...?api-version=...`) reach the same routes.
import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('Azure OpenAI', () => {
  it('answers an AzureOpenAI client from the same routes', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from Azure' } }] };
    const client = new AzureOpenAI({
      endpoint: 'https://contoso.openai.azure.com',
      apiKey: 'azure-fake-key',
      apiVersion: '2024-10-21',
      deployment: 'gpt-4o-prod',
      fetch: createMockFetch(openaiMock),
    });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Azure');
    assert.match(openaiMock.chat.completions.create.calls[0]?.request.url ?? '', /\/openai\/deployments\/gpt-4o-prod\/chat\/completions\?api-version=2024-10-21$/);
  });
});
