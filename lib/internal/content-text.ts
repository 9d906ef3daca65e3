import { isPlainObject } from './merge.js';

/**
 * The text of message content as the APIs send it: a string, or its parts' text (`text`, `input_text`,
 * `output_text`, a thread message's `text.value`, a `refusal`); images, audio and files have none.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => {
    if (!isPlainObject(part)) return '';
    const text = part['text'];
    if (typeof text === 'string') return text;
    if (isPlainObject(text) && typeof text['value'] === 'string') return text['value'];
    return typeof part['refusal'] === 'string' ? part['refusal'] : '';
  }).join('');
}
