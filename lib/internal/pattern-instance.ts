/** Characters tried, in order, for a character class, an escape like `\p{L}`, or a negated class: the plainest first. */
const candidates: readonly string[] = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.',
  ...Array.from({ length: 95 }, (_, at) => String.fromCharCode(32 + at)),
  'é', 'ß', 'Ω', '中', '\u00a0', '\n', '\t',
];

/** A part of a parsed pattern. */
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'set'; source: string }
  | { kind: 'empty' }
  | { kind: 'group'; alternatives: Node[][]; index: number | undefined }
  | { kind: 'backreference'; index: number }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** The first candidate character a one-character pattern matches (`[^a-z]`, `\p{Lu}`), or `undefined`. */
function firstMatching(source: string): string | undefined {
  let test: RegExp;
  try {
    test = new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return undefined;
  }
  return candidates.find((char) => test.test(char));
}

/** Parses a JavaScript regular expression's source into {@link Node}s: enough to write the shortest string it matches. */
class PatternParser {
  at = 0;
  groups = 0;

  constructor(private readonly source: string) {}

  alternatives(): Node[][] {
    const list: Node[][] = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at += 1;
      list.push(this.sequence());
    }
    return list;
  }

  sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.atom();
      nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  quantified(node: Node): Node {
    const rest = this.source.slice(this.at);
    const bounds = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let repeat: Node | undefined;
    if (rest.startsWith('*')) repeat = { kind: 'repeat', node, min: 0, max: Infinity };
    else if (rest.startsWith('+')) repeat = { kind: 'repeat', node, min: 1, max: Infinity };
    else if (rest.startsWith('?')) repeat = { kind: 'repeat', node, min: 0, max: 1 };
    else if (bounds) {
      const min = Number(bounds[1]);
      const max = bounds[2] === undefined ? min : bounds[3] === '' ? Infinity : Number(bounds[3]);
      this.at += bounds[0].length - 1;
      repeat = { kind: 'repeat', node, min, max };
    }
    if (!repeat) return node;
    this.at += 1;
    if (this.source[this.at] === '?') this.at += 1;
    return repeat;
  }

  atom(): Node {
    const char = this.source[this.at] ?? '';
    if (char === '(') return this.group();
    if (char === '[') return this.set();
    if (char === '\\') return this.escape();
    this.at += 1;
    if (char === '^' || char === '$') return { kind: 'empty' };
    if (char === '.') return { kind: 'text', text: 'a' };
    return { kind: 'text', text: char };
  }

  group(): Node {
    this.at += 1;
    let index: number | undefined;
    let lookaround = false;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (/^\?<?[=!]/.test(this.source.slice(this.at))) {
      lookaround = true;
      this.at += this.source[this.at + 1] === '<' ? 3 : 2;
    } else {
      const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.source.slice(this.at));
      if (named) this.at += named[0].length;
      this.groups += 1;
      index = this.groups;
    }
    const alternatives = this.alternatives();
    this.at += 1;
    return lookaround ? { kind: 'empty' } : { kind: 'group', alternatives, index };
  }

  set(): Node {
    const start = this.at;
    this.at += 1;
    if (this.source[this.at] === '^') this.at += 1;
    if (this.source[this.at] === ']') this.at += 1;
    while (this.at < this.source.length && this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1;
    this.at += 1;
    return { kind: 'set', source: this.source.slice(start, this.at) };
  }

  escape(): Node {
    const rest = this.source.slice(this.at);
    const sequence = /^\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|[1-9]\d*|.)/s.exec(rest);
    const body = sequence?.[1] ?? '';
    this.at += 1 + body.length;
    if (/^[1-9]/.test(body)) return { kind: 'backreference', index: Number(body) };
    if (body === 'b' || body === 'B') return { kind: 'empty' };
    if (body.startsWith('k<')) return { kind: 'empty' };
    if (/^[dDwWsSpP]/.test(body)) return { kind: 'set', source: `\\${body}` };
    const simple: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    if (body in simple) return { kind: 'text', text: simple[body] ?? '' };
    if (/^(u|x|c)/.test(body) && body.length > 1) return { kind: 'set', source: `\\${body}` };
    return { kind: 'text', text: body };
  }
}

/** The shortest text of a node; every unbounded (or wide) repeat taken `extra` more times than its minimum. */
function write(node: Node, extra: number, groups: Map<number, string>, limit: number): string | undefined {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'empty':
      return '';
    case 'set':
      return firstMatching(node.source);
    case 'backreference':
      return groups.get(node.index) ?? '';
    case 'repeat': {
      const count = Math.min(node.max, node.min + extra);
      let text = '';
      for (let at = 0; at < count; at++) {
        const piece = write(node.node, extra, groups, limit);
        if (piece === undefined) return count === 0 ? '' : undefined;
        text += piece;
        if (text.length > limit) return undefined;
      }
      return text;
    }
    case 'group': {
      let best: string | undefined;
      for (const alternative of node.alternatives) {
        const text = writeAll(alternative, extra, groups, limit);
        if (text !== undefined && (best === undefined || text.length < best.length)) best = text;
      }
      if (best !== undefined && node.index !== undefined) groups.set(node.index, best);
      return best;
    }
  }
}

function writeAll(nodes: readonly Node[], extra: number, groups: Map<number, string>, limit: number): string | undefined {
  let text = '';
  for (const node of nodes) {
    const piece = write(node, extra, groups, limit);
    if (piece === undefined) return undefined;
    text += piece;
    if (text.length > limit) return undefined;
  }
  return text;
}

/**
 * The shortest string a JSON Schema `pattern` (a JavaScript regular expression, read with the `u` flag as
 * validators read it) matches, at least `minLength` characters long when repeats allow it: literals as
 * written, a class's plainest member (`[a-z]` -> `a`, `\d` -> `0`), each repeat its minimum, the shortest
 * alternative, lookarounds and anchors nothing. `undefined` when no string written this way matches.
 *
 * @example
 * shortestMatch('^[A-Z]{3}-\\d+$'); // 'AAA-0'
 */
export function shortestMatch(pattern: string, minLength = 0): string | undefined {
  let test: RegExp;
  try {
    test = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const parser = new PatternParser(pattern);
  const tree = parser.alternatives();
  const root: Node = { kind: 'group', alternatives: tree, index: undefined };
  // Longer texts than this are not written (nested repeats grow fast); repeats grow by doubling.
  const limit = 4 * minLength + 1024;
  for (let extra = 0; extra <= minLength + 1; extra = extra === 0 ? 1 : extra * 2) {
    const text = write(root, extra, new Map(), limit);
    if (text === undefined || text.length < minLength) continue;
    if (test.test(text)) return text;
    // A lookaround asks for something the plain text lacks: one character changed (a digit, a capital, a sign).
    for (let at = text.length - 1; at >= 0 && at >= text.length - 64 && text.length <= 256; at--) {
      for (const char of ['0', 'A', 'a', '_', '!', ' ']) {
        const changed = text.slice(0, at) + char + text.slice(at + 1);
        if (test.test(changed)) return changed;
      }
    }
  }
  // A pattern the writer cannot satisfy (a lookahead that asks for more): letters, as many as asked.
  // (Short ones only: a long text a pattern does not match can take a backtracking regex very long to refuse.)
  if (minLength > 64) return undefined;
  for (const text of ['a'.repeat(minLength), '0'.repeat(Math.max(minLength, 1)), 'a'.repeat(Math.max(minLength, 1))]) if (test.test(text)) return text;
  return undefined;
}
