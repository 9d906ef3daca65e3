/** One server-sent event: its `event:` name (if any) and its `data:` text. */
export interface ServerSentEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * Reads a `text/event-stream` body event by event, as the chunks arrive: each complete event is handed to
 * `onEvent` at once (a stream with pauses is forwarded live). Resolves when the body ends; rejects if it errors.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: ServerSentEvent) => void): Promise<void> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffered = '';
  const flush = (final: boolean): void => {
    let end = buffered.indexOf('\n\n');
    let start = 0;
    while (end !== -1) {
      emit(buffered.slice(start, end), onEvent);
      start = end + 2;
      end = buffered.indexOf('\n\n', start);
    }
    buffered = buffered.slice(start);
    if (final && buffered.trim()) {
      emit(buffered, onEvent);
      buffered = '';
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    if (buffered.includes('\r')) buffered = buffered.replace(/\r\n?/g, '\n');
    flush(false);
  }
  buffered += decoder.decode();
  flush(true);
}

function emit(block: string, onEvent: (event: ServerSentEvent) => void): void {
  let event: string | undefined;
  let data: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) {
      const piece = line.slice(5).replace(/^ /, '');
      data = data === undefined ? piece : `${data}\n${piece}`;
    }
  }
  if (data !== undefined) onEvent({ event, data });
}
