import type { TraceIngestBody } from '../catalog/beyond-sdk.js';
import type { RouteBody, RouteName, RouteParams } from '../catalog/route-types.js';
import type { RouteCall } from './call-record.js';

/**
 * One call of `openaiMock.calls`: a {@link RouteCall} with `route`, the name of the route that answered it.
 * Comparing `route` with a name narrows `body` and `params` to that route's types.
 *
 * @example
 * for (const call of openaiMock.calls) {
 *   if (call.route === 'responses.create') console.log(call.body.model); // body: ResponseCreateParams
 * }
 */
export type MockCall =
  | { [Name in RouteName]: RouteCall<RouteParams<Name>, RouteBody<Name>> & { readonly route: Name } }[RouteName]
  | (RouteCall<Record<string, never>, TraceIngestBody> & { readonly route: 'traces.ingest' });
