// ASCII text is split with a pattern compiled without the `u` flag (far cheaper to build in a fresh process):
// it must split every ASCII text into exactly the pieces the encoding's own Unicode pattern does.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asciiPattern } from '../../lib/tokens/ascii-pattern.js';
import { loadRanks } from '../../lib/tokens/load-ranks.js';

const allAscii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

const piecesOf = (pattern: RegExp, text: string): string[] => [...text.matchAll(pattern)].map(([piece]) => piece);

describe('the ASCII pre-tokenizing pattern', () => {
  it('gives each Unicode property exactly the ASCII characters it has', () => {
    for (const property of ['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'N']) {
      const unicode = new RegExp(`\\p{${property}}`, 'u');
      const ascii = new RegExp(asciiPattern(`\\p{${property}}`) ?? '(?!)');
      assert.deepEqual(allAscii.filter((char) => ascii.test(char)), allAscii.filter((char) => unicode.test(char)), property);
      const inClass = new RegExp(asciiPattern(`[^\\p{${property}}]`) ?? '(?!)');
      assert.deepEqual(allAscii.filter((char) => inClass.test(char)), allAscii.filter((char) => !unicode.test(char)), `[^${property}]`);
    }
  });

  it('splits ASCII text into the same pieces as the Unicode pattern, on o200k_base and cl100k_base', () => {
    const texts = [
      "I'm sure you've seen it; they'll say we'd LIKE IT'S fine, DON'T",
      'Hello, world! 1234567 3.14159 and 1,000,000',
      '  leading spaces, trailing spaces   \n\n\tand tabs\r\n\r\nend  ',
      'path/to/file.ts:12 a//b \\ back\\slash <|endoftext|>',
      'CamelCaseWords and snake_case_words and ALLCAPS and mIxEd',
      allAscii.join(''),
    ];
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const { pat_str: pattern } = loadRanks(name);
      const unicode = new RegExp(pattern, 'ug');
      const source = asciiPattern(pattern);
      assert.ok(source, name);
      const ascii = new RegExp(source, 'g');
      for (const text of texts) assert.deepEqual(piecesOf(ascii, text), piecesOf(unicode, text), `${name}: ${JSON.stringify(text)}`);
      const asciiText = fc.string({ unit: fc.constantFrom(...allAscii, ...allAscii.filter((char) => /[a-zA-Z0-9 '\n]/.test(char)).flatMap((char) => [char, char])), maxLength: 80 });
      fc.assert(
        fc.property(asciiText, (text) => {
          assert.deepEqual(piecesOf(ascii, text), piecesOf(unicode, text));
        }),
        { numRuns: 2000 },
      );
    }
  });

  it('is not made for a pattern with a property it does not know, or syntax that reads otherwise without `u`', () => {
    assert.equal(asciiPattern(String.raw`\p{Sc}+`), undefined);
    assert.equal(asciiPattern(String.raw`\P{L}`), undefined);
    assert.equal(asciiPattern(String.raw`\u{1F600}`), undefined);
    assert.equal(asciiPattern(String.raw`\p{L}+|\p{N}{1,3}`), '[A-Za-z]+|[0-9]{1,3}');
  });
});
