/** An error as a Responses socket sends it: `{ type: 'error', status, error: { type, code, message, param } }`. */
export interface SocketErrorEvent {
  readonly type: 'error';
  readonly status: number;
  readonly error: { readonly type: string; readonly code: string | null; readonly message: string; readonly param: string | null; readonly event_id?: string };
  readonly stream_id?: string;
}

/** A socket error event; `eventId` names the client event it answers, when the client gave one. */
export function socketError(
  status: number,
  message: string,
  options: { type?: string; code?: string | null; param?: string | null; eventId?: unknown; streamId?: string | undefined } = {},
): SocketErrorEvent {
  return {
    type: 'error',
    status,
    error: {
      type: options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      code: options.code ?? null,
      message,
      param: options.param ?? null,
      ...(typeof options.eventId === 'string' && { event_id: options.eventId }),
    },
    ...(options.streamId !== undefined && { stream_id: options.streamId }),
  };
}

/** The error event of an HTTP error answer (`{ error: { message, type, param, code } }`), with its status. */
export function socketErrorOfAnswer(status: number, text: string, streamId: string | undefined): SocketErrorEvent {
  let error: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'object' && parsed.error !== null) error = parsed.error as Record<string, unknown>;
  } catch {
    // Not the API's error shape: the status speaks for it.
  }
  const message = typeof error['message'] === 'string' ? error['message'] : `The request failed with status ${status}.`;
  return socketError(status, message, {
    ...(typeof error['type'] === 'string' && { type: error['type'] }),
    code: typeof error['code'] === 'string' ? error['code'] : null,
    param: typeof error['param'] === 'string' ? error['param'] : null,
    streamId,
  });
}
