import { isPlainObject } from './merge.js';

/**
 * The text of message content as the APIs send it: a string, or its parts' text (`text`, `input_text`,
 * `output_text`, a thread message's `text.value`, a `refusal`, a realtime audio part's `transcript`); images and
 * files have none.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => {
    if (!isPlainObject(part)) return '';
    const text = part['text'];
    if (typeof text === 'string') return text;
    if (isPlainObject(text) && typeof text['value'] === 'string') return text['value'];
    if (typeof part['refusal'] === 'string') return part['refusal'];
    // A realtime audio part says what it says in its transcript.
    return typeof part['transcript'] === 'string' ? part['transcript'] : '';
  }).join('');
}
