import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
const client = new OpenAI({ apiKey: 'sk', fetch: createMockFetch(new OpenAIMock()) });
const input: OpenAI.Responses.ResponseInputItem[] = [];
const which = process.argv[2];
let prev: string|undefined;
const messages: any[] = [{role:'system', content:'You are'}];
const t0 = performance.now();
for (let turn = 1; turn <= 400; turn++) {
  if (which === 'ref') {
    input.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
    const r = await client.responses.create({ model: 'gpt-4o', input });
    for (const item of r.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
  } else if (which === 'chain') {
    const r = await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(prev && {previous_response_id: prev}) });
    prev = r.id;
  } else {
    messages.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
    const c = await client.chat.completions.create({ model: 'gpt-4o', messages });
    messages.push({ role: 'assistant', content: c.choices[0]!.message.content ?? '' });
  }
}
console.log(which, performance.now() - t0);
