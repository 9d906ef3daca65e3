import type { UploadPart } from 'openai/resources/uploads/parts';
import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import type { JsonObject } from '../../internal/merge.js';
import { type Call, defineBehaviours, missingParameter } from '../kit/index.js';
import { foundUpload, notPending, uploadBooks } from './uploads.js';

/** The most one part may hold: 64 MB. */
export const maxPartBytes = 64 * 1024 ** 2;

async function create(call: Call<'uploads.parts.create'>): Promise<UploadPart | Refusal> {
  const upload = foundUpload(call);
  const form = call.body;
  const data = form instanceof FormData ? form.get('data') : null;
  if (!(data instanceof Blob)) return missingParameter('data');
  if (upload.status !== 'pending') return notPending(upload, 'add a part to');
  if (data.size > maxPartBytes) return badRequest(`A part can hold at most 64 MB; this one has ${data.size} bytes.`, 'data');
  const part = call.complete<UploadPart & JsonObject>({
    id: newId('part_'),
    object: 'upload.part',
    created_at: nowSeconds(),
    upload_id: upload.id,
  });
  call.state.uploads.parts.of(upload.id).put(part);
  uploadBooks(call.state).partBytes.set(part.id, new Uint8Array(await data.arrayBuffer()));
  return part;
}

/** `client.uploads.parts.create`: one chunk of an Upload's bytes, kept exactly until the Upload completes. */
export const uploadPartRoutes = defineBehaviours({
  'uploads.parts.create': { respond: create },
});
