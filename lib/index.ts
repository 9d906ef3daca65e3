export { OpenAIMock } from './mock.js';
export { createMockFetch } from './fetch.js';
export { StateStore } from './state/state-store.js';
export { ResourceStore, ChildStores } from './state/resource-store.js';
export { Route } from './route.js';
export { apiError } from './errors.js';
export { withOpenAIMock } from './testing/with-mock.js';
export { patchGlobalFetch } from './testing/global-fetch.js';
export { eventStream, delay, streamError, namedEvent, abortStream } from './streaming/sse.js';

export type { OpenAIMockOptions, MockFetch } from './mock.js';
export type { RouteTree } from './catalog/route-tree.js';
export type { ModelPartial, RouteCall, RouteFunction, RouteFunctionInput, RouteResponse, FailureOptions } from './route.js';
export type { UnhandledRequestStrategy } from './router.js';
export type { ListParams, ListPage } from './state/resource-store.js';
export type { ApiErrorOptions } from './errors.js';
export type { StreamStep } from './streaming/sse.js';
export type { MockedTestContext, WithOpenAIMockOptions } from './testing/with-mock.js';
