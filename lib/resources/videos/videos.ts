import type { Video, VideoDeleteResponse, VideoGetCharacterResponse } from 'openai/resources/videos';
import { invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { requestFields } from '../../internal/form-fields.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { lifecycle, readMovesOn, stepsOf } from '../lifecycle.js';
import { videoContent } from './content.js';

const sizes: readonly string[] = ['720x1280', '1280x720', '1024x1792', '1792x1024'];
const seconds: readonly string[] = ['4', '8', '12'];

function fieldsOf(call: CallContext, required: readonly string[]): JsonObject | Response {
  const fields = requestFields(call.body);
  if (!fields) return invalidRequest('Expected a JSON or multipart/form-data body.');
  for (const field of required) {
    if (fields[field] === undefined || fields[field] === '') {
      return invalidRequest(`Missing required parameter: '${field}'.`, field, 'missing_required_parameter');
    }
  }
  const size = fields['size'];
  if (size !== undefined && !sizes.includes(String(size))) {
    return invalidRequest(`Invalid 'size': '${String(size)}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`, 'size', 'invalid_value');
  }
  const length = fields['seconds'];
  if (length !== undefined && !seconds.includes(String(length))) {
    return invalidRequest(`Invalid 'seconds': '${String(length)}'. Supported values are: ${seconds.map((s) => `'${s}'`).join(', ')}.`, 'seconds', 'invalid_value');
  }
  return fields;
}

/** A new video, `queued` (or already `completed` with the lifecycle setting `retrievesPerStep: 0`). */
function start(call: CallContext, video: Partial<Video> & Pick<Video, 'prompt'>): Video {
  const fresh: Video = {
    id: newId('video_'),
    object: 'video',
    created_at: nowSeconds(),
    status: 'queued',
    progress: 0,
    model: 'sora-2',
    seconds: '4',
    size: '720x1280',
    completed_at: null,
    expires_at: null,
    remixed_from_video_id: null,
    error: null,
    ...video,
  };
  const stored = call.state.videos.put(call.complete(fresh));
  return stepsOf(lifecycle(call.state).videos.retrievesPerStep) === 0 ? finish(call.state, stored) : stored;
}

/** Moves a video one status on: `queued` -> `in_progress` (half done) -> `completed`, kept a day. */
function step(state: StateStore, video: Video): Video {
  if (video.status === 'queued') return state.videos.put({ ...video, status: 'in_progress', progress: 50 });
  if (video.status !== 'in_progress') return video;
  const now = nowSeconds();
  return state.videos.put({ ...video, status: 'completed', progress: 100, completed_at: now, expires_at: now + 86_400 });
}

function finish(state: StateStore, video: Video): Video {
  let current = video;
  while (current.status === 'queued' || current.status === 'in_progress') current = step(state, current);
  return current;
}

function found(state: StateStore, id: string, param = 'video_id'): Video | Response {
  return state.videos.get(id) ?? notFound('video', id, param);
}

/** The video a request refers to by `video: { id }` (edit, extend), which must be completed. */
function source(call: CallContext, fields: JsonObject): Video | Response | undefined {
  const video = fields['video'];
  if (!isPlainObject(video)) return undefined;
  const found_ = found(call.state, String(video['id']), 'video');
  if (found_ instanceof Response) return found_;
  return found_.status === 'completed' ? found_ : notReady(found_);
}

function notReady(video: Video): Response {
  return invalidRequest(`Video '${video.id}' is not completed yet (status '${video.status}').`, 'video_id', 'video_not_ready');
}

function create(call: CallContext): Video | Response {
  const fields = fieldsOf(call, ['prompt']);
  if (fields instanceof Response) return fields;
  return start(call, {
    prompt: String(fields['prompt']),
    ...(fields['model'] !== undefined && { model: String(fields['model']) }),
    ...(fields['seconds'] !== undefined && { seconds: String(fields['seconds']) }),
    ...(fields['size'] !== undefined && { size: String(fields['size']) as Video['size'] }),
  });
}

function remix(call: CallContext): Video | Response {
  const original = found(call.state, call.params['video_id'] ?? '');
  if (original instanceof Response) return original;
  if (original.status !== 'completed') return notReady(original);
  const fields = fieldsOf(call, ['prompt']);
  if (fields instanceof Response) return fields;
  const { model, seconds: length, size } = original;
  return start(call, { prompt: String(fields['prompt']), model, seconds: length, size, remixed_from_video_id: original.id });
}

function edit(call: CallContext): Video | Response {
  const fields = fieldsOf(call, ['prompt', 'video']);
  if (fields instanceof Response) return fields;
  const original = source(call, fields);
  if (original instanceof Response) return original;
  const like = original ? { model: original.model, seconds: original.seconds, size: original.size, remixed_from_video_id: original.id } : {};
  return start(call, { prompt: String(fields['prompt']), ...like });
}

function extend(call: CallContext): Video | Response {
  const fields = fieldsOf(call, ['prompt', 'seconds', 'video']);
  if (fields instanceof Response) return fields;
  const original = source(call, fields);
  if (original instanceof Response) return original;
  const added = Number(fields['seconds']);
  const like = original ? { model: original.model, size: original.size, remixed_from_video_id: original.id } : {};
  return start(call, { prompt: String(fields['prompt']), ...like, seconds: String((original ? Number(original.seconds) : 0) + added) });
}

function createCharacter(call: CallContext): VideoGetCharacterResponse | Response {
  const fields = requestFields(call.body);
  if (!fields) return invalidRequest('Expected a multipart/form-data body.');
  for (const field of ['name', 'video']) {
    if (fields[field] === undefined) return invalidRequest(`Missing required parameter: '${field}'.`, field, 'missing_required_parameter');
  }
  const character = { id: newId('char_'), name: String(fields['name']), created_at: nowSeconds() };
  return call.state.videos.characters.put(call.complete(character));
}

/**
 * `client.videos.*`: a video moves `queued` -> `in_progress` -> `completed` one step per `retrieve` (see
 * `lifecycle`); once completed, `downloadContent` gives its bytes (an MP4, or a WebP thumbnail / JPEG
 * spritesheet by `variant`), and `remix`, `edit` and `extend` make new videos from it. Characters are kept.
 */
export const videoRoutes: Behaviours = {
  'videos.create': { respond: create },
  'videos.retrieve': {
    respond(call) {
      const video = found(call.state, call.params['video_id'] ?? '');
      if (video instanceof Response) return video;
      let current = video;
      const perStep = stepsOf(lifecycle(call.state).videos.retrievesPerStep);
      if (perStep === 0) current = finish(call.state, video);
      else if ((video.status === 'queued' || video.status === 'in_progress') && readMovesOn(call.state, 'videos.reads', video.id, perStep)) {
        current = step(call.state, video);
      }
      return call.complete(current);
    },
    poll: true,
  },
  'videos.list': { respond: (call) => call.complete(call.state.videos.list(listParams(call.query))) },
  'videos.delete': {
    respond(call) {
      const id = call.params['video_id'] ?? '';
      if (!call.state.videos.delete(id)) return notFound('video', id, 'video_id');
      return call.complete<VideoDeleteResponse>({ id, object: 'video.deleted', deleted: true });
    },
  },
  'videos.downloadContent': {
    respond(call) {
      const video = found(call.state, call.params['video_id'] ?? '');
      if (video instanceof Response) return video;
      if (video.status !== 'completed') return notReady(video);
      const variant = call.query.get('variant') ?? 'video';
      return videoContent(variant) ?? invalidRequest(`Invalid 'variant': '${variant}'. Supported values are: 'video', 'thumbnail', 'spritesheet'.`, 'variant', 'invalid_value');
    },
  },
  'videos.remix': { respond: remix },
  'videos.edit': { respond: edit },
  'videos.extend': { respond: extend },
  'videos.createCharacter': { respond: createCharacter },
  'videos.getCharacter': {
    respond(call) {
      const id = call.params['character_id'] ?? '';
      const character = call.state.videos.characters.get(id);
      return character ? call.complete(character) : notFound('character', id, 'character_id');
    },
  },
};
