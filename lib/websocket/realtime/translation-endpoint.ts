import { nowSeconds } from '../../internal/clock.js';
import type { JsonObject } from '../../internal/merge.js';
import { issuedClientSecrets } from '../../resources/realtime/realtime.js';
import type { SocketEndpoint } from '../connection.js';
import { keyOf, refuse } from './endpoint.js';
import { TranslationSession } from './translation-session.js';

/**
 * Realtime translation (`/v1/realtime/translations?model=...`, the SDK's `OpenAIRealtimeTranslationWS`) on an
 * accepted socket: the session the URL's model asks for, or the one a translation client secret (`ek_...`, from
 * `client.realtime.translations.clientSecrets.create`) configured; then `session.created` and every client event
 * answered as the SDK's translation types define it (see `docs/realtime.md`). An unknown or expired client secret,
 * or a realtime (not translation) one, gets the API's `error` event and a closed socket.
 *
 * @example
 * const endpoint: SocketEndpoint = translationEndpoint; // the transport calls it for each socket on /v1/realtime/translations
 */
export const translationEndpoint: SocketEndpoint = (connection) => {
  const key = keyOf(connection);
  let asked: JsonObject;
  if (key?.startsWith('ek_')) {
    const secret = issuedClientSecrets(connection.openaiMock.state).get(key);
    if (!secret || secret.expiresAt <= nowSeconds() || secret.session['type'] !== 'translation') {
      refuse(connection, { code: 'invalid_api_key', message: `Incorrect API key provided: ${key.slice(0, 6)}***. The client secret is unknown, has expired, or is not a translation session's.` });
      return;
    }
    asked = secret.session;
  } else {
    const model = connection.url.searchParams.get('model');
    if (!model) {
      refuse(connection, { code: 'missing_required_parameter', message: "Missing required parameter: 'model'." });
      return;
    }
    asked = { model };
  }
  new TranslationSession(connection, asked).start();
};
