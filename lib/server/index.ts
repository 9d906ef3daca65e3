export { startServer } from './server.js';
export { MockServerClient } from './control-client.js';
export { controlPrefix } from './control-api.js';
export { snapshotState, restoreState } from './state-snapshot.js';

export type { MockServer, ServerOptions } from './server.js';
export type { ControlledRoute } from './control-client.js';
export type { RouteSettings, SerializedCall } from './control-api.js';
export type { StateSnapshot } from './state-snapshot.js';
