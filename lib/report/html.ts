import { redactKeys } from '../record/redact.js';

/** Markup made by {@link html}: safe to put in a page as it is. Anything else put in a page is escaped. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as it may stand in a page, in an element or a quoted attribute: escaped, and any API key in it masked. */
export function escapeHtml(text: string): string {
  return redactKeys(text).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.markup;
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/**
 * A template of markup: every value put in is escaped (text, numbers), except markup made by `html` itself;
 * arrays are joined, `undefined`, `null` and `false` leave nothing. A report is built only of these, so what a
 * call carried (a user message holding `<script>`) always shows as text.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let markup = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) markup += piece(values[index]) + (strings[index + 1] ?? '');
  return new Html(markup);
}

/** Markup written here, trusted as it is (the page's own style and script). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** A size in bytes as people read it: `512 B`, `3.4 KB`, `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
