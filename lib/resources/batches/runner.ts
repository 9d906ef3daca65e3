import type { Batch, BatchError, BatchUsage } from 'openai/resources/batches';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { fileObject, storeFile } from '../files.js';

/** One request line of a batch input file. */
export interface BatchLine {
  custom_id: string;
  method: string;
  url: string;
  body: JsonObject;
}

/** An input file read: its lines, or the errors that fail the batch. */
export type ReadInput = { lines: BatchLine[]; model: string | undefined } | { errors: BatchError[] };

/** The most lines one batch may hold. */
export const maxBatchLines = 50_000;

/**
 * Reads and checks a batch input file as the API does while `validating`: one JSON object a line with a
 * unique `custom_id`, `method` `POST`, the batch's `url`, a `body`, and one model for the whole file.
 */
export function readInput(state: StateStore, fileId: string, endpoint: string): ReadInput {
  const bytes = state.files.content.get(fileId);
  if (!state.files.has(fileId) || !bytes) {
    return { errors: [{ code: 'file_not_found', line: null, message: `The input file ${fileId} no longer exists.`, param: 'input_file_id' }] };
  }
  const text = new TextDecoder().decode(bytes);
  const errors: BatchError[] = [];
  const lines: BatchLine[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      errors.push({ code: 'invalid_json_line', line, message: `This line is not parseable as valid JSON.`, param: null });
      return;
    }
    if (!isPlainObject(parsed)) {
      errors.push({ code: 'invalid_json_line', line, message: 'Each line must be a JSON object.', param: null });
      return;
    }
    const customId = parsed['custom_id'];
    if (typeof customId !== 'string' || customId === '') {
      errors.push({ code: 'missing_required_parameter', line, message: "Missing required parameter: 'custom_id'.", param: 'custom_id' });
      return;
    }
    if (seen.has(customId)) {
      errors.push({ code: 'duplicate_custom_id', line, message: `The custom_id '${customId}' is used by more than one line.`, param: 'custom_id' });
      return;
    }
    seen.add(customId);
    if (parsed['method'] !== 'POST') {
      errors.push({ code: 'invalid_method', line, message: `Invalid method '${String(parsed['method'])}': batch requests use 'POST'.`, param: 'method' });
      return;
    }
    if (parsed['url'] !== endpoint) {
      errors.push({ code: 'invalid_url', line, message: `The url '${String(parsed['url'])}' does not match the batch endpoint '${endpoint}'.`, param: 'url' });
      return;
    }
    const body = parsed['body'];
    if (!isPlainObject(body)) {
      errors.push({ code: 'missing_required_parameter', line, message: "Missing required parameter: 'body'.", param: 'body' });
      return;
    }
    const lineModel = typeof body['model'] === 'string' ? body['model'] : undefined;
    if (model !== undefined && lineModel !== undefined && lineModel !== model) {
      errors.push({ code: 'mismatched_model', line, message: `Every line of a batch must use the same model: '${lineModel}' differs from '${model}'.`, param: 'body.model' });
      return;
    }
    model ??= lineModel;
    lines.push({ custom_id: customId, method: 'POST', url: endpoint, body });
  });
  if (errors.length === 0 && lines.length === 0) {
    errors.push({ code: 'empty_file', line: null, message: 'The input file has no requests.', param: 'input_file_id' });
  }
  if (lines.length > maxBatchLines) {
    errors.push({ code: 'too_many_tasks', line: null, message: `A batch holds at most ${maxBatchLines} requests; this file has ${lines.length}.`, param: 'input_file_id' });
  }
  return errors.length > 0 ? { errors: errors.slice(0, 1000) } : { lines, model };
}

/** What running a batch's lines gave. */
export interface BatchResults {
  output_file_id: string | undefined;
  error_file_id: string | undefined;
  request_counts: { total: number; completed: number; failed: number };
  usage: BatchUsage;
}

function emptyUsage(): BatchUsage {
  return {
    input_tokens: 0,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 0,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 0,
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Adds one answer's usage (chat's prompt/completion tokens, the Responses API's input/output tokens). */
function addUsage(total: BatchUsage, body: unknown): void {
  if (!isPlainObject(body) || !isPlainObject(body['usage'])) return;
  const usage = body['usage'];
  const input = count(usage['input_tokens']) + count(usage['prompt_tokens']);
  const output = count(usage['output_tokens']) + count(usage['completion_tokens']);
  total.input_tokens += input;
  total.output_tokens += output;
  total.total_tokens += input + output;
  const inputDetails = usage['input_tokens_details'] ?? usage['prompt_tokens_details'];
  const outputDetails = usage['output_tokens_details'] ?? usage['completion_tokens_details'];
  if (isPlainObject(inputDetails)) total.input_tokens_details.cached_tokens += count(inputDetails['cached_tokens']);
  if (isPlainObject(outputDetails)) total.output_tokens_details.reasoning_tokens += count(outputDetails['reasoning_tokens']);
}

function jsonl(lines: readonly unknown[]): Uint8Array {
  return new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}

/**
 * Runs each line through the mock's own routes (so what the user set on `chat.completions.create`,
 * `responses.create`, `embeddings.create` ... answers it, and its `calls` record it), then writes the
 * output file (2xx answers) and the error file (the others), each line in the API's shape:
 * `{ id, custom_id, response: { status_code, request_id, body }, error }`.
 */
export async function runBatch(state: StateStore, fetch: typeof globalThis.fetch, batch: Batch, lines: readonly BatchLine[]): Promise<BatchResults> {
  const outputs: JsonObject[] = [];
  const failures: JsonObject[] = [];
  const usage = emptyUsage();
  for (const line of lines) {
    const id = newId('batch_req_', 32);
    let answer: Response;
    try {
      answer = await fetch(`https://api.openai.com${line.url}`, {
        method: line.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(line.body),
      });
    } catch (error) {
      failures.push({
        id,
        custom_id: line.custom_id,
        response: null,
        error: { code: 'request_failed', message: error instanceof Error ? error.message : String(error) },
      });
      continue;
    }
    const text = await answer.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // A non-JSON answer is kept as its text.
    }
    const entry = {
      id,
      custom_id: line.custom_id,
      response: { status_code: answer.status, request_id: answer.headers.get('x-request-id') ?? '', body },
      error: null,
    };
    if (answer.ok) {
      outputs.push(entry);
      addUsage(usage, body);
    } else {
      failures.push(entry);
    }
  }
  const write = (entries: readonly JsonObject[], kind: 'output' | 'error'): string | undefined => {
    if (entries.length === 0) return undefined;
    const bytes = jsonl(entries);
    return storeFile(state, fileObject({ bytes, filename: `${batch.id}_${kind}.jsonl`, purpose: 'batch_output' }), bytes).id;
  };
  return {
    output_file_id: write(outputs, 'output'),
    error_file_id: write(failures, 'error'),
    request_counts: { total: lines.length, completed: outputs.length, failed: failures.length },
    usage,
  };
}
