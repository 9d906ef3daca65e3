import { isPlainObject, type JsonObject } from '../internal/merge.js';

/**
 * One thing a message carries, as a report shows it: text, structured output, an image (a thumbnail), audio (a
 * player), a file (its name and size), a tool call with its arguments, a tool result, a refusal, an error with its
 * status, or a note (what the report can say of an item it does not draw).
 */
export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly label: string; readonly value: unknown }
  | { readonly kind: 'image'; readonly src?: string; readonly url?: string; readonly bytes?: number; readonly label?: string }
  | { readonly kind: 'audio'; readonly src?: string; readonly bytes?: number; readonly label?: string; readonly transcript?: string }
  | { readonly kind: 'file'; readonly name: string; readonly bytes?: number; readonly id?: string }
  | { readonly kind: 'toolCall'; readonly name: string; readonly args: string; readonly id?: string }
  | { readonly kind: 'toolResult'; readonly id?: string; readonly output: string }
  | { readonly kind: 'refusal'; readonly text: string }
  | { readonly kind: 'error'; readonly status: number; readonly message: string; readonly type?: string; readonly code?: string }
  | { readonly kind: 'note'; readonly text: string };

/** One message of a conversation: who speaks (`system`, `developer`, `user`, `assistant`, `tool`, ...) and what it carries. */
export interface Entry {
  readonly role: string;
  readonly parts: Part[];
}

/** The largest image or audio a report shows inline (2 MiB of data); a larger one is named with its size. */
export const maxInlineMediaBytes = 2 * 1024 * 1024;

export function objectOf(value: unknown): JsonObject | undefined {
  return isPlainObject(value) ? value : undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The size in bytes of base64 data (without its `data:...;base64,` head). */
export function base64Bytes(data: string): number {
  const body = data.slice(data.indexOf(',') + 1);
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((body.length * 3) / 4) - padding);
}

const safeDataUrl = /^data:(image\/(png|jpe?g|gif|webp|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+);base64,[A-Za-z0-9+/=\s]*$/;

/** An image part from a URL: a `data:` image is drawn (when small enough), any other URL is named, never loaded. */
export function imagePart(url: string, label?: string): Part {
  if (url.startsWith('data:')) {
    const bytes = base64Bytes(url);
    const drawable = safeDataUrl.test(url.slice(0, 64) + (url.length > 64 ? 'A' : '')) && bytes <= maxInlineMediaBytes;
    return { kind: 'image', bytes, ...(drawable && { src: url }), ...(label !== undefined && { label }) };
  }
  return { kind: 'image', url, ...(label !== undefined && { label }) };
}

/** An audio part from base64 data and its format (`wav`, `mp3`, ...). */
export function audioPart(data: string, format: string, transcript?: string): Part {
  const bytes = base64Bytes(data);
  const type = format === 'mp3' ? 'mpeg' : format === 'pcm16' ? 'wav' : format;
  const src = data.startsWith('data:') ? data : `data:audio/${type};base64,${data}`;
  return { kind: 'audio', bytes, label: format, ...(bytes <= maxInlineMediaBytes && /^[\w.+-]+$/.test(type) && { src }), ...(transcript !== undefined && { transcript }) };
}

/** A value as text for an argument or a tool result: strings as they are, anything else as JSON. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The parts of message content as the APIs send it: a string, or parts (`text`, `input_text`, `output_text`,
 * `image_url`, `input_image`, `input_audio`, `file`, `input_file`, `refusal`, a thread message's `text.value`).
 */
export function contentParts(content: unknown): Part[] {
  if (typeof content === 'string') return content === '' ? [] : [{ kind: 'text', text: content }];
  if (!Array.isArray(content)) return content === undefined || content === null ? [] : [{ kind: 'json', label: 'content', value: content }];
  return content.flatMap((raw): Part[] => {
    const part = objectOf(raw);
    if (!part) return typeof raw === 'string' ? [{ kind: 'text', text: raw }] : [];
    const type = stringOf(part['type']) ?? '';
    const text = part['text'];
    if (typeof text === 'string') return text === '' ? [] : [{ kind: 'text', text }];
    if (objectOf(text) && typeof objectOf(text)?.['value'] === 'string') return [{ kind: 'text', text: String(objectOf(text)?.['value']) }];
    if (typeof part['refusal'] === 'string') return [{ kind: 'refusal', text: part['refusal'] }];
    if (type === 'image_url') {
      const image = objectOf(part['image_url']);
      return [imagePart(stringOf(image?.['url']) ?? '', stringOf(image?.['detail']))];
    }
    if (type === 'input_image') {
      const url = stringOf(part['image_url']);
      if (url !== undefined) return [imagePart(url, stringOf(part['detail']))];
      return [{ kind: 'file', name: 'image', ...(stringOf(part['file_id']) !== undefined && { id: String(part['file_id']) }) }];
    }
    if (type === 'image_file') return [{ kind: 'file', name: 'image', id: stringOf(objectOf(part['image_file'])?.['file_id']) ?? '' }];
    if (type === 'input_audio') {
      const audio = objectOf(part['input_audio']) ?? part;
      return [audioPart(stringOf(audio['data']) ?? '', stringOf(audio['format']) ?? 'wav')];
    }
    if (type === 'file' || type === 'input_file') {
      const file = objectOf(part['file']) ?? part;
      const data = stringOf(file['file_data']);
      const id = stringOf(file['file_id']);
      const url = stringOf(file['file_url']);
      const name = stringOf(file['filename']) ?? url ?? id ?? 'file';
      return [{ kind: 'file', name, ...(data !== undefined && { bytes: base64Bytes(data) }), ...(id !== undefined && { id }) }];
    }
    return [{ kind: 'note', text: type === '' ? 'a content part' : type }];
  });
}
