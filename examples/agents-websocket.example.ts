// Scenario: an app built on the Agents SDK runs its agent on the Responses WebSocket transport (one socket for
// every turn of a run). The transport opens its socket with the global `WebSocket`, so the test patches it
// (`patchGlobalWebSocket`, or `patchGlobalWebSocket: true` in the runner helpers): the socket reaches the
// current test's mock in memory, and every turn is a call of `openaiMock.responses.create`.
import assert from 'node:assert/strict';
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, patchGlobalWebSocket, reply, socketConnections } from '../lib/index.js';

const looked: string[] = [];
const lookUpOrder = tool({
  name: 'look_up_order',
  description: 'Find an order by its number',
  parameters: z.object({ number: z.string() }),
  execute: async ({ number }) => {
    looked.push(number);
    return `Order ${number}: shipped on Monday.`;
  },
});
const supportAgent = new Agent({ name: 'Support', instructions: 'Answer order questions.', model: 'gpt-5', tools: [lookUpOrder] });

describe('example: the Agents SDK on the Responses WebSocket transport', () => {
  let openaiMock: OpenAIMock;
  let restore: () => void;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    restore = patchGlobalWebSocket(openaiMock);
    looked.length = 0;
  });
  afterEach(() => restore());

  it('runs a tool, then answers, over one socket', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('look_up_order', { number: 'A-17' }), reply.text('Your order A-17 shipped on Monday.')];
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const provider = new OpenAIProvider({ openAIClient: client, useResponsesWebSocket: true });
    try {
      const result = await new Runner({ modelProvider: provider, tracingDisabled: true }).run(supportAgent, 'Where is my order A-17?');
      assert.equal(result.finalOutput, 'Your order A-17 shipped on Monday.');
    } finally {
      await provider.close();
    }
    assert.deepEqual(looked, ['A-17']);
    assert.equal(openaiMock.responses.create.calls.length, 2);
    assert.equal(socketConnections(openaiMock).length, 1);
  });
});
