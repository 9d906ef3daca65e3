import type { APIPromise } from 'openai/core/api-promise';
import type { PagePromise } from 'openai/core/pagination';
import type { Stream } from 'openai/core/streaming';

/** Path parameters of a route without any. */
export type NoParams = Record<string, never>;

/** The JSON body of one page of a list route, as the API sends it. */
export interface PageBody<Item> {
  object: 'list';
  data: Item[];
  first_id?: string | null;
  last_id?: string | null;
  has_more: boolean;
}

type Unwrap<R> =
  R extends PagePromise<infer _Page, infer Item>
    ? PageBody<Item>
    : R extends APIPromise<infer T>
      ? T
      : R extends Promise<infer T>
        ? T
        : R;

/**
 * The model a client method answers with: `ChatCompletion` for `chat.completions.create`, one page's body
 * for a list method, `Response` for a binary download. Streams are left out: a route streams the model.
 */
export type ModelOf<Method> = Method extends (...args: never[]) => infer R ? Exclude<Unwrap<R>, Stream<unknown>> : never;

/** `Omit` over each member of a union, so `ChatCompletionCreateParams` keeps its streaming variants apart. */
type OmitEach<T, Keys extends PropertyKey> = T extends unknown ? Omit<T, Keys> : never;

/**
 * The JSON body a client method sends: its argument at `Index` (the SDK method's params type), less the keys
 * the SDK moves into the path, the query or a header (`Omitted`: `thread_id` of `runs.update`'s params).
 * `ChatCompletionCreateParams` for `chat.completions.create`.
 */
export type BodyOf<Method, Index extends number, Omitted extends PropertyKey = never> = Method extends (...args: infer Args) => unknown
  ? [Omitted] extends [never]
    ? NonNullable<Args[Index]>
    : OmitEach<NonNullable<Args[Index]>, Omitted>
  : never;
