/** The HTTP methods the SDK sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The page class a list route's answer is read with (see the SDK's `core/pagination`). */
export type PageKind =
  | 'Page'
  | 'CursorPage'
  | 'ConversationCursorPage'
  | 'NextCursorPage'
  | 'TokenPage'
  | 'EnvironmentInfosPage';

/** One request the installed SDK can send: the client method's dotted name and its HTTP route. */
export interface CatalogEntry {
  /** The client method, dotted: `chat.completions.create`, `beta.threads.runs.retrieve`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path pattern below the base URL, `:param` segments named like the API's own (`/threads/:thread_id`). */
  readonly path: string;
  /** For list routes: the page class the SDK reads the answer with. */
  readonly page?: PageKind;
  /**
   * For a route a WebSocket endpoint calls (a realtime turn): no HTTP request reaches it, so it is not in the
   * route table; its `path` names the socket it is served on.
   */
  readonly socketOnly?: true;
}
