import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { ClientEventError, invalidField, missingField } from './events.js';

const itemTypes = ['message', 'function_call', 'function_call_output', 'mcp_approval_response'];
const roles = ['user', 'assistant', 'system'];

/** The refusal of an item id the conversation does not hold. */
export function noSuchItem(id: string, param: string): ClientEventError {
  return new ClientEventError({ code: 'item_not_found', message: `Item with item_id not found: ${id}`, param });
}

/**
 * An item a client creates, completed as the API completes it (`id`, `object`, `status`), or the refusal of a
 * malformed one (an unknown type or role, a function output without its call id).
 */
export function clientItem(item: unknown): ConversationItem {
  if (item === undefined) throw missingField('item');
  if (!isPlainObject(item)) throw invalidField('item', 'an object', item);
  const type = item['type'];
  if (type === undefined) throw missingField('item.type');
  if (typeof type !== 'string' || !itemTypes.includes(type)) {
    throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: '${String(type)}'. Supported values are: ${itemTypes.map((t) => `'${t}'`).join(', ')}.`, param: 'item.type' });
  }
  if (type === 'message') {
    if (typeof item['role'] !== 'string' || !roles.includes(item['role'])) {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: '${String(item['role'])}'. Supported values are: 'user', 'assistant' and 'system'.`, param: 'item.role' });
    }
    if (!Array.isArray(item['content'])) throw item['content'] === undefined ? missingField('item.content') : invalidField('item.content', 'an array', item['content']);
  }
  if (type === 'function_call_output') {
    if (typeof item['call_id'] !== 'string') throw missingField('item.call_id');
    if (typeof item['output'] !== 'string') throw missingField('item.output');
  }
  if (type === 'function_call' && typeof item['name'] !== 'string') throw missingField('item.name');
  const id = typeof item['id'] === 'string' && item['id'] !== '' ? item['id'] : newId('item_');
  return { ...item, id, object: 'realtime.item', status: 'completed' } as ConversationItem;
}

/**
 * A realtime session's conversation: its items in order. Items go at the end, at the start (`root`), or after
 * the item a client names; each knows the item before it (`previous_item_id`).
 */
export class Conversation {
  readonly id = newId('conv_');
  #items: ConversationItem[] = [];

  /** The items, oldest first. */
  get items(): readonly ConversationItem[] {
    return this.#items;
  }

  /** The item with this id, if the conversation holds it. */
  get(id: string): ConversationItem | undefined {
    return this.#items.find((item) => item.id === id);
  }

  /** The id of the item before this one (`null` for the first). */
  previousOf(id: string): string | null {
    const at = this.#items.findIndex((item) => item.id === id);
    return at > 0 ? (this.#items[at - 1]?.id ?? null) : null;
  }

  /**
   * Adds an item: at the end (no `previousItemId`), first (`'root'`), or after the named item (refused if the
   * conversation does not hold it, or already holds an item with the same id). The id of the item before it.
   */
  insert(item: ConversationItem, previousItemId?: unknown): string | null {
    if (item.id !== undefined && this.get(item.id)) {
      throw new ClientEventError({ code: 'item_already_exists', message: `Item with id '${item.id}' already exists in the conversation.`, param: 'item.id' });
    }
    if (previousItemId === undefined || previousItemId === null) {
      const previous = this.#items.at(-1)?.id ?? null;
      this.#items.push(item);
      return previous;
    }
    if (previousItemId === 'root') {
      this.#items.unshift(item);
      return null;
    }
    if (typeof previousItemId !== 'string') throw invalidField('previous_item_id', 'a string', previousItemId);
    const at = this.#items.findIndex((candidate) => candidate.id === previousItemId);
    if (at < 0) throw noSuchItem(previousItemId, 'previous_item_id');
    this.#items.splice(at + 1, 0, item);
    return previousItemId;
  }

  /** Replaces an item by id (as it grows while a response speaks). */
  replace(item: ConversationItem): void {
    const at = this.#items.findIndex((candidate) => candidate.id === item.id);
    if (at >= 0) this.#items[at] = item;
  }

  /** Removes an item (refused if the conversation does not hold it). */
  delete(id: string): void {
    const at = this.#items.findIndex((item) => item.id === id);
    if (at < 0) throw noSuchItem(id, 'item_id');
    this.#items.splice(at, 1);
  }

  /**
   * Truncates an assistant message's audio at `audioEndMs`: its audio part's transcript is cut to the words said
   * by then (`msPerWord` a word). Refused for an unknown item, a part that is not audio, or a point past the
   * audio's end.
   */
  truncate(id: string, contentIndex: number, audioEndMs: number, msPerWord: number): void {
    const item = this.get(id);
    if (!item) throw noSuchItem(id, 'item_id');
    const parts = item.type === 'message' && item.role === 'assistant' ? (item.content as JsonObject[]) : [];
    const part = parts[contentIndex];
    if (!part || part['type'] !== 'output_audio') {
      throw new ClientEventError({ code: 'invalid_value', message: `Only assistant messages with audio content can be truncated: no audio part at content_index ${contentIndex}.`, param: 'content_index' });
    }
    const words = String(part['transcript'] ?? '').split(/\s+/).filter((word) => word !== '');
    if (audioEndMs > words.length * msPerWord) {
      throw new ClientEventError({ code: 'invalid_value', message: `Audio content of ${words.length * msPerWord}ms is already shorter than ${audioEndMs}ms`, param: 'audio_end_ms' });
    }
    parts[contentIndex] = { ...part, transcript: words.slice(0, Math.floor(audioEndMs / msPerWord)).join(' ') };
  }
}
