import type { Behaviours } from '../kit/index.js';
import { speechRoutes } from './speech.js';
import { transcriptionRoutes } from './transcriptions.js';
import { voiceRoutes } from './voices.js';

/** `client.audio.*`: speech, transcriptions, translations, voices and voice consents. */
export const audioRoutes: Behaviours = { ...speechRoutes, ...transcriptionRoutes, ...voiceRoutes };
