// Hand-written, beside the generated files: API routes that other OpenAI clients send and no SDK method does.
import type { Route } from '../engine/route.js';
import { catalog } from './catalog.js';
import type { CatalogEntry } from './entry.js';
import type { NoParams } from './model-of.js';

/**
 * One item of a trace export: a trace (`object: 'trace'`) or one of its spans (`object: 'trace.span'`), as the
 * Agents SDK's exporter sends them.
 *
 * @example
 * const names = openaiMock.traces.ingest.calls.flatMap((call) => call.body.data).map((item: TraceIngestItem) => item.object);
 */
export interface TraceIngestItem {
  object: 'trace' | 'trace.span';
  id: string;
  [field: string]: unknown;
}

/**
 * The body of `POST /traces/ingest`: a batch of traces and spans.
 *
 * @example
 * const body: TraceIngestBody | undefined = openaiMock.traces.ingest.calls[0]?.body;
 */
export interface TraceIngestBody {
  data: TraceIngestItem[];
}

/** Routes of the API that no SDK method sends: the Agents SDK's trace export (`POST /traces/ingest`). */
export const beyondSdkCatalog: readonly CatalogEntry[] = [{ name: 'traces.ingest', method: 'POST', path: '/traces/ingest' }];

/** Every route a mock has: the SDK's, then {@link beyondSdkCatalog}. */
export const mockCatalog: readonly CatalogEntry[] = [...catalog, ...beyondSdkCatalog];

/**
 * The routes of {@link beyondSdkCatalog} on the mock: `openaiMock.traces.ingest` answers the Agents SDK's trace
 * export with a `204` and records each batch.
 *
 * @example
 * const route: BeyondSdkRouteTree['traces']['ingest'] = openaiMock.traces.ingest;
 */
export interface BeyondSdkRouteTree {
  readonly traces: {
    /** `POST /traces/ingest`: the Agents SDK's trace export (through the global `fetch`). Answers `204`. */
    readonly ingest: Route<Response, NoParams, TraceIngestBody>;
  };
}
