export { startServer } from './server.js';
export { ControlRequestError, MockServerClient } from './control-client.js';
export { checkRequestOrigin, refuseUpgrade } from './request-gate.js';
export { StateFileError } from './state-file.js';
export { controlPrefix } from './control-api.js';
export { snapshotState, restoreState } from './state-snapshot.js';

export type { MockServer, ServerOptions } from './server.js';
export type { ControlledRoute, MockServerClientOptions } from './control-client.js';
export type { RequestOriginOptions, ServerAddress } from './request-gate.js';
export type { RouteSettings, SerializedCall } from './control-api.js';
export type { StateSnapshot } from './state-snapshot.js';
