export { OpenAIMock } from './engine/mock.js';
export { createMockFetch } from './engine/fetch.js';
export { StateStore } from './state/state-store.js';
export { ResourceStore, ChildStores } from './state/resource-store.js';
export { Route } from './engine/route.js';
export { apiError } from './errors/api-errors.js';
export { redactSecret } from './engine/redact.js';
export { lifecycle } from './resources/lifecycle.js';
export { responseOutput, responseEvents } from './resources/responses/index.js';
export { runScript, requiresAction } from './resources/beta/run-script.js';
export { withOpenAIMock } from './testing/with-mock.js';
export { patchGlobalFetch } from './testing/global-fetch.js';
export { patchGlobalWebSocket } from './testing/global-websocket.js';
export { mockWebSocketOptions } from './websocket/options.js';
export { mockCreateWebSocket } from './websocket/create-websocket.js';
export { socketConnections, clearSocketConnections } from './websocket/socket-log.js';
export { reply } from './scripting/replies.js';
export { runScripts } from './scripting/run-scripts.js';
export { cassette, Cassette, recordVariable } from './record/cassette.js';
export { CassetteError } from './record/har-file.js';
export { promptSnapshot, normalizeBody } from './testing/matchers/prompt-snapshot.js';
export { lastUserMessageContains, hasToolResult, modelIs, hasTool } from './scripting/predicates.js';
export { deliverWebhooks, WebhookDeliveries } from './webhooks/delivery.js';
export { eventStream, delay, streamError, namedEvent, abortStream } from './streaming/sse.js';
export { writeReport, renderReportPage } from './report/index.js';

export type { OpenAIMockOptions, MockFetch } from './engine/mock.js';
export type { MockCall } from './engine/mock-call.js';
export type { RouteOf, RouteTree } from './catalog/route-tree.js';
export type {
  BeyondSdkRouteTree,
  RealtimeInputTranscript,
  RealtimeInputTranscriptionRequest,
  RealtimeTranslationRequest,
  RealtimeTranslationSegment,
  LiveResponse,
  LiveResponseRequest,
  RealtimeResponseRequest,
  TraceIngestBody,
  TraceIngestItem,
} from './catalog/beyond-sdk.js';
export type { RouteBody, RouteModel, RouteName, RouteParams, RouteTypes } from './catalog/route-types.js';
export type { ModelPartial, RouteCall, RouteFunction, RouteFunctionInput, RoutePredicate, RouteResponse, FailureOptions } from './engine/route.js';
export type { UnhandledRequestStrategy } from './engine/router.js';
export type { ListParams, ListPage } from './state/resource-store.js';
export type { ApiErrorOptions } from './errors/api-errors.js';
export type { Lifecycle } from './resources/lifecycle.js';
export type { StoreOptions } from './state/resource-store.js';
export type { StreamStep } from './streaming/sse.js';
export type { MockedTestContext, WithOpenAIMockOptions } from './testing/with-mock.js';
export type { RunScript, RunStage, RunReply, ToolCallRequest } from './resources/beta/run-script.js';
export type { TextOutputOptions, FunctionCallOutputOptions } from './resources/responses/index.js';
export type { RequestPredicate } from './scripting/predicates.js';
export type { RunScripts } from './scripting/run-scripts.js';
export type { DeliverWebhooksOptions, WebhookDelivery, WebhookEventData, WebhookEventType, WebhookTarget } from './webhooks/delivery.js';
export type { CassetteOptions } from './record/cassette.js';
export type { SocketRecord } from './websocket/socket-log.js';
export type { HarLog, HarEntry, HarStreamEvent } from './record/har.js';
export type { ReportOptions } from './report/index.js';
