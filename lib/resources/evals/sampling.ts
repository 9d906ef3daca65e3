import type { OutputItemRetrieveResponse as EvalOutputItem } from 'openai/resources/evals/runs/output-items';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { type Refusal, badRequest, noSuch } from '../kit/index.js';
import { type GradingContext, render, sampleOf } from '../graders/grading.js';

/** One row of a run's data: the item, and the sample given with it (JSONL runs) or made for it. */
export interface DataRow {
  readonly item: JsonObject;
  readonly sample?: JsonObject;
}

/** A sample as an output item shows it, and the context graders read. */
export interface Sampled {
  readonly sample: EvalOutputItem.Sample;
  readonly context: GradingContext;
}

/**
 * The rows of a run's `data_source.source`: inline `file_content`, a JSONL file's lines (`file_id`), or stored
 * chat completions; the 400 thrown for a source it cannot read.
 */
export function rowsOf(state: StateStore, source: unknown): DataRow[] {
  if (!isPlainObject(source)) throw unreadable("Missing required parameter: 'data_source.source'.");
  if (source['type'] === 'file_content') {
    const content = Array.isArray(source['content']) ? source['content'] : [];
    return content.filter(isPlainObject).map(rowOf);
  }
  if (source['type'] === 'file_id') {
    const id = String(source['id']);
    const bytes = state.files.content.get(id);
    // A file the state does not hold is the 400 of the source, worded as the file's 404.
    if (!bytes) throw unreadable(noSuch('file', id).message);
    const rows: DataRow[] = [];
    for (const line of new TextDecoder().decode(bytes).split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isPlainObject(parsed)) rows.push(rowOf(parsed));
      } catch {
        throw unreadable(`Invalid JSON line in file ${id}: ${line.slice(0, 80)}`);
      }
    }
    return rows;
  }
  if (source['type'] === 'stored_completions') {
    const limit = typeof source['limit'] === 'number' ? source['limit'] : Infinity;
    return state.chat.completions.values().slice(0, limit).map((completion) => ({
      item: { id: completion.id, model: completion.model },
      sample: { output_text: completion.choices[0]?.message.content ?? '' },
    }));
  }
  throw unreadable(`Invalid 'data_source.source.type': '${String(source['type'])}'.`);
}

/** The 400 for a run's data source that cannot be read. */
function unreadable(message: string): Refusal {
  return badRequest(message, 'data_source.source');
}

function rowOf(line: JsonObject): DataRow {
  if (isPlainObject(line['item'])) return { item: line['item'], ...(isPlainObject(line['sample']) && { sample: line['sample'] }) };
  return { item: line };
}

/** A JSONL row's own sample (its `output_text`, or its JSON), as graders read it. */
export function givenSample(row: DataRow, model: string): Sampled {
  const text = typeof row.sample?.['output_text'] === 'string' ? row.sample['output_text'] : row.sample ? JSON.stringify(row.sample) : '';
  return sampled(row, [], text, model, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cached_tokens: 0 });
}

function sampled(row: DataRow, input: EvalOutputItem.Sample.Input[], text: string, model: string, usage: EvalOutputItem.Sample.Usage, params: JsonObject = {}): Sampled {
  return {
    sample: {
      input,
      output: [{ role: 'assistant', content: text }],
      model,
      finish_reason: 'stop',
      usage,
      // The API sends `error: null` for a sample that did not fail (the SDK's type has no null).
      error: null as unknown as EvalOutputItem.Sample['error'],
      temperature: typeof params['temperature'] === 'number' ? params['temperature'] : 1,
      top_p: typeof params['top_p'] === 'number' ? params['top_p'] : 1,
      max_completion_tokens: typeof params['max_completion_tokens'] === 'number' ? params['max_completion_tokens'] : 2048,
      seed: typeof params['seed'] === 'number' ? params['seed'] : 42,
    },
    context: { item: row.item, sample: sampleOf(text) },
  };
}

/** The messages a `completions` / `responses` run sends for a row: its template with `{{item.x}}` filled. */
function messagesFor(dataSource: JsonObject, row: DataRow): EvalOutputItem.Sample.Input[] {
  const input = isPlainObject(dataSource['input_messages']) ? dataSource['input_messages'] : undefined;
  const context: GradingContext = { item: row.item, sample: { output_text: '' } };
  if (input?.['type'] === 'item_reference') {
    const path = String(input['item_reference']).replace(/^item\./, '');
    const messages = row.item[path];
    if (Array.isArray(messages)) return messages.filter(isPlainObject).map((m) => ({ role: String(m['role'] ?? 'user'), content: textOf(m['content'], context) }));
  }
  const template = Array.isArray(input?.['template']) ? input['template'] : [{ role: 'user', content: JSON.stringify(row.item) }];
  return template.filter(isPlainObject).map((m) => ({ role: String(m['role'] ?? 'user'), content: textOf(m['content'], context) }));
}

function textOf(content: unknown, context: GradingContext): string {
  if (isPlainObject(content) && typeof content['text'] === 'string') return render(content['text'], context);
  return render(typeof content === 'string' ? content : JSON.stringify(content ?? ''), context);
}

/**
 * Samples a row through this mock's own route, as the API samples through the model: `completions` runs
 * send a chat completion, `responses` runs a response, so what the test set on those routes is what the
 * graders read. A failed request is the sample's error.
 */
export async function sampleThroughMock(fetch: typeof globalThis.fetch, dataSource: JsonObject, row: DataRow): Promise<Sampled | { error: string }> {
  const model = String(dataSource['model'] ?? 'gpt-4o-mini');
  const params = isPlainObject(dataSource['sampling_params']) ? dataSource['sampling_params'] : {};
  const messages = messagesFor(dataSource, row);
  const responses = dataSource['type'] === 'responses';
  const body = responses
    ? { model, input: messages, ...(typeof params['temperature'] === 'number' && { temperature: params['temperature'] }) }
    : { model, messages, ...(typeof params['temperature'] === 'number' && { temperature: params['temperature'] }) };
  const answer = await fetch(`https://api.openai.com/v1/${responses ? 'responses' : 'chat/completions'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-eval' },
    body: JSON.stringify(body),
  });
  const json: unknown = await answer.json();
  if (!answer.ok || !isPlainObject(json)) return { error: JSON.stringify(json) };
  const usage = isPlainObject(json['usage']) ? json['usage'] : {};
  const prompt = Number(usage['prompt_tokens'] ?? usage['input_tokens'] ?? 0);
  const completion = Number(usage['completion_tokens'] ?? usage['output_tokens'] ?? 0);
  return sampled(row, messages, responses ? responseText(json) : chatText(json), String(json['model'] ?? model), {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cached_tokens: 0,
  }, params);
}

function chatText(json: JsonObject): string {
  const choices = Array.isArray(json['choices']) ? json['choices'] : [];
  const first: unknown = choices[0];
  const message = isPlainObject(first) && isPlainObject(first['message']) ? first['message'] : {};
  return typeof message['content'] === 'string' ? message['content'] : '';
}

function responseText(json: JsonObject): string {
  const output = Array.isArray(json['output']) ? json['output'] : [];
  return output
    .filter(isPlainObject)
    .flatMap((item) => (Array.isArray(item['content']) ? item['content'] : []))
    .filter(isPlainObject)
    .map((part) => (typeof part['text'] === 'string' ? part['text'] : ''))
    .join('');
}
