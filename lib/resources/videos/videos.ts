import type { Video, VideoGetCharacterResponse } from 'openai/resources/videos';
import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import { RequestFields } from '../../internal/request-fields.js';
import type { StateStore } from '../../state/state-store.js';
import { type CallContext, type CallWith, binary, defineBehaviours, deleteFrom, found, listPage, missingParameter } from '../kit/index.js';
import { lifecycle, readCounter, stepsOf } from '../lifecycle.js';
import { videoContent } from './content.js';

/** Retrieves counted per video, each `retrievesPerStep` moving it one status on. */
const readMovesOn = readCounter('videos.reads');

const sizes: readonly string[] = ['720x1280', '1280x720', '1024x1792', '1792x1024'];
const seconds: readonly string[] = ['4', '8', '12'];

/** The request's fields (JSON or multipart), checked; a bad one is the API's 400, thrown. */
function fieldsOf(call: CallContext, required: readonly string[]): RequestFields {
  const fields = new RequestFields(call.body);
  if (!fields.readable) throw badRequest('Expected a JSON or multipart/form-data body.');
  for (const field of required) {
    if (fields.raw(field) === undefined || fields.raw(field) === '') {
      throw missingParameter(field);
    }
  }
  const size = fields.raw('size');
  if (size !== undefined && !sizes.includes(String(size))) {
    throw badRequest(`Invalid 'size': '${String(size)}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`, 'size', 'invalid_value');
  }
  const length = fields.raw('seconds');
  if (length !== undefined && !seconds.includes(String(length))) {
    throw badRequest(`Invalid 'seconds': '${String(length)}'. Supported values are: ${seconds.map((s) => `'${s}'`).join(', ')}.`, 'seconds', 'invalid_value');
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

/** The video with this id, or its 404 thrown. */
function foundVideo(state: StateStore, id: string, param = 'video_id'): Video {
  return found(state.videos, 'video', id, { param });
}

/** The video a request refers to by `video: { id }` (edit, extend), which must be completed. */
function source(call: CallContext, fields: RequestFields): Video | undefined {
  if (!isPlainObject(fields.raw('video'))) return undefined;
  return completed(foundVideo(call.state, String(fields.raw('video[id]')), 'video'));
}

/** The video, if it is completed; the API's 400 thrown otherwise. */
function completed(video: Video): Video {
  if (video.status !== 'completed') throw notReady(video);
  return video;
}

function notReady(video: Video): Refusal {
  return badRequest(`Video '${video.id}' is not completed yet (status '${video.status}').`, 'video_id', 'video_not_ready');
}

function create(call: CallContext): Video {
  const fields = fieldsOf(call, ['prompt']);
  return start(call, {
    prompt: String(fields.raw('prompt')),
    ...(fields.raw('model') !== undefined && { model: String(fields.raw('model')) }),
    ...(fields.raw('seconds') !== undefined && { seconds: String(fields.raw('seconds')) }),
    ...(fields.raw('size') !== undefined && { size: String(fields.raw('size')) as Video['size'] }),
  });
}

function remix(call: CallWith<{ video_id: string }>): Video {
  const original = completed(foundVideo(call.state, call.params.video_id));
  const fields = fieldsOf(call, ['prompt']);
  const { model, seconds: length, size } = original;
  return start(call, { prompt: String(fields.raw('prompt')), model, seconds: length, size, remixed_from_video_id: original.id });
}

function edit(call: CallContext): Video {
  const fields = fieldsOf(call, ['prompt', 'video']);
  const original = source(call, fields);
  const like = original ? { model: original.model, seconds: original.seconds, size: original.size, remixed_from_video_id: original.id } : {};
  return start(call, { prompt: String(fields.raw('prompt')), ...like });
}

function extend(call: CallContext): Video {
  const fields = fieldsOf(call, ['prompt', 'seconds', 'video']);
  const original = source(call, fields);
  const added = Number(fields.raw('seconds'));
  const like = original ? { model: original.model, size: original.size, remixed_from_video_id: original.id } : {};
  return start(call, { prompt: String(fields.raw('prompt')), ...like, seconds: String((original ? Number(original.seconds) : 0) + added) });
}

function createCharacter(call: CallContext): VideoGetCharacterResponse {
  const fields = new RequestFields(call.body);
  if (!fields.readable) throw badRequest('Expected a multipart/form-data body.');
  for (const field of ['name', 'video']) {
    if (fields.raw(field) === undefined) throw missingParameter(field);
  }
  const character = { id: newId('char_'), name: String(fields.raw('name')), created_at: nowSeconds() };
  return call.state.videos.characters.put(call.complete(character));
}

/**
 * `client.videos.*`: a video moves `queued` -> `in_progress` -> `completed` one step per `retrieve` (see
 * `lifecycle`); once completed, `downloadContent` gives its bytes (an MP4, or a WebP thumbnail / JPEG
 * spritesheet by `variant`), and `remix`, `edit` and `extend` make new videos from it. Characters are kept.
 */
export const videoRoutes = defineBehaviours({
  'videos.create': { respond: create },
  'videos.retrieve': {
    respond(call) {
      const video = foundVideo(call.state, call.params.video_id);
      let current = video;
      const perStep = stepsOf(lifecycle(call.state).videos.retrievesPerStep);
      if (perStep === 0) current = finish(call.state, video);
      else if ((video.status === 'queued' || video.status === 'in_progress') && readMovesOn(call.state, video.id, perStep)) {
        current = step(call.state, video);
      }
      return call.complete(current);
    },
    poll: true,
  },
  'videos.list': { respond: (call) => listPage(call, call.state.videos) },
  'videos.delete': {
    respond: (call) => deleteFrom(call, call.state.videos, 'video', call.params.video_id, 'video.deleted', { param: 'video_id' }),
  },
  'videos.downloadContent': {
    respond(call) {
      completed(foundVideo(call.state, call.params.video_id));
      const variant = call.query.get('variant') ?? 'video';
      const content = videoContent(variant);
      if (!content) return badRequest(`Invalid 'variant': '${variant}'. Supported values are: 'video', 'thumbnail', 'spritesheet'.`, 'variant', 'invalid_value');
      return binary(content.bytes, content.type, { 'content-length': String(content.bytes.byteLength) });
    },
  },
  'videos.remix': { respond: remix },
  'videos.edit': { respond: edit },
  'videos.extend': { respond: extend },
  'videos.createCharacter': { respond: createCharacter },
  'videos.getCharacter': {
    respond: (call) => call.complete(found(call.state.videos.characters, 'character', call.params.character_id, { param: 'character_id' })),
  },
});
