import { randomBytes } from 'node:crypto';
import type { UnwrapWebhookEvent } from 'openai/resources/webhooks/webhooks';
import { nowSeconds } from '../internal/clock.js';
import { newId } from '../internal/ids.js';
import { bookkeeping } from '../state/bookkeeping.js';
import { stateOf } from '../state/state-of.js';
import type { StateStore } from '../state/state-store.js';
import { webhookSignature } from './signing.js';

/**
 * The type of a webhook event the API sends (`'response.completed'`, `'batch.completed'`, ...).
 *
 * @example
 * const only: WebhookEventType[] = ['response.completed', 'batch.completed'];
 */
export type WebhookEventType = UnwrapWebhookEvent['type'];

/**
 * The `data` of a webhook event of one type (`{ id }` for most).
 *
 * @example
 * const data: WebhookEventData<'batch.completed'> = { id: 'batch_123' };
 */
export type WebhookEventData<Type extends WebhookEventType> = Extract<UnwrapWebhookEvent, { type: Type }>['data'];

/**
 * Where deliveries go: a handler given each delivery as a `Request` (what it returns, or resolves to, is
 * recorded; a `Response` is read as the endpoint's answer), or a URL posted to with the global `fetch`.
 *
 * @example
 * const to: WebhookTarget = (request) => myApp.fetch(request); // or 'http://127.0.0.1:3000/webhooks'
 */
export type WebhookTarget = string | URL | ((request: Request) => unknown);

/**
 * Options of {@link deliverWebhooks}.
 *
 * @example
 * const options: DeliverWebhooksOptions = { to: (request) => app.fetch(request), secret: 'whsec_c2VjcmV0', events: ['batch.completed'] };
 */
export interface DeliverWebhooksOptions {
  /** Where each event is sent. */
  to: WebhookTarget;
  /** The endpoint's signing secret (`whsec_` and base64); a fresh one when not given (read it from `.secret`). */
  secret?: string;
  /** Only these event types are sent (all of them by default), as an endpoint's `event_types` choose. */
  events?: readonly WebhookEventType[];
}

/**
 * One event sent: the event, the exact body and headers it went with, and what the endpoint answered.
 *
 * @example
 * const [delivery] = webhooks.sent;
 * delivery?.event.type;                       // 'response.completed'
 * delivery?.headers['webhook-signature'];     // 'v1,...'
 */
export interface WebhookDelivery {
  readonly event: UnwrapWebhookEvent;
  /** The body as sent (JSON), what `client.webhooks.unwrap(body, headers, secret)` takes. */
  readonly body: string;
  /** `webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`, `user-agent`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The endpoint's HTTP status when it answered with a `Response` (or a URL target's), once it has. */
  status?: number;
  /** What the handler returned (resolved), once it has. */
  result?: unknown;
  /** What the handler threw (or the fetch failed with), if it did. */
  error?: unknown;
}

/**
 * The webhook deliveries of a mock: every event sent so far, and a way to wait for them. Made by
 * {@link deliverWebhooks}.
 *
 * @example
 * const webhooks = deliverWebhooks(openaiMock, { to: handler });
 * // ... a background response completes ...
 * await webhooks.settled();
 * webhooks.sent.map((d) => d.event.type); // ['response.completed']
 */
export class WebhookDeliveries {
  /** The signing secret: pass it to `client.webhooks.unwrap(body, headers, secret)`. */
  readonly secret: string;
  readonly #sent: WebhookDelivery[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #to: WebhookTarget;
  readonly #events: ReadonlySet<string> | undefined;
  #stopped = false;

  /** @internal Made by {@link deliverWebhooks}. */
  constructor(options: DeliverWebhooksOptions) {
    this.#to = options.to;
    this.secret = options.secret ?? `whsec_${randomBytes(24).toString('base64')}`;
    this.#events = options.events ? new Set(options.events) : undefined;
  }

  /** Every event sent, oldest first. */
  get sent(): readonly WebhookDelivery[] {
    return this.#sent;
  }

  /** Resolves once every delivery under way has been answered (or failed): await it before checking `sent`. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Sends no more events. */
  stop(): void {
    this.#stopped = true;
  }

  /**
   * Sends one event of `type` with `data` now, signed, as the API would when the state moves: for events the
   * mock does not raise itself (`realtime.call.incoming`), or to test a handler directly.
   */
  send<Type extends WebhookEventType>(type: Type, data: WebhookEventData<Type>): WebhookDelivery | undefined {
    if (this.#stopped || (this.#events && !this.#events.has(type))) return undefined;
    const event = { id: newId('evt_', 32), object: 'event', created_at: nowSeconds(), type, data } as UnwrapWebhookEvent;
    const body = JSON.stringify(event);
    const id = newId('wh_', 32);
    const timestamp = nowSeconds();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(this.secret, id, timestamp, body),
    };
    const delivery: WebhookDelivery = { event, body, headers };
    this.#sent.push(delivery);
    // Delivered after the answer that moved the state, never inside it: a handler may call the mock back.
    const pending = Promise.resolve()
      .then(() => this.#deliver(delivery))
      .then(
        (result) => this.#record(delivery, result),
        (error: unknown) => void (delivery.error = error),
      )
      .finally(() => this.#pending.delete(pending));
    this.#pending.add(pending);
    return delivery;
  }

  #deliver(delivery: WebhookDelivery): unknown {
    const init = { method: 'POST', headers: delivery.headers, body: delivery.body };
    const to = this.#to;
    if (typeof to === 'function') return to(new Request('https://webhook.invalid/', init));
    return globalThis.fetch(to, init);
  }

  #record(delivery: WebhookDelivery, result: unknown): void {
    delivery.result = result;
    if (result instanceof Response) delivery.status = result.status;
  }
}

const receivers = bookkeeping('webhooks.receivers', () => [] as WebhookDeliveries[]);

/**
 * Sends the mock's webhook events to `to`, signed with the secret as the API signs them, so a test checks its
 * webhook endpoint with `client.webhooks.unwrap`. Events go out when the state moves: a background response
 * settling (`response.completed`, `.failed`, `.cancelled`, `.incomplete`), a batch finishing (`batch.completed`,
 * `.failed`, `.cancelled`, `.expired`), and each resource that raises its own (fine-tuning jobs, eval runs, ...).
 * `openaiMock.reset()` forgets the receivers, as it does every other setting.
 *
 * @example
 * const webhooks = deliverWebhooks(openaiMock, {
 *   to: async (request) => {
 *     const event = await client.webhooks.unwrap(await request.text(), request.headers, webhooks.secret);
 *     received.push(event.type);
 *   },
 * });
 */
export function deliverWebhooks(target: { readonly state: StateStore } | StateStore, options: DeliverWebhooksOptions): WebhookDeliveries {
  const deliveries = new WebhookDeliveries(options);
  receivers(stateOf(target)).push(deliveries);
  return deliveries;
}

/**
 * Raises a webhook event when a resource's state moves: every receiver {@link deliverWebhooks} set on this state
 * gets it, signed, after the current answer. Costs nothing when nobody listens. Call it where the object reaches
 * the status the event names, once:
 *
 * @example
 * emitWebhook(call.state, 'fine_tuning.job.succeeded', { id: job.id });
 */
export function emitWebhook<Type extends WebhookEventType>(state: StateStore, type: Type, data: WebhookEventData<Type>): void {
  for (const receiver of receivers(state)) receiver.send(type, data);
}

/** The events the API sends when an object settles, by `<object>.<status>`. */
const settledEvents: ReadonlySet<string> = new Set<WebhookEventType>([
  'response.completed', 'response.failed', 'response.cancelled', 'response.incomplete',
  'batch.completed', 'batch.failed', 'batch.cancelled', 'batch.expired',
  'fine_tuning.job.succeeded', 'fine_tuning.job.failed', 'fine_tuning.job.cancelled',
  'eval.run.succeeded', 'eval.run.failed', 'eval.run.canceled',
]);

function isSettledEvent(type: string): type is 'response.completed' | 'batch.completed' {
  return settledEvents.has(type);
}

/**
 * Raises the event for an object reaching `status`, when the API has one (`response` + `completed` is
 * `response.completed`, `eval.run` + `completed` is `eval.run.succeeded`; `batch` + `in_progress` is none): the
 * one line a resource adds where its status moves.
 *
 * @example
 * emitSettled(call.state, 'fine_tuning.job', job.status, job.id); // 'fine_tuning.job.succeeded' once it succeeds
 */
export function emitSettled(state: StateStore, object: 'response' | 'batch' | 'fine_tuning.job' | 'eval.run', status: string | null | undefined, id: string): void {
  // An eval run that completes is announced as succeeded.
  const type = object === 'eval.run' && status === 'completed' ? 'eval.run.succeeded' : `${object}.${status ?? ''}`;
  if (isSettledEvent(type)) emitWebhook(state, type, { id });
}
