import { createHash } from 'node:crypto';
import type { FileObject } from 'openai/resources/files';
import type { Upload } from 'openai/resources/uploads/uploads';
import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { concat } from '../../internal/bytes.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import { type Call, type CallContext, type CallWith, defineBehaviours, found, requiredBody } from '../kit/index.js';
import { filePurposes, fileObject, invalidPurpose, storeFile } from '../files.js';

/** The most an Upload may hold: 8 GB. */
export const maxUploadBytes = 8 * 1024 ** 3;

/** What an Upload keeps beside its object: its parts' bytes, and when its file expires. */
interface UploadBooks {
  /** Each part's bytes, by part id. */
  readonly partBytes: Map<string, Uint8Array>;
  /** The `expires_after.seconds` asked for the file, by upload id. */
  readonly fileExpiry: Map<string, number>;
}

/** The bookkeeping of the uploads in a state. */
export const uploadBooks = bookkeeping<UploadBooks>('uploads.books', () => ({ partBytes: new Map<string, Uint8Array>(), fileExpiry: new Map<string, number>() }));

/** The upload a call names, or its 404 thrown. */
export function foundUpload(call: CallWith<{ upload_id: string }>): Upload {
  return found(call.state.uploads, 'upload', call.params.upload_id, { param: 'upload_id' });
}

/** The 400 for an upload that is no longer `pending`. */
export function notPending(upload: Upload, action: string): Refusal {
  return badRequest(`Cannot ${action} upload ${upload.id}: its status is '${upload.status}', and only a 'pending' upload can be changed.`, 'upload_id');
}

function forgetParts(call: CallContext, upload: Upload): void {
  const books = uploadBooks(call.state);
  for (const part of call.state.uploads.parts.of(upload.id).values()) books.partBytes.delete(part.id);
  books.fileExpiry.delete(upload.id);
}

function create(call: Call<'uploads.create'>): Upload | Refusal {
  const body = requiredBody(call, ['bytes', 'filename', 'mime_type', 'purpose']);
  const purpose = String(body['purpose']);
  if (!filePurposes.includes(purpose)) return invalidPurpose(purpose);
  const bytes: unknown = body['bytes'];
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || bytes > maxUploadBytes) {
    return badRequest(`Invalid 'bytes': expected an integer from 0 to ${maxUploadBytes} (8 GB).`, 'bytes');
  }
  const filename = String(body['filename']);
  if (purpose === 'batch' && !filename.toLowerCase().endsWith('.jsonl')) {
    return badRequest(`Invalid file format for Batch API. Must be .jsonl, got '${filename}'.`, 'filename', 'invalid_file_format');
  }
  const expiresAfter: unknown = body['expires_after'];
  if (expiresAfter !== undefined) {
    const seconds = isPlainObject(expiresAfter) ? expiresAfter['seconds'] : undefined;
    if (!isPlainObject(expiresAfter) || expiresAfter['anchor'] !== 'created_at' || typeof seconds !== 'number' || seconds < 3600 || seconds > 2_592_000) {
      return badRequest("Invalid 'expires_after': expected { anchor: 'created_at', seconds: 3600..2592000 }.", 'expires_after');
    }
  }
  const created = nowSeconds();
  const upload = call.complete<Upload & JsonObject>({
    id: newId('upload_'),
    object: 'upload',
    bytes,
    created_at: created,
    expires_at: created + 3600,
    filename,
    purpose,
    status: 'pending',
    file: null,
  });
  call.state.uploads.put(upload);
  if (isPlainObject(expiresAfter) && typeof expiresAfter['seconds'] === 'number') {
    uploadBooks(call.state).fileExpiry.set(upload.id, expiresAfter['seconds']);
  }
  return upload;
}

function complete(call: Call<'uploads.complete'>): Upload | Refusal {
  const upload = foundUpload(call);
  const body = requiredBody(call, ['part_ids']);
  if (upload.status !== 'pending') return notPending(upload, 'complete');
  const partIds: unknown = body['part_ids'];
  if (!Array.isArray(partIds) || partIds.some((id) => typeof id !== 'string')) {
    return badRequest("Invalid 'part_ids': expected an array of part ids.", 'part_ids');
  }
  if (new Set(partIds).size !== partIds.length) return badRequest("Invalid 'part_ids': a part is listed twice.", 'part_ids');
  const parts = call.state.uploads.parts.of(upload.id);
  const books = uploadBooks(call.state);
  const chunks: Uint8Array[] = [];
  for (const id of partIds) {
    const bytes = parts.has(id) ? books.partBytes.get(id) : undefined;
    if (!bytes) return badRequest(`Invalid 'part_ids': no part with id '${id}' in upload ${upload.id}.`, 'part_ids');
    chunks.push(bytes);
  }
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  if (total !== upload.bytes) {
    return badRequest(
      `The number of bytes uploaded (${total}) does not match the number of bytes specified when creating the upload (${upload.bytes}).`,
      'part_ids',
    );
  }
  const content = concat(chunks);
  const md5: unknown = body['md5'];
  if (typeof md5 === 'string' && md5 !== '' && createHash('md5').update(content).digest('hex') !== md5.toLowerCase()) {
    return badRequest('The md5 checksum of the uploaded bytes does not match the md5 given.', 'md5');
  }
  const file = storeFile(
    call.state,
    fileObject({
      bytes: content,
      filename: upload.filename,
      purpose: upload.purpose as FileObject['purpose'],
      expiresAfterSeconds: books.fileExpiry.get(upload.id),
    }),
    content,
  );
  forgetParts(call, upload);
  return call.state.uploads.put(call.complete<Upload & JsonObject>({ ...upload, status: 'completed', file }));
}

/** `client.uploads.*`: an Upload takes parts, and completing it assembles them, in the order given, into a real file. */
export const uploadRoutes = defineBehaviours({
  'uploads.create': { respond: create },
  'uploads.complete': { respond: complete },
  'uploads.cancel': {
    respond(call) {
      const upload = foundUpload(call);
      if (upload.status !== 'pending') return notPending(upload, 'cancel');
      forgetParts(call, upload);
      return call.state.uploads.put(call.complete<Upload & JsonObject>({ ...upload, status: 'cancelled' }));
    },
  },
});
