import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
const which = process.argv[2];
const client = new OpenAI({ apiKey: 'sk', fetch: createMockFetch(new OpenAIMock()) });
const input: OpenAI.Responses.ResponseInputItem[] = [];
let prev: string | undefined;
let turn = 0;
async function step() {
  turn++;
  if (which === 'ref') {
    input.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
    const r = await client.responses.create({ model: 'gpt-4o', input });
    for (const item of r.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
  } else {
    const r = await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(prev && { previous_response_id: prev }) });
    prev = r.id;
  }
}
for (let i = 0; i < 500; i++) await step();
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
const t = performance.now();
for (let i = 0; i < 40; i++) await step();
console.log((performance.now() - t) / 40, 'ms/turn');
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(`/tmp/p5-${which}.cpuprofile`, JSON.stringify(profile));
