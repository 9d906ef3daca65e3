/**
 * One fresh process's first call (run by `cold-start.bench.ts`): prints, as JSON, how long importing the library
 * took and how long the first `chat.completions.create` or `responses.create` (argv[2]) took, then a second one:
 * in ms of the process's CPU time (all its threads: the garbage collector's and the compiler's helpers too; on a
 * shared machine, another process's load does not count), and of the main thread's alone (`thread`).
 */
function now(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
function threadNow(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}
const importStarted = now();
const { OpenAIMock, createMockFetch } = await import('../lib/index.js');
const { default: OpenAI } = await import('openai');
const imported = now() - importStarted;
const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(new OpenAIMock()) });
const which = process.argv[2] ?? 'chat';
const call = (text: string): Promise<unknown> =>
  which === 'chat' ? client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }) : client.responses.create({ model: 'gpt-4o', input: text });
let [started, threadStarted] = [now(), threadNow()];
await call('Hello!');
const [first, firstThread] = [now() - started, threadNow() - threadStarted];
[started, threadStarted] = [now(), threadNow()];
await call('Hello again!');
const [second, secondThread] = [now() - started, threadNow() - threadStarted];
console.log(JSON.stringify({ imported, first, firstThread, second, secondThread }));
