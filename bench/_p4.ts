import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
const which = process.argv[2];
async function conv() {
  const client = new OpenAI({ apiKey: 'sk', fetch: createMockFetch(new OpenAIMock()) });
  const input: OpenAI.Responses.ResponseInputItem[] = [];
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are careful.' }];
  let prev: string | undefined;
  for (let turn = 1; turn <= 50; turn++) {
    if (which === 'ref') {
      input.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
      const r = await client.responses.create({ model: 'gpt-4o', input });
      for (const item of r.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
    } else if (which === 'chain') {
      const r = await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(prev && { previous_response_id: prev }) });
      prev = r.id;
    } else {
      messages.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
      const c = await client.chat.completions.create({ model: 'gpt-4o', messages });
      messages.push({ role: 'assistant', content: c.choices[0]?.message.content ?? '' });
    }
  }
}
for (let i = 0; i < 5; i++) await conv();
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let i = 0; i < 30; i++) await conv();
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(`/tmp/p4-${which}.cpuprofile`, JSON.stringify(profile));
