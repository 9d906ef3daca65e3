import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
const which = process.argv[2];
const opts = { ...(process.argv[3] === 'noval' && { validateRequests: false }), ...(process.argv[4] === 'nokeep' && { keepCalls: 0 }) };
const floor = process.argv[3] === 'floor';
const body = JSON.stringify({ id: 'resp_floor', object: 'response', created_at: 0, status: 'completed', model: 'gpt-4o', output: [{ id: 'msg_floor', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Noted.', annotations: [] }] }] });
async function conv() {
  const client = new OpenAI({ apiKey: 'sk', fetch: floor ? (async (_u: string, init: RequestInit) => { JSON.parse(String(init.body)); return new Response(body, { headers: { 'content-type': 'application/json' } }); }) as unknown as typeof fetch : createMockFetch(new OpenAIMock(opts)) });
  const input: OpenAI.Responses.ResponseInputItem[] = [];
  let prev: string | undefined;
  for (let turn = 1; turn <= 50; turn++) {
    if (which === 'ref') {
      input.push({ role: 'user', content: `Turn ${turn}: please remember the number ${turn * 7}.` });
      const r = await client.responses.create({ model: 'gpt-4o', input });
      for (const item of r.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
    } else {
      const r = await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(prev && { previous_response_id: prev }) });
      prev = r.id;
    }
  }
}
await conv(); await conv();
const t0 = performance.now();
for (let i = 0; i < 20; i++) await conv();
console.log(which, ((performance.now() - t0) / 1000).toFixed(3), 'ms/turn');
