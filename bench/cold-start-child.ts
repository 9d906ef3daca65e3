/**
 * One fresh process's first call (run by `cold-start.bench.ts`): prints, as JSON, how long importing the library
 * took and how long the first `chat.completions.create` or `responses.create` (argv[2]) took, in ms of the
 * process's CPU time (on a shared machine, another process's load does not count).
 */
function now(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const importStarted = now();
const { OpenAIMock, createMockFetch } = await import('../lib/index.js');
const { default: OpenAI } = await import('openai');
const imported = now() - importStarted;
const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(new OpenAIMock()) });
const which = process.argv[2] ?? 'chat';
const started = now();
if (which === 'chat') await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello!' }] });
else await client.responses.create({ model: 'gpt-4o', input: 'Hello!' });
const first = now() - started;
const secondStarted = now();
if (which === 'chat') await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello again!' }] });
else await client.responses.create({ model: 'gpt-4o', input: 'Hello again!' });
const second = now() - secondStarted;
console.log(JSON.stringify({ imported, first, second }));
