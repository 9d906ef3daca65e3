import { randomBytes } from 'node:crypto';
import type { WebhookEndpoint, WebhookEndpointTestResult, WebhookEndpointWithSecret } from 'openai/resources/webhooks/webhooks';
import { nowSeconds } from '../../internal/clock.js';
import type { JsonObject } from '../../internal/merge.js';
import type { CallWith } from '../behaviour.js';
import { badRequest, bookkeeping, defineBehaviours, defineResource, found, requiredBody } from '../kit/index.js';

/** The event types a webhook endpoint can subscribe to. */
export const webhookEventTypes: readonly string[] = [
  'batch.completed', 'batch.failed', 'batch.expired', 'batch.cancelled', 'response.completed', 'response.failed',
  'response.cancelled', 'response.incomplete', 'eval.run.succeeded', 'eval.run.failed', 'eval.run.canceled',
  'fine_tuning.job.succeeded', 'fine_tuning.job.failed', 'fine_tuning.job.cancelled', 'realtime.call.incoming',
  'video.completed', 'video.failed', 'agent.environment.ready', 'agent.environment.failed', 'agent.environment.suspended',
  'agent.environment.expired', 'agent.session.created', 'agent.session.action_required', 'agent.session.in_progress',
  'agent.session.idle', 'agent.session.failed', 'safety.alert.created',
];

/** Each endpoint's signing secrets (the current one first), by endpoint id: what `client.webhooks.unwrap` verifies with. */
export const webhookSecrets = bookkeeping('webhook endpoint secrets', () => new Map<string, string[]>());

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function hint(secret: string): string {
  return `whsec_...${secret.slice(-4)}`;
}

function eventTypesOf(body: JsonObject, required: boolean): string[] | undefined {
  const types = body['event_types'];
  if (types === undefined && !required) return undefined;
  if (!Array.isArray(types) || types.length === 0) throw badRequest("Invalid 'event_types': expected a non-empty array of event types.", 'event_types', 'invalid_value');
  const unknown = types.find((type) => !webhookEventTypes.includes(String(type)));
  if (unknown !== undefined) throw badRequest(`Invalid event type: '${String(unknown)}'.`, 'event_types', 'invalid_value');
  return types.map(String);
}

function checkUrl(url: unknown): string {
  if (typeof url !== 'string' || !/^https:\/\//.test(url)) throw badRequest("Invalid 'url': a webhook endpoint's URL must be https.", 'url', 'invalid_url');
  return url;
}

/** `client.webhooks.*` (webhook endpoints): endpoints with their subscribed event types and signing secrets. */
export const webhookEndpoints = defineResource({
  routes: 'webhooks',
  idPrefix: 'we_',
  object: 'webhook_endpoint',
  idParam: 'webhook_endpoint_id',
  kind: 'webhook endpoint',
  required: ['url', 'name', 'event_types'],
  create({ id, created_at, body }): WebhookEndpoint {
    return { id, object: 'webhook_endpoint', created_at, updated_at: created_at, name: String(body.name), url: checkUrl(body.url), event_types: eventTypesOf(body, true) ?? [], signing_secret_hint: null };
  },
  update(endpoint, body): WebhookEndpoint {
    const types = eventTypesOf(body, false);
    return {
      ...endpoint,
      updated_at: nowSeconds(),
      ...(body.name !== undefined && { name: String(body.name) }),
      ...(body.url !== undefined && { url: checkUrl(body.url) }),
      ...(types && { event_types: types }),
    };
  },
});

function endpointOf(call: CallWith<{ webhook_endpoint_id: string }>): WebhookEndpoint {
  return found(webhookEndpoints.store(call.state), 'webhook endpoint', call.params.webhook_endpoint_id, { param: 'webhook_endpoint_id' });
}

/** The routes of webhook endpoints: CRUD, secrets shown once (on create and rotation), a test event, the event types. */
export const webhookEndpointRoutes = {
  ...webhookEndpoints.behaviours,
  ...defineBehaviours({
    'webhooks.create': {
      respond(call) {
        const created = webhookEndpoints.behaviours['webhooks.create']?.respond(call) as WebhookEndpoint;
        const secret = newSecret();
        webhookSecrets(call.state).set(created.id, [secret]);
        const stored = webhookEndpoints.store(call.state).put({ ...created, signing_secret_hint: hint(secret) });
        return call.complete<WebhookEndpointWithSecret>({ ...stored, signing_secret: secret });
      },
    },
    'webhooks.delete': {
      respond(call) {
        const endpoint = endpointOf(call);
        webhookEndpoints.store(call.state).delete(endpoint.id);
        webhookSecrets(call.state).delete(endpoint.id);
        return call.complete({ id: endpoint.id, object: 'webhook_endpoint.deleted' as const, deleted: true });
      },
    },
    'webhooks.rotateSecret': {
      respond(call) {
        const endpoint = endpointOf(call);
        const body = requiredBody(call, [], true);
        const secret = newSecret();
        const previous = webhookSecrets(call.state).get(endpoint.id) ?? [];
        webhookSecrets(call.state).set(endpoint.id, body['keep_old_secret_active_for_24_hours'] === true ? [secret, ...previous] : [secret]);
        const stored = webhookEndpoints.store(call.state).put({ ...endpoint, signing_secret_hint: hint(secret), updated_at: nowSeconds() });
        return call.complete<WebhookEndpointWithSecret>({ ...stored, signing_secret: secret });
      },
    },
    'webhooks.test': {
      respond(call) {
        const endpoint = endpointOf(call);
        const body = requiredBody(call, ['event_type']);
        const type = String(body.event_type);
        if (!webhookEventTypes.includes(type)) throw badRequest(`Invalid 'event_type': '${type}'.`, 'event_type', 'invalid_value');
        return call.complete<WebhookEndpointTestResult>({ object: 'webhook_endpoint.test', webhook_endpoint_id: endpoint.id, event_type: type, status_code: 200, success: true });
      },
    },
    'webhooks.eventTypes.list': {
      respond: (call) => call.complete({ object: 'list' as const, data: [...webhookEventTypes] }),
    },
  }),
};

