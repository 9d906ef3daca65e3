// The README's quick start, run as a test: the script prints the mocked completion.
import assert from 'node:assert/strict';
import { main } from './quickstart.js';

describe('quick start', () => {
  it('prints the completion the mock answers', async () => {
    const printed: string[] = [];
    const original = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      assert.equal(await main(), 'Hello, how can I help?');
    } finally {
      console.log = original;
    }
    assert.match(printed[0] ?? '', /^chatcmpl-\w+: Hello, how can I help\?$/);
    assert.equal(printed[1], 'calls answered: 1');
  });
});
