import type { FileObject } from 'openai/resources/files';
import { apiError, invalidRequest } from '../errors.js';
import { nowSeconds } from '../internal/clock.js';
import { newId } from '../internal/ids.js';
import { listParams } from '../internal/validate.js';
import type { StateStore } from '../state/state-store.js';
import type { Behaviours, CallContext } from './behaviour.js';
import { pollableFound } from './lifecycle.js';
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

/** The 404 the API answers for a file id it does not hold. */
export function fileNotFound(id: string, param = 'file_id'): Response {
  return apiError(404, `No such File object: ${id}`, { param });
}

/** The 400 for a purpose outside the API's list. */
export function invalidPurpose(purpose: string): Response {
  return invalidRequest(
    `'${purpose}' is not one of [${filePurposes.map((p) => `'${p}'`).join(', ')}] - 'purpose'`,
    'purpose',
    'invalid_value',
  );
}

function formString(form: FormData, key: string): string | undefined {
  const value = form.get(key);
  return typeof value === 'string' ? value : undefined;
}

async function create(call: CallContext): Promise<FileObject | Response> {
  const form = call.body;
  if (!(form instanceof FormData)) {
    return invalidRequest("Expected a multipart/form-data body with the fields 'file' and 'purpose'.");
  }
  const upload = form.get('file');
  if (!(upload instanceof Blob)) return invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
  const purpose = formString(form, 'purpose');
  if (purpose === undefined) return invalidRequest("Missing required parameter: 'purpose'.", 'purpose', 'missing_required_parameter');
  if (!filePurposes.includes(purpose)) return invalidPurpose(purpose);
  const filename = upload instanceof File ? upload.name : 'upload';
  if (purpose === 'batch' && !filename.toLowerCase().endsWith('.jsonl')) {
    return invalidRequest(`Invalid file format for Batch API. Must be .jsonl, got '${filename}'.`, 'file', 'invalid_file_format');
  }
  const seconds = formString(form, 'expires_after[seconds]');
  const anchor = formString(form, 'expires_after[anchor]');
  if (seconds !== undefined || anchor !== undefined) {
    const value = Number(seconds);
    if (anchor !== 'created_at') return invalidRequest("Invalid 'expires_after.anchor': expected 'created_at'.", 'expires_after.anchor');
    if (!Number.isInteger(value) || value < 3600 || value > 2_592_000) {
      return invalidRequest("Invalid 'expires_after.seconds': expected an integer between 3600 (1 hour) and 2592000 (30 days).", 'expires_after.seconds');
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

function found(call: CallContext): FileObject | Response {
  const id = call.params['file_id'] ?? '';
  return call.state.files.get(id) ?? fileNotFound(id);
}

/** `client.files.*`: multipart upload, list by purpose, retrieve, delete (content and vector-store links too), content. */
export const fileRoutes: Behaviours = {
  'files.create': { respond: create },
  'files.retrieve': { respond: (call) => pollableFound(call, found(call)) },
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
      const file = found(call);
      if (file instanceof Response) return file;
      detachEverywhere(call.state, file.id);
      call.state.files.delete(file.id);
      return call.complete({ id: file.id, object: 'file', deleted: true });
    },
  },
  'files.content': {
    respond(call) {
      const file = found(call);
      if (file instanceof Response) return file;
      if (file.purpose === 'assistants') {
        return invalidRequest(`Not allowed to download files of purpose: ${file.purpose}`, null, null);
      }
      const bytes = call.state.files.content.get(file.id) ?? new Uint8Array();
      return new Response(bytes.slice(), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    },
  },
};
