// Everything a test in process scripts, another process scripts through the control API: `when` rules with the
// library's predicates by name, `once` answers, replies, raw answers, custom event streams (delays, an error
// mid-stream), run scripts and lifecycle settings. Driven from outside: the real SDK over HTTP, MockServerClient
// and curl (the docs' own lines). A bad form is a 400 naming its field, and changes nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { OpenAIMock } from '../../lib/index.js';
import { type MockServer, MockServerClient, startServer } from '../../lib/server/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function shell(line: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { cwd: root }, (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }));
  });
}

const weather: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

function chunk(content: string, finish: 'stop' | null = null): OpenAI.ChatCompletionChunk {
  return { id: 'chatcmpl-custom', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o', choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: finish, logprobs: null }] };
}

describe('scripting a served mock from another process (control API)', () => {
  let server: MockServer;
  let client: OpenAI;
  let control: MockServerClient;

  beforeEach(async () => {
    server = await startServer(new OpenAIMock());
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
    control = new MockServerClient(server.url);
  });

  afterEach(() => server.close());

  const ask = async (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}): Promise<OpenAI.ChatCompletion> =>
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }], tools: [weather], ...extra });

  it('answers a tool loop by when rules with predicates by name, and the default otherwise', async () => {
    const chat = control.route('chat.completions.create');
    await chat.when({ hasToolResult: 'call_paris' }, { reply: { text: 'It is 21°C in Paris.' } });
    await chat.when({ lastUserMessageContains: 'weather' }, { reply: { toolCall: { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_paris' } } });
    await chat.set({ response: { choices: [{ message: { content: 'Ask me about the weather.' } }] } });

    const first = await ask('What is the weather in Paris?');
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    const second = await ask('What is the weather in Paris?', {
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }, first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '21' }],
    });
    assert.equal(second.choices[0]?.message.content, 'It is 21°C in Paris.');
    assert.equal((await ask('Hello')).choices[0]?.message.content, 'Ask me about the weather.');
    assert.equal((await chat.calls()).length, 3);
  });

  it('holds a rule only when every predicate it names holds: a model by regex, a text in any case', async () => {
    await control.route('responses.create').set({ when: { modelIs: { regex: '^gpt-4o-mini' }, lastUserMessageContains: { regex: 'refund', flags: 'i' } }, reply: { text: 'Refunds take 5 days.' } });
    const text = async (model: string, input: string): Promise<string> => (await client.responses.create({ model, input })).output_text;
    assert.equal(await text('gpt-4o-mini-2024-07-18', 'About my REFUND'), 'Refunds take 5 days.');
    assert.notEqual(await text('gpt-4o', 'About my refund'), 'Refunds take 5 days.');
    assert.notEqual(await text('gpt-4o-mini', 'About my order'), 'Refunds take 5 days.');
  });

  it('answers once answers in order, each for one call, before the route answers as before', async () => {
    const responses = control.route('responses.create');
    await responses.set({ response: { output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Standing answer', annotations: [] }] }] } });
    await responses.once({ reply: { text: 'First' } });
    await responses.set({ once: true, raw: { status: 503, body: { error: { message: 'Overloaded', type: 'server_error', param: null, code: null } } } });
    await responses.once({ response: null });

    assert.equal((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text, 'First');
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: 'Hi' }), (error: unknown) => error instanceof OpenAI.InternalServerError && error.status === 503 && /Overloaded/.test(error.message));
    const byDefault = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    assert.notEqual(byDefault.output_text, 'Standing answer', 'response: null in once is the default answer');
    assert.equal((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text, 'Standing answer');
  });

  it('streams a custom event stream: chunks, a delay, then an error mid-stream the SDK raises', async () => {
    await control.route('chat.completions.create').set({
      stream: [{ data: chunk('Hel') }, { delay: 20 }, { data: chunk('lo') }, { error: { message: 'The model is overloaded', code: 'overloaded' } }],
    });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const pieces: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) pieces.push(event.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /The model is overloaded/.test(error.message),
    );
    assert.deepEqual(pieces, ['Hel', 'lo']);
  });

  it('streams a custom stream to its end, [DONE] included, when it is a rule', async () => {
    await control.route('chat.completions.create').when({ lastUserMessageContains: 'stream me' }, { stream: [{ data: chunk('All ') }, { data: chunk('done.', 'stop') }, '[DONE]'] });
    const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream me' }] });
    const final = await stream.finalChatCompletion();
    assert.equal(final.choices[0]?.message.content, 'All done.');
  });

  it('scripts runs: a rule by the thread\'s last message, a once script, and the default', async () => {
    await control.runScripts({
      default: { message: 'Default reply.' },
      once: { statuses: ['queued', { status: 'failed', last_error: { code: 'rate_limit_exceeded', message: 'Slow down' } }] },
      rules: [{ when: { lastUserMessageContains: 'weather' }, script: { statuses: ['queued', { requiresAction: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_run' }] }, 'completed'], message: 'Sunny in Paris.' } }],
    });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const runIn = async (content: string): Promise<{ run: OpenAI.Beta.Threads.Run; thread: string }> => {
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content }] });
      return { run: await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }), thread: thread.id };
    };
    const failed = await runIn('Hi');
    assert.equal(failed.run.status, 'failed');
    assert.equal(failed.run.last_error?.message, 'Slow down');

    const weatherRun = await runIn('What is the weather?');
    assert.equal(weatherRun.run.status, 'requires_action');
    assert.equal(weatherRun.run.required_action?.submit_tool_outputs.tool_calls[0]?.id, 'call_run');
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(weatherRun.run.id, { thread_id: weatherRun.thread, tool_outputs: [{ tool_call_id: 'call_run', output: '21' }] });
    assert.equal(done.status, 'completed');
    const [reply] = (await client.beta.threads.messages.list(weatherRun.thread, { order: 'desc', limit: 1 })).data;
    assert.equal(reply?.content[0]?.type === 'text' && reply.content[0].text.value, 'Sunny in Paris.');

    const plain = await runIn('Hello');
    assert.equal(plain.run.status, 'completed');
    const [plainReply] = (await client.beta.threads.messages.list(plain.thread, { order: 'desc', limit: 1 })).data;
    assert.equal(plainReply?.content[0]?.type === 'text' && plainReply.content[0].text.value, 'Default reply.');
  });

  it('changes lifecycle settings, reads them back, and reset puts them back', async () => {
    const settings = await control.setLifecycle({ batches: { retrievesPerStep: 0 }, responses: { background: { queued: 2 } } });
    assert.deepEqual(settings.batches, { retrievesPerStep: 0 });
    assert.deepEqual(settings.responses?.background, { queued: 2, inProgress: 1 });
    const file = await client.files.create({ file: new File([`${JSON.stringify({ custom_id: 'r1', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] } })}\n`], 'batch.jsonl'), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal(batch.status, 'completed');
    await control.reset();
    assert.deepEqual((await control.lifecycle()).batches, { retrievesPerStep: 1 });
  });

  it('refuses a bad form with a 400 naming its field, and changes nothing', async () => {
    const url = `${server.url}/__openai-responses`;
    const put = async (route: string, body: unknown): Promise<{ status: number; error: { message: string; param: string | null; type: string } }> => {
      const response = await fetch(`${url}/${route}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, error: ((await response.json()) as { error: { message: string; param: string | null; type: string } }).error };
    };
    const chat = 'routes/chat.completions.create';
    const cases: [string, unknown, string][] = [
      [chat, { when: { lastUserMessageContain: 'x' }, reply: { text: 'x' } }, 'when.lastUserMessageContain'],
      [chat, { when: {}, reply: { text: 'x' } }, 'when'],
      [chat, { when: { lastUserMessageContains: 'x' } }, 'when'],
      [chat, { when: { modelIs: { regex: '(' } }, reply: { text: 'x' } }, 'when.modelIs.regex'],
      [chat, { when: { hasToolResult: 3 }, reply: { text: 'x' } }, 'when.hasToolResult'],
      [chat, { once: 'yes', reply: { text: 'x' } }, 'once'],
      [chat, { once: true }, 'once'],
      [chat, { once: true, when: { hasTool: 'x' }, response: null }, 'once'],
      [chat, { response: { choices: [] }, reply: { text: 'x' } }, 'reply'],
      [chat, { response: 'Hello' }, 'response'],
      [chat, { reply: { text: 'x', toolCall: { name: 'y' } } }, 'reply'],
      [chat, { reply: { toolCall: { arguments: {} } } }, 'reply.toolCall.name'],
      ['routes/embeddings.create', { reply: { text: 'x' } }, 'reply'],
      [chat, { stream: [{ data: chunk('a') }, { delay: -5 }] }, 'stream[1].delay'],
      [chat, { stream: [{ delay: 1e12 }] }, 'stream[0].delay'],
      [chat, { stream: [{ error: {} }] }, 'stream[0].error.message'],
      [chat, { stream: [{ kind: 'x' }] }, 'stream[0]'],
      [chat, { stream: { data: {} } }, 'stream'],
      [chat, { raw: { status: 1000 } }, 'raw.status'],
      [chat, { raw: { headers: { 'x-a': 'b\r\nset-cookie: c' } } }, 'raw.headers["x-a"]'],
      [chat, { once: true, raw: { status: 99 } }, 'raw.status'],
      [chat, { respones: [] }, 'respones'],
      ['run-scripts', { once: { statuses: ['done'] } }, 'once.statuses[0]'],
      ['run-scripts', { rules: [{ when: { lastUserMessageContains: 'x' }, script: { statuses: [{ requiresAction: [] }] } }] }, 'rules[0].script.statuses[0].requiresAction'],
      ['run-scripts', { rules: { when: { hasTool: 'x' }, script: {} } }, 'rules'],
      ['run-scripts', { defaults: {} }, 'defaults'],
      ['lifecycle', { batches: { retrievesPerStep: -1 } }, 'batches.retrievesPerStep'],
      ['lifecycle', { responses: { background: { queued: 1.5 } } }, 'responses.background.queued'],
      ['lifecycle', { batch: { retrievesPerStep: 0 } }, 'batch'],
    ];
    for (const [route, body, param] of cases) {
      const { status, error } = await put(route, body);
      assert.equal(status, 400, `${route} ${JSON.stringify(body)}: ${error.message}`);
      assert.equal(error.param, param, `${route} ${JSON.stringify(body)}: ${error.message}`);
      assert.equal(error.type, 'invalid_request_error');
      assert.ok(error.message.startsWith(param), error.message);
    }
    // A bad lifecycle change sets none of its good fields either.
    await put('lifecycle', { batches: { retrievesPerStep: 0 }, videos: { retrievesPerStep: 'fast' } });
    assert.deepEqual((await control.lifecycle()).batches, { retrievesPerStep: 1 });
    const [route] = ((await (await fetch(`${url}/routes`)).json()) as { data: { name: string; configured: boolean }[] }).data.filter((entry) => entry.name === 'chat.completions.create');
    assert.equal(route?.configured, false);
    const answer = await ask('Hello');
    assert.equal(answer.choices[0]?.message.content, '', 'the route answers its default: no rule, once or stream was added');
  });

  it('runs every curl line of the docs\' scripting section against a served mock', async function () {
    this.timeout(30_000);
    const docs = await readFile(path.join(root, 'docs/server.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Scripting over HTTP'), docs.indexOf('\n## ', docs.indexOf('## Scripting over HTTP') + 1));
    const lines = section.split('\n').filter((line) => line.startsWith('curl '));
    assert.ok(lines.length >= 6, `the section shows its examples (${lines.length} curl lines)`);
    for (const line of lines) {
      const { code, stdout } = await shell(line.replaceAll('http://127.0.0.1:4010', server.url).replace(/^curl /, 'curl -sS --fail-with-body '));
      assert.equal(code, 0, `${line}\n${stdout}`);
    }
    const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is the weather in Paris?' }], tools: [weather] });
    assert.equal(answer.choices[0]?.message.tool_calls?.[0]?.type, 'function');
  });
});
