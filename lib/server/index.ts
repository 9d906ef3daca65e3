export { startServer } from './server.js';
export { ControlRequestError, MockServerClient } from './control-client.js';
export { checkRequestOrigin } from './request-gate.js';
export { refuseUpgrade } from '../websocket/refuse-upgrade.js';
export { StateFileError } from './state-file.js';
export { controlPrefix } from './control-api.js';
export { snapshotState, restoreState } from './state-snapshot.js';

export type { MockServer, ServerOptions } from './server.js';
export type { ControlledRoute, MockServerClientOptions } from './control-client.js';
export type { RequestOriginOptions, ServerAddress } from './request-gate.js';
export type { RouteSettings, SerializedCall } from './control-api.js';
export type { StateSnapshot } from './state-snapshot.js';
export type { SessionOptions } from './sessions.js';
export type { JsonAnswer, JsonRawAnswer, JsonReply, JsonStreamStep } from './json-answers.js';
export type { JsonPredicates, JsonTextPattern } from './json-predicates.js';
export type { JsonRunScript, RunScriptSettings } from './json-run-scripts.js';
export type { LifecycleSettings } from './json-lifecycle.js';
