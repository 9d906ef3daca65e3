// A conversation re-sends its history each turn: the body's text then starts with the last body's text up to the
// end of its growing field's items (`"input":[...`), and more items follow. Finding that saves reading those
// items again (item-wise validation, token counts, the Responses input memo). Only bodies whose items stand one
// after the other in the text, as a client writing JSON without spaces sends them, are recognised, and only a
// field set once, at the body's top level: the text after the items is read (never parsed) to make sure the
// field is not set again (JSON keeps the last of a key given twice).

const quote = 34;
const comma = 44;
const colon = 58;
const backslash = 92;
const openingBracket = 91;
const closingBracket = 93;
const openingBrace = 123;
const closingBrace = 125;

/** A body's text up to the end of its growing field's items, their number and the last one's JSON text. */
export interface ItemsPrefix {
  readonly text: string;
  readonly count: number;
  readonly last: string;
  /** The field (`messages`, `input`). */
  readonly field: string;
  /** Where the field's key (its opening quote) stands in `text`. */
  readonly keyAt: number;
}

/** The items of a body sent again: how many were the prefix's, and where the field's list ends in the text. */
export interface RepeatedItems {
  /** How many of the body's items are the prefix's (its `count`). */
  readonly count: number;
  /** Where the field's closing bracket stands in the body's text. */
  readonly end: number;
}

/**
 * Whether `text` holds `part` at `at`: compared as a slice, which costs a copy-free view and a comparison of
 * memory, where `startsWith` reads a long part character by character (hundreds of µs for a 100 kB history).
 *
 * @example
 * textAt('{"input":[1,2]}', '{"input":[1', 0); // true
 */
export function textAt(text: string, part: string, at: number): boolean {
  return text.length - at >= part.length && text.slice(at, at + part.length) === part;
}

/** Where the string opening at `at` closes (its closing quote), or -1. */
function stringEnd(text: string, at: number): number {
  let close = text.indexOf('"', at + 1);
  while (close !== -1) {
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === backslash) slashes += 1;
    if (slashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return -1;
}

/** The first character at or after `at` that is not JSON whitespace. */
function nextCode(text: string, at: number): number {
  for (let index = at; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return code;
  }
  return -1;
}

/** Whether the top-level string from `at` to `close` is a key that is `field` or may be (one written with escapes). */
function mayNameField(text: string, at: number, close: number, field: string): boolean {
  if (nextCode(text, close + 1) !== colon) return false;
  if (close - at - 1 === field.length && text.startsWith(field, at + 1)) return true;
  return text.lastIndexOf('\\', close) > at;
}

/**
 * The text `sent` from `at` on, read as the rest of a body whose field's list is open there (at depth 2, after
 * an item or at its start): how many items follow (the commas at the list's level) and where the list closes;
 * undefined when the text ends early or sets the field again after the list.
 */
function restOfList(sent: string, at: number, field: string): { readonly items: number; readonly end: number } | undefined {
  let depth = 2;
  let items = 0;
  let end = -1;
  for (let index = at; index < sent.length; index++) {
    const code = sent.charCodeAt(index);
    if (code === quote) {
      const close = stringEnd(sent, index);
      if (close === -1) return undefined;
      if (depth === 1 && mayNameField(sent, index, close, field)) return undefined;
      index = close;
    } else if (code === openingBracket || code === openingBrace) {
      depth += 1;
    } else if (code === closingBracket || code === closingBrace) {
      depth -= 1;
      if (depth === 1 && end === -1) end = index;
      if (depth === 0) return end === -1 ? undefined : { items, end };
    } else if (code === comma && depth === 2 && end === -1) {
      items += 1;
    }
  }
  return undefined;
}

/** Where the body's top-level key `field` opens (its quote), when a list follows it at once (`"field":[`); else -1. */
function topLevelKey(sent: string, field: string): number {
  let depth = 0;
  for (let index = 0; index < sent.length; index++) {
    const code = sent.charCodeAt(index);
    if (code === quote) {
      const close = stringEnd(sent, index);
      if (close === -1) return -1;
      if (depth === 1 && mayNameField(sent, index, close, field)) {
        return close - index - 1 === field.length && sent.charCodeAt(close + 1) === colon && sent.charCodeAt(close + 2) === openingBracket ? index : -1;
      }
      index = close;
    } else if (code === openingBracket || code === openingBrace) {
      depth += 1;
    } else if (code === closingBracket || code === closingBrace) {
      depth -= 1;
    }
  }
  return -1;
}

/**
 * The items of `items` (the field of the body sent as `sent`) that are the items of `prefix`: when `sent` starts
 * with its text, the field's list goes on after them with as many items as `items` has more, the field is not set
 * again after the list, and the last of the prefix's items reads the same; else undefined.
 *
 * @example
 * const prefix = itemsPrefixOf('{"input":[1]}', 'input', 0, ['1'], undefined);
 * repeatedItems(prefix, '{"input":[1,2]}', [1, 2]); // { count: 1, end: 13 }
 */
export function repeatedItems(prefix: ItemsPrefix | undefined, sent: string, items: readonly unknown[]): RepeatedItems | undefined {
  if (prefix === undefined || items.length < prefix.count || sent.length <= prefix.text.length || !textAt(sent, prefix.text, 0)) return undefined;
  const next = sent.charCodeAt(prefix.text.length);
  if (next !== comma && next !== closingBracket) return undefined;
  const rest = restOfList(sent, prefix.text.length, prefix.field);
  if (rest === undefined || prefix.count + rest.items !== items.length) return undefined;
  return JSON.stringify(items[prefix.count - 1]) === prefix.last ? { count: prefix.count, end: rest.end } : undefined;
}

/**
 * How many of `items` (the field of the body sent as `sent`) are the items of `prefix`: its `count` when
 * {@link repeatedItems} finds them; else 0.
 *
 * @example
 * const prefix = itemsPrefixOf('{"input":[1]}', 'input', 0, ['1'], undefined);
 * itemsRepeated(prefix, '{"input":[1,2]}', [1, 2]); // 1
 */
export function itemsRepeated(prefix: ItemsPrefix | undefined, sent: string, items: readonly unknown[]): number {
  return repeatedItems(prefix, sent, items)?.count ?? 0;
}

/**
 * The prefix of `sent` up to the end of its `field`'s items, given the JSON texts of the items from `start` on
 * (`texts`) and, when `start > 0`, the prefix the first `start` items were found in; none when the items do not
 * stand in the text one after the other, or the field is not a key of the body's top level.
 *
 * @example
 * itemsPrefixOf('{"input":[1,2]}', 'input', 0, ['1', '2'], undefined); // { text: '{"input":[1,2', count: 2, last: '2', field: 'input', keyAt: 1 }
 */
export function itemsPrefixOf(sent: string, field: string, start: number, texts: readonly string[], base: ItemsPrefix | undefined): ItemsPrefix | undefined {
  let at: number;
  let keyAt: number;
  if (start > 0 && base !== undefined) {
    if (base.field !== field) return undefined;
    at = base.text.length;
    keyAt = base.keyAt;
  } else {
    keyAt = topLevelKey(sent, field);
    if (keyAt === -1) return undefined;
    at = keyAt + field.length + 3;
  }
  for (const [index, text] of texts.entries()) {
    // The first item follows the opening bracket; every other one a comma.
    if (sent.charCodeAt(at) !== (start === 0 && index === 0 ? openingBracket : comma) || !textAt(sent, text, at + 1)) return undefined;
    at += 1 + text.length;
  }
  const last = texts.at(-1) ?? base?.last;
  if (sent.charCodeAt(at) !== closingBracket || last === undefined) return undefined;
  return { text: sent.slice(0, at), count: start + texts.length, last, field, keyAt };
}
