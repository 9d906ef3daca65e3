// A conversation re-sends its history each turn: the body's text then starts with the last body's text up to the
// end of its growing field's items (`"input":[...`), and more items follow. Finding that saves reading those
// items again (item-wise validation, the Responses input memo). Only bodies whose items stand one after the other
// in the text, as a client writing JSON without spaces sends them, are recognised.

const comma = 44;
const openingBracket = 91;
const closingBracket = 93;

/** A body's text up to the end of its growing field's items, their number and the last one's JSON text. */
export interface ItemsPrefix {
  readonly text: string;
  readonly count: number;
  readonly last: string;
}

/**
 * How many of `items` (the field of the body sent as `sent`) are the items of `prefix`: its `count` when `sent`
 * starts with its text, more items follow, and the last of its items reads the same (a body whose field is set
 * twice, say, shows a different one there); else 0.
 *
 * @example
 * itemsRepeated({ text: '{"input":[1', count: 1, last: '1' }, '{"input":[1,2]}', [1, 2]); // 1
 */
export function itemsRepeated(prefix: ItemsPrefix | undefined, sent: string, items: readonly unknown[]): number {
  if (prefix === undefined || items.length < prefix.count || sent.length <= prefix.text.length || !sent.startsWith(prefix.text)) return 0;
  const next = sent.charCodeAt(prefix.text.length);
  if (next !== comma && next !== closingBracket) return 0;
  return JSON.stringify(items[prefix.count - 1]) === prefix.last ? prefix.count : 0;
}

/**
 * The prefix of `sent` up to the end of its `field`'s items, given the JSON texts of the items from `start` on
 * (`texts`) and, when `start > 0`, the prefix the first `start` items were found in; none when the items do not
 * stand in the text one after the other.
 *
 * @example
 * itemsPrefixOf('{"input":[1,2]}', 'input', 0, ['1', '2'], undefined); // { text: '{"input":[1,2', count: 2, last: '2' }
 */
export function itemsPrefixOf(sent: string, field: string, start: number, texts: readonly string[], base: ItemsPrefix | undefined): ItemsPrefix | undefined {
  let at: number;
  if (start > 0 && base !== undefined) {
    at = base.text.length;
  } else {
    const opening = `"${field}":[`;
    const found = sent.indexOf(opening);
    if (found === -1) return undefined;
    at = found + opening.length - 1;
  }
  for (const [index, text] of texts.entries()) {
    // The first item follows the opening bracket; every other one a comma.
    if (sent.charCodeAt(at) !== (start === 0 && index === 0 ? openingBracket : comma) || !sent.startsWith(text, at + 1)) return undefined;
    at += 1 + text.length;
  }
  const last = texts.at(-1) ?? base?.last;
  if (sent.charCodeAt(at) !== closingBracket || last === undefined) return undefined;
  return { text: sent.slice(0, at), count: start + texts.length, last };
}
