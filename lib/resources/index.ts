import { agentRoutes } from './agents/agents.js';
import { audioRoutes } from './audio/index.js';
import type { Behaviours } from './behaviour.js';
import { betaRoutes } from './beta/index.js';
import { chatCompletionRoutes } from './chat/completions.js';
import { completionRoutes } from './completions.js';
import { conversationRoutes } from './conversations/index.js';
import { dataPlaneRoutes } from './data-plane.js';
import { embeddingRoutes } from './embeddings.js';
import { imageRoutes } from './images/index.js';
import { evalsRoutes } from './evals/index.js';
import { fineTuningRoutes } from './fine-tuning/index.js';
import { modelRoutes } from './models.js';
import { moderationRoutes } from './moderations.js';
import { responseRoutes } from './responses/index.js';
import { traceRoutes } from './traces.js';
import { videoRoutes } from './videos/videos.js';
import { chatkitRoutes } from './chatkit/chatkit.js';
import { containerRoutes } from './containers/containers.js';
import { decisionRoutes } from './decisions/decisions.js';
import { liveRoutes } from './live/live.js';
import { liveTurnRoutes } from './live/turn.js';
import { realtimeRoutes } from './realtime/realtime.js';
import { realtimeTurnRoutes } from './realtime/turn.js';
import { skillRoutes } from './skills/skills.js';
import { webhookEndpointRoutes } from './webhook-endpoints/webhook-endpoints.js';

/** Every route's default behaviour, by client method name. Routes without one answer only what the user sets. */
export const behaviours: Behaviours = {
  ...chatCompletionRoutes,
  ...completionRoutes,
  ...embeddingRoutes,
  ...moderationRoutes,
  ...modelRoutes,
  ...responseRoutes,
  ...conversationRoutes,
  ...dataPlaneRoutes,
  ...betaRoutes,
  ...imageRoutes,
  ...audioRoutes,
  ...traceRoutes,
  ...fineTuningRoutes,
  ...videoRoutes,
  ...evalsRoutes,
  ...containerRoutes,
  ...skillRoutes,
  ...realtimeRoutes,
  ...realtimeTurnRoutes,
  ...liveRoutes,
  ...liveTurnRoutes,
  ...chatkitRoutes,
  ...webhookEndpointRoutes,
  ...decisionRoutes,
  ...agentRoutes,
};
