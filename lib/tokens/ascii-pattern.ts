// An encoding's pre-tokenizing pattern reads Unicode properties (`\p{L}`, `\p{N}`, ...). Compiled with the `u`
// flag, those classes cost a process ~10–20 ms to build and run the first time (V8 builds each class's ranges
// over all of Unicode). Most text a test sends is ASCII, where each property is a few ranges or none: the same
// pattern with those ranges, without the `u` flag, splits ASCII text into exactly the same pieces, and costs
// well under a millisecond.

/** The ASCII characters of each Unicode property the encodings' patterns use, as class ranges ('' for none). */
const asciiRanges: Readonly<Record<string, string>> = {
  L: 'A-Za-z',
  Lu: 'A-Z',
  Ll: 'a-z',
  Lt: '',
  Lm: '',
  Lo: '',
  M: '',
  N: '0-9',
};

/**
 * @internal The pattern for ASCII text only: each `\p{...}` replaced by its ASCII ranges (inside a class) or a
 * class of them (outside one), to compile without the `u` flag. Undefined when the pattern reads a property not
 * in the table, or uses syntax that means something else without the `u` flag (`\P`, `\u{...}`).
 *
 * @example
 * asciiPattern(String.raw`\p{L}+|\p{N}{1,3}`); // '[A-Za-z]+|[0-9]{1,3}'
 */
export function asciiPattern(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at] ?? '';
    if (char === '\\') {
      const next = pattern[at + 1] ?? '';
      if (next === 'p') {
        const close = pattern.indexOf('}', at);
        const name = pattern[at + 2] === '{' && close !== -1 ? pattern.slice(at + 3, close) : undefined;
        const ranges = name === undefined || !Object.hasOwn(asciiRanges, name) ? undefined : asciiRanges[name];
        if (ranges === undefined) return undefined;
        out += inClass ? ranges : `[${ranges}]`;
        at = close;
        continue;
      }
      if (next === 'P' || next === 'u' || next === 'x' || next === 'c' || next === 'k' || /\d/.test(next)) return undefined;
      out += char + next;
      at += 1;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}
