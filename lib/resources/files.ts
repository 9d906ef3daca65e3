import type { FileObject } from 'openai/resources/files';
import { type Refusal, badRequest } from '../errors/api-errors.js';
import { nowSeconds } from '../internal/clock.js';
import { newId } from '../internal/ids.js';
import { listParams } from '../internal/validate.js';
import type { StateStore } from '../state/state-store.js';
import { type Call, type CallWith, binary, defineBehaviours, deleteFrom, found, missingParameter } from './kit/index.js';
import { detachEverywhere } from './vector-stores/books.js';

/** The purposes `files.create` and `uploads.create` accept. */
export const filePurposes: readonly string[] = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** What a stored file is made from. */
export interface NewFile {
  bytes: Uint8Array;
  filename: string;
  purpose: FileObject['purpose'];
  /** Seconds after creation the file expires, if it does. */
  expiresAfterSeconds?: number | undefined;
}

/** The default file object for new content: `processed` at once, `bytes` the content's byte length. */
export function fileObject(file: NewFile): FileObject {
  const created = nowSeconds();
  return {
    id: newId('file-', 22),
    object: 'file',
    bytes: file.bytes.byteLength,
    created_at: created,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    ...(file.expiresAfterSeconds !== undefined && { expires_at: created + file.expiresAfterSeconds }),
  };
}

/** Stores a file and its exact bytes; returns the stored object. */
export function storeFile(state: StateStore, object: FileObject, bytes: Uint8Array): FileObject {
  state.files.put(object);
  state.files.content.set(object.id, bytes);
  return object;
}

/** The 400 for a purpose outside the API's list. */
export function invalidPurpose(purpose: string): Refusal {
  return badRequest(
    `'${purpose}' is not one of [${filePurposes.map((p) => `'${p}'`).join(', ')}] - 'purpose'`,
    'purpose',
    'invalid_value',
  );
}

function formString(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === 'string' ? value : undefined;
}

async function create(call: Call<'files.create'>): Promise<FileObject | Refusal> {
  const form = call.body;
  if (!(form instanceof FormData)) {
    return badRequest("Expected a multipart/form-data body with the fields 'file' and 'purpose'.");
  }
  const upload = form.get('file');
  if (!(upload instanceof Blob)) return missingParameter('file');
  const purpose = formString(form, 'purpose');
  if (purpose === undefined) return missingParameter('purpose');
  if (!filePurposes.includes(purpose)) return invalidPurpose(purpose);
  const filename = upload instanceof File ? upload.name : 'upload';
  if (purpose === 'batch' && !filename.toLowerCase().endsWith('.jsonl')) {
    return badRequest(`Invalid file format for Batch API. Must be .jsonl, got '${filename}'.`, 'file', 'invalid_file_format');
  }
  const seconds = formString(form, 'expires_after[seconds]');
  const anchor = formString(form, 'expires_after[anchor]');
  if (seconds !== undefined || anchor !== undefined) {
    const value = Number(seconds);
    if (anchor !== 'created_at') return badRequest("Invalid 'expires_after.anchor': expected 'created_at'.", 'expires_after.anchor');
    if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
      return badRequest("Invalid 'expires_after.seconds': expected an integer between 3600 (1 hour) and 2592000 (30 days).", 'expires_after.seconds');
    }
  }
  const bytes = new Uint8Array(await upload.arrayBuffer());
  const defaults = fileObject({
    bytes,
    filename,
    purpose: purpose as FileObject['purpose'],
    expiresAfterSeconds: seconds === undefined ? undefined : Number(seconds),
  });
  return storeFile(call.state, call.complete(defaults), bytes);
}

/** The file a call names, or its 404 thrown. */
function foundFile(call: CallWith<{ file_id: string }>): FileObject {
  return found(call.state.files, 'file', call.params.file_id, { param: 'file_id' });
}

/** `client.files.*`: multipart upload, list by purpose, retrieve, delete (content and vector-store links too), content. */
export const fileRoutes = defineBehaviours({
  'files.create': { respond: create },
  'files.retrieve': { poll: true, respond: (call) => call.complete(foundFile(call)) },
  'files.list': {
    respond(call) {
      const purpose = call.query.get('purpose');
      const params = listParams(call.query);
      const page = purpose === null ? call.state.files.list(params) : call.state.files.listByPurpose(purpose, params);
      return call.complete(page);
    },
  },
  'files.delete': {
    respond(call) {
      const file = foundFile(call);
      detachEverywhere(call.state, file.id);
      return deleteFrom(call, call.state.files, 'file', file.id, 'file');
    },
  },
  'files.content': {
    respond(call) {
      const file = foundFile(call);
      if (file.purpose === 'assistants') return badRequest(`Not allowed to download files of purpose: ${file.purpose}`);
      return binary(call.state.files.content.get(file.id) ?? new Uint8Array());
    },
  },
});
