import type { LiveCreateResponse } from 'openai/resources/live/live';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import type { CallContext, CallWith } from '../behaviour.js';
import { binary, bookkeeping, defineBehaviours, missingParameter, noSuch, requiredBody } from '../kit/index.js';
import { empty } from '../realtime/realtime.js';
import { sdpAnswer } from '../realtime/sdp.js';

/** The live sessions this mock started (by `live.create` or a fork). */
const sessions = bookkeeping('live sessions', () => new Set<string>());

/** A second of 24 kHz mono 16-bit silence as a WAV file: a session's recording. */
function silentWav(): Uint8Array {
  const rate = 24_000;
  const data = rate * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data, 40);
  return new Uint8Array(Buffer.concat([header, Buffer.alloc(data)]));
}

function start(call: CallContext): LiveCreateResponse {
  const body = requiredBody(call, ['transport']);
  const transport = isPlainObject(body['transport']) ? body['transport'] : {};
  if (typeof transport['sdp'] !== 'string') throw missingParameter('transport.sdp');
  const id = newId('sess_');
  sessions(call.state).add(id);
  return call.complete<LiveCreateResponse>({ session: { id }, transport: { type: 'webrtc', sdp: sdpAnswer(transport['sdp']) } });
}

function known(call: CallWith<{ session_id: string }>): string {
  const id = call.params.session_id;
  if (!sessions(call.state).has(id)) throw noSuch('live session', id, { param: 'session_id' });
  return id;
}

/**
 * `client.live.*`: `create` and `sessions.fork` answer the WebRTC offer with an SDP answer and a session id;
 * `downloadRecording` gives a started session's recording (a WAV of silence); `accept`, `hangup`, `refer` and
 * `reject` answer an empty 200.
 */
export const liveRoutes = defineBehaviours({
  'live.create': { respond: start },
  'live.sessions.fork': {
    respond(call) {
      known(call);
      return start(call);
    },
  },
  'live.sessions.downloadRecording': {
    respond(call) {
      known(call);
      return binary(silentWav(), 'audio/wav');
    },
  },
  'live.sessions.accept': { respond: empty },
  'live.sessions.hangup': { respond: empty },
  'live.sessions.refer': {
    respond(call) {
      requiredBody(call, ['target_uri']);
      return empty();
    },
  },
  'live.sessions.reject': { respond: empty },
});
