// Usage figures come from the models' own tokenizers. The counts are checked against js-tiktoken's encoder (the
// oracle: this library reads the same ranks with a faster loader), directly and through the real client.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { countTextTokens } from '../../lib/tokens/tokenizer.js';
import { loadEncoding, loadRanks } from '../../lib/tokens/load-ranks.js';
import { RankTable } from '../../lib/tokens/rank-table.js';
import { encodingForModel } from '../../lib/tokens/encoding.js';
import { mockedClient } from '../support/client.js';

const texts = [
  'Hello, world!',
  'What is the weather in Paris today?',
  "  leading spaces, trailing spaces   \n\n\tand tabs; numbers 1234567 3.14159 and 1,000,000",
  'Ünïcödé: 東京は晴れです。Привет, как дела? 🌍🚀 مرحبا',
  'function add(a: number, b: number): number {\n  return a + b;\n}\n',
  '{"city":"Paris","units":"celsius","days":[1,2,3]}',
  "I'm sure you've seen it; they'll say we'd LIKE IT'S fine",
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  'a'.repeat(300),
  '<|endoftext|> is written as text here',
  'https://example.com/path?query=value&other=1#fragment',
];

describe('token counts', function () {
  this.timeout(120_000);
  let oracle: { o200k_base: Tiktoken; cl100k_base: Tiktoken };
  const count = (text: string, model: string) => oracle[encodingForModel(model)].encode(text, [], []).length;

  before(() => {
    oracle = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };
  });

  it('match js-tiktoken on o200k_base and cl100k_base, text by text', () => {
    for (const model of ['gpt-4o', 'gpt-4']) {
      for (const text of texts) assert.equal(countTextTokens(text, model), count(text, model), `${model}: ${JSON.stringify(text)}`);
    }
  });

  it('match js-tiktoken on long pieces (merged through a heap): runs of one letter, base64, words without spaces, non-ASCII', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (alphabet: string, size: number): string => Array.from({ length: size }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const long = [
      'a'.repeat(1000),
      'ab'.repeat(500),
      pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 1000),
      pick('abcdefghijklmnopqrstuvwxyz+/', 1000),
      'é'.repeat(600),
      pick('東京晴天気予報明日', 400),
      ' '.repeat(1000),
      `${'x'.repeat(257)} ${'y'.repeat(256)} ${'z'.repeat(258)}`,
    ];
    for (const model of ['gpt-4o', 'gpt-4']) {
      for (const text of long) assert.equal(countTextTokens(text, model), count(text, model), `${model}: ${JSON.stringify(text.slice(0, 40))}… (${text.length})`);
    }
  });

  it('count a piece of megabytes (a run of one letter) and answer the call, where a scan for the lowest pair would take minutes', async () => {
    const { client } = mockedClient();
    const response = await client.responses.create({ model: 'gpt-4o', input: 'a'.repeat(2_000_000) });
    assert.ok(response.usage !== undefined && response.usage.input_tokens > 2_000_000 / 16, `input_tokens: ${response.usage?.input_tokens}`);
    const text = 'é'.repeat(300_000);
    assert.ok(countTextTokens(text, 'gpt-4o') > 0);
  });

  it('rank every token of both encodings as js-tiktoken does, read from the ranks file or from its module', () => {
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const ranks = loadRanks(name);
      const fromFile = loadEncoding(name);
      const fromModule = new RankTable(Buffer.from(ranks.bpe_ranks, 'latin1')).indexAll();
      assert.equal(fromFile.pattern, ranks.pat_str);
      let tokens = 0;
      for (const line of ranks.bpe_ranks.split('\n')) {
        const [, first = '', ...encoded] = line.split(' ');
        encoded.forEach((token, index) => {
          const bytes = atob(token);
          const rank = Number(first) + index;
          tokens += 1;
          if (fromFile.table.rank(bytes, 0, bytes.length) !== rank || fromModule.rank(bytes, 0, bytes.length) !== rank) assert.fail(`${name}: ${token} is not rank ${rank}`);
        });
      }
      assert.equal(fromFile.table.indexAll().size, tokens);
      assert.equal(fromModule.size, tokens);
      // A piece that is no token, inside a longer string.
      assert.equal(fromFile.table.rank('xx\u00ff\u00fe\u00fd\u00fcyy', 2, 6), -1);
    }
  });

  it('rank tokens found by searching the text (the first lookups of a process) as js-tiktoken does', () => {
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const ranks = loadRanks(name);
      const text = Buffer.from(ranks.bpe_ranks, 'latin1');
      const [, first = '', ...encoded] = ranks.bpe_ranks.split(' ');
      for (let index = 0; index < encoded.length; index += 3001) {
        const bytes = atob(encoded[index] ?? '');
        // A fresh table: nothing indexed, so the lookup searches.
        const table = new RankTable(text);
        assert.equal(table.rank(bytes, 0, bytes.length), Number(first) + index, `${name}: token ${index}`);
        assert.equal(table.size, 0);
      }
      const table = new RankTable(text);
      assert.equal(table.rank('\u00ff\u00fe\u00fd\u00fc\u00fb', 0, 5), -1);
      assert.equal(table.size, 0);
    }
  });

  it('refuse a ranks text not written as js-tiktoken writes it', () => {
    assert.throws(() => new RankTable(Buffer.from('! 0 IQ== Ig==\n? 2 Iw==')).indexAll(), /not as js-tiktoken writes it/);
    assert.throws(() => new RankTable(Buffer.from('! 0 I*==')).indexAll(), /not as js-tiktoken writes it/);
    assert.equal(new RankTable(Buffer.from('! 0 IQ== Ig==\\n! 5 Iw==')).indexAll().rank('#', 0, 1), 5);
  });

  it('pick the encoding by model: o200k for 4o, 4.1, 5 and o-series; cl100k for gpt-4, 3.5 and embeddings', () => {
    const byModel = Object.fromEntries(
      ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-nano', 'gpt-5', 'o1', 'o3-mini', 'o4-mini', 'ft:gpt-4o-mini:acme::abc', 'some-new-model',
        'gpt-4', 'gpt-4-turbo', 'gpt-4-0613', 'gpt-3.5-turbo', 'text-embedding-3-small', 'text-embedding-ada-002', 'ft:gpt-3.5-turbo:acme::x']
        .map((model) => [model, encodingForModel(model)]),
    );
    assert.deepEqual(byModel, {
      'gpt-4o': 'o200k_base', 'gpt-4o-mini': 'o200k_base', 'gpt-4.1': 'o200k_base', 'gpt-4.1-nano': 'o200k_base', 'gpt-5': 'o200k_base',
      o1: 'o200k_base', 'o3-mini': 'o200k_base', 'o4-mini': 'o200k_base', 'ft:gpt-4o-mini:acme::abc': 'o200k_base', 'some-new-model': 'o200k_base',
      'gpt-4': 'cl100k_base', 'gpt-4-turbo': 'cl100k_base', 'gpt-4-0613': 'cl100k_base', 'gpt-3.5-turbo': 'cl100k_base',
      'text-embedding-3-small': 'cl100k_base', 'text-embedding-ada-002': 'cl100k_base', 'ft:gpt-3.5-turbo:acme::x': 'cl100k_base',
    });
  });

  it('chat usage: prompt tokens as OpenAI counts messages (3 per message, role and content, 3 priming), completion tokens of the reply', async () => {
    const { client, openaiMock } = mockedClient();
    const messages = [
      { role: 'system' as const, content: 'You are a terse assistant.' },
      { role: 'user' as const, content: texts[3]! },
    ];
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: texts[1]! } }] };

    for (const model of ['gpt-4o', 'gpt-3.5-turbo']) {
      const completion = await client.chat.completions.create({ model, messages });
      const prompt = 3 + messages.reduce((sum, message) => sum + 3 + count(message.role, model) + count(message.content, model), 0);
      const output = count(texts[1]!, model);
      assert.deepEqual(
        [completion.usage?.prompt_tokens, completion.usage?.completion_tokens, completion.usage?.total_tokens],
        [prompt, output, prompt + output],
        model,
      );
    }
  });

  it('chat usage of a growing history: each turn counted as the whole history from scratch, whatever changed in it', async () => {
    const { client } = mockedClient();
    const prompt = (messages: readonly { role: string; content: string }[], model: string): number =>
      3 + messages.reduce((sum, message) => sum + 3 + count(message.role, model) + count(message.content, model), 0);
    const messages: { role: 'system' | 'user' | 'assistant'; content: string }[] = [{ role: 'system', content: texts[0]! }];
    for (let turn = 0; turn < 18; turn++) {
      const model = turn % 5 === 3 ? 'gpt-4' : 'gpt-4o';
      messages.push({ role: 'user', content: `${texts[turn % texts.length]!} (${turn})` });
      // Now and then an earlier message edited, or the history cut short: counted as sent.
      if (turn % 6 === 4) messages[1] = { role: 'user', content: texts[3]! };
      if (turn === 13) messages.splice(3, 4);
      const completion = await client.chat.completions.create({ model, messages });
      assert.equal(completion.usage?.prompt_tokens, prompt(messages, model), `turn ${turn} (${model})`);
      messages.push({ role: 'assistant', content: texts[(turn + 4) % texts.length]! });
    }
  });

  it('the two encodings give different counts where they differ, so the model matters', async () => {
    const { client } = mockedClient();
    const usage = async (model: string) => (await client.chat.completions.create({ model, messages: [{ role: 'user', content: texts[3]! }] })).usage?.prompt_tokens;

    assert.notEqual(count(texts[3]!, 'gpt-4o'), count(texts[3]!, 'gpt-4'));
    assert.equal(await usage('gpt-4o'), 7 + count(texts[3]!, 'gpt-4o'));
    assert.equal(await usage('gpt-4'), 7 + count(texts[3]!, 'gpt-4'));
  });

  it('embeddings usage: each input string by the model\'s tokenizer, token arrays by their length', async () => {
    const { client } = mockedClient();
    const strings = await client.embeddings.create({ model: 'text-embedding-3-small', input: [texts[0]!, texts[5]!] });
    const tokens = await client.embeddings.create({ model: 'text-embedding-3-small', input: [[1, 2, 3], [4, 5]] });

    assert.equal(strings.usage.prompt_tokens, count(texts[0]!, 'text-embedding-3-small') + count(texts[5]!, 'text-embedding-3-small'));
    assert.equal(tokens.usage.prompt_tokens, 5);
  });

  it('Responses usage: input and output text by the model\'s tokenizer', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [{ type: 'message', content: [{ type: 'output_text', text: texts[6]! }] }] };

    const response = await client.responses.create({ model: 'gpt-4.1', instructions: texts[0]!, input: texts[1]! });

    assert.equal(response.usage?.input_tokens, count(texts[0]!, 'gpt-4.1') + count(texts[1]!, 'gpt-4.1'));
    assert.equal(response.usage?.output_tokens, count(texts[6]!, 'gpt-4.1'));
  });

  it('legacy completions usage: prompt and text by the model\'s tokenizer', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.completions.create.response = { choices: [{ text: texts[4]! }] };

    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: texts[2]! });

    assert.equal(completion.usage?.prompt_tokens, count(texts[2]!, 'gpt-3.5-turbo-instruct'));
    assert.equal(completion.usage?.completion_tokens, count(texts[4]!, 'gpt-3.5-turbo-instruct'));
  });

  it('loads no ranks when the library is imported or a mock is built, and only the encoding a call needs', async () => {
    // The ranks are read from js-tiktoken's files (or, failing that, required): both are watched.
    const script = `
      import fs from 'node:fs';
      import { createRequire, syncBuiltinESMExports } from 'node:module';
      const require = createRequire(import.meta.url);
      const read = new Set();
      for (const method of ['readFileSync', 'openSync']) {
        const original = fs[method];
        fs[method] = function (file, ...rest) {
          read.add(String(file));
          return original.call(this, file, ...rest);
        };
      }
      syncBuiltinESMExports();
      const loaded = () => [...new Set([...Object.keys(require.cache), ...read])].filter((file) => /js-tiktoken.*ranks/.test(file)).map((file) => file.split(/[\\\\/]/).pop()).sort();
      const { OpenAIMock } = await import('./lib/index.ts');
      const openaiMock = new OpenAIMock();
      const steps = [loaded()];
      const ask = (model) => openaiMock.fetch('https://api.openai.com/v1/chat/completions', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
      }).then((response) => response.json());
      await ask('gpt-4o');
      steps.push(loaded());
      await ask('gpt-3.5-turbo');
      steps.push(loaded());
      process.stdout.write(JSON.stringify(steps));
    `;
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: root });

    assert.deepEqual(JSON.parse(stdout), [[], ['o200k_base.cjs'], ['cl100k_base.cjs', 'o200k_base.cjs']]);
  });
});
