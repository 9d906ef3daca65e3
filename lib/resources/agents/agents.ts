import type { JsonObject } from '../../internal/merge.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import type { Behaviours, CallWith } from '../behaviour.js';
import { binary, bookkeeping, defineBehaviours, defineResource, eventsOnly, found, listPage, missingParameter, noSuch, requiredBody } from '../kit/index.js';
import { ResourceStore } from '../../state/resource-store.js';
import type { PageBody } from '../../catalog/model-of.js';

// The Agents platform (`client.beta.agents.*`) is a young API whose objects are large unions: each default
// below holds the fields the SDK's type requires, with what the request asked laid over them. They are
// typed as the route's model by `defineResource`; the casts say the shape was checked against the SDK here.

const agentDefaults = (body: JsonObject, id: string, created_at: number): JsonObject => ({
  id,
  object: 'agent',
  created_at,
  updated_at: created_at,
  name: null,
  instructions: null,
  metadata: {},
  tools: [],
  service_tier: 'auto',
  multi_agent: { enabled: false, max_concurrent_subagents: null },
  reasoning: { effort: null, summary: null },
  text: { format: { type: 'text' }, verbosity: 'medium' },
  ...withoutNulls(body),
});

function withoutNulls(body: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null && value !== undefined));
}

function touched<T extends object>(current: T, body: JsonObject): T {
  return { ...current, ...withoutNulls(body), updated_at: nowSeconds() };
}

/** `client.beta.agents.*`: agents kept with their model, instructions and tools. */
export const agents = defineResource({
  routes: 'beta.agents',
  idPrefix: 'agent_',
  object: 'agent',
  idParam: 'agent_id',
  required: ['model'],
  create: ({ id, created_at, body }) => agentDefaults(body, id, created_at) as never,
  update: (agent, body) => touched(agent, body),
});

const automations = defineResource({
  routes: 'beta.agents.automations',
  idPrefix: 'auto_',
  object: 'agent.automation',
  idParam: 'automation_id',
  kind: 'automation',
  required: ['name', 'target'],
  create: ({ id, created_at, body }) =>
    ({ id, object: 'agent.automation', created_at, created_by: { type: 'api_key' }, metadata: {}, status: 'active', type: 'periodic', expression: '', timezone: 'UTC', ...withoutNulls(body) }) as never,
  update: (automation, body) => ({ ...automation, ...withoutNulls(body) }),
});

const invocations = bookkeeping('agents.automations.invocations', () => new Map<string, ResourceStore<{ id: string } & JsonObject>>());

const templates = defineResource({
  routes: 'beta.agents.environments.templates',
  idPrefix: 'envtpl_',
  object: 'agent.environment.template',
  idParam: 'environment_template_id',
  kind: 'environment template',
  create: ({ id, created_at, body }) =>
    ({
      id, object: 'agent.environment.template', created_at, updated_at: created_at, name: null, capability_directories: [], files: [],
      network: { type: 'disabled' }, packages: {}, plugins: [], skills: [], ...withoutNulls(body),
    }) as never,
  update: (template, body) => touched(template, body),
});

const environments = bookkeeping('agents.environments', () => new ResourceStore<{ id: string } & JsonObject>());
const environmentFiles = bookkeeping('agents.environments.files', () => new Map<string, JsonObject[]>());

const vaults = defineResource({
  routes: 'beta.agents.vaults',
  idPrefix: 'vault_',
  object: 'vault',
  idParam: 'vault_id',
  create: ({ id, created_at, body }) => ({ id, object: 'vault', created_at, name: null, metadata: {}, ...withoutNulls(body) }) as never,
  update: (vault, body) => ({ ...vault, ...withoutNulls(body) }),
});

const credentials = defineResource({
  routes: 'beta.agents.vaults.credentials',
  idPrefix: 'cred_',
  object: 'vault.credential',
  idParam: 'credential_id',
  kind: 'credential',
  parent: { param: 'vault_id', kind: 'vault', store: (state) => vaults.store(state) },
  required: ['name', 'auth'],
  // A credential's secret is write-only: it is kept out of what the API shows.
  create: ({ id, created_at, body, parentId }) => ({ id, object: 'vault.credential', created_at, updated_at: created_at, vault_id: parentId, metadata: {}, ...withoutNulls(body) }) as never,
  update: (credential, body) => touched(credential, body),
});

const sessions = defineResource({
  routes: 'beta.agents.sessions',
  idPrefix: 'agsess_',
  object: 'agent.session',
  idParam: 'session_id',
  kind: 'agent session',
  create: ({ id, created_at, body }, call) => {
    const agentId = typeof body['agent_id'] === 'string' ? body['agent_id'] : undefined;
    const agent = agentId === undefined ? undefined : found(agents.store(call.state), 'agent', agentId, { param: 'agent_id' });
    return {
      id, object: 'agent.session', created_at, last_active_at: created_at, status: 'idle', error: null, usage: null, metadata: {},
      required_actions: [], vault_ids: [], environment: { type: 'none' },
      agent: agent ? { type: 'agent_reference', id: agent.id } : { type: 'inline', ...agentDefaults({}, newId('agent_'), created_at) },
      ...withoutNulls(body),
    } as never;
  },
  update: (session, body) => ({ ...session, ...withoutNulls(body) }),
});

function sessionOf(call: CallWith<{ session_id: string }>): { id: string } {
  return found(sessions.store(call.state), 'agent session', call.params.session_id, { param: 'session_id' });
}

/** An empty page of a session's children (items, turns, subagents, artifacts, traces): the mock runs no agent. */
function emptyPage(call: CallWith<{ session_id: string }>): PageBody<never> {
  sessionOf(call);
  return call.complete({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
}

function missingChild<Param extends string>(kind: string, param: Param): (call: CallWith<{ session_id: string } & Record<Param, string>>) => never {
  return (call) => {
    sessionOf(call);
    throw noSuch(kind, call.params[param], { param });
  };
}

/**
 * `client.beta.agents.*`: agents, automations (pause, resume, invocations), environments (files) and their
 * templates, vaults with credentials, and sessions. Sessions are kept and updated, but the mock runs no agent:
 * their items, turns, subagents, artifacts and traces are empty, events are accepted, and the event stream
 * ends at once.
 */
export const agentRoutes: Behaviours = {
  ...agents.behaviours,
  ...automations.behaviours,
  ...templates.behaviours,
  ...vaults.behaviours,
  ...credentials.behaviours,
  ...sessions.behaviours,
  ...defineBehaviours({
    'beta.agents.automations.pause': {
      respond(call) {
        const automation = found(automations.store(call.state), 'automation', call.params.automation_id, { param: 'automation_id' });
        return automations.store(call.state).put(call.complete({ ...automation, status: 'paused' }));
      },
    },
    'beta.agents.automations.resume': {
      respond(call) {
        const automation = found(automations.store(call.state), 'automation', call.params.automation_id, { param: 'automation_id' });
        return automations.store(call.state).put(call.complete({ ...automation, status: 'active' }));
      },
    },
    'beta.agents.automations.invocations.create': {
      respond(call) {
        const automation = found(automations.store(call.state), 'automation', call.params.automation_id, { param: 'automation_id' });
        const store = invocations(call.state).get(automation.id) ?? new ResourceStore();
        invocations(call.state).set(automation.id, store);
        const invocation = { id: newId('autoinv_'), object: 'agent.automation.invocation', automation_id: automation.id, created_at: nowSeconds(), status: 'queued', error: null, scheduled_at: null, session_id: null, skip_reason: null, source: { type: 'manual' } };
        return store.put(call.complete(invocation)) as never;
      },
    },
    'beta.agents.automations.invocations.retrieve': {
      respond(call) {
        const automation = found(automations.store(call.state), 'automation', call.params.automation_id, { param: 'automation_id' });
        const store = invocations(call.state).get(automation.id) ?? new ResourceStore();
        return call.complete(found(store, 'automation invocation', call.params.invocation_id, { param: 'invocation_id' })) as never;
      },
    },
    'beta.agents.automations.invocations.list': {
      respond(call) {
        const automation = found(automations.store(call.state), 'automation', call.params.automation_id, { param: 'automation_id' });
        return listPage(call, invocations(call.state).get(automation.id) ?? new ResourceStore()) as never;
      },
    },
    'beta.agents.environments.create': {
      respond(call) {
        const body = requiredBody(call, [], true);
        const environment = { id: newId('env_'), object: 'agent.environment', status: 'ready', type: 'openai_hosted', files: [], plugins: [], skills: [], ...withoutNulls(body) };
        return environments(call.state).put(call.complete(environment)) as never;
      },
    },
    'beta.agents.environments.retrieve': {
      respond: (call) => call.complete(found(environments(call.state), 'environment', call.params.environment_id, { param: 'environment_id' })) as never,
    },
    'beta.agents.environments.list': { respond: (call) => listPage(call, environments(call.state)) as never },
    'beta.agents.environments.files.create': {
      async respond(call) {
        const environment = found(environments(call.state), 'environment', call.params.environment_id, { param: 'environment_id' });
        const form = call.body;
        const upload = form instanceof FormData ? form.get('file') : null;
        if (!(upload instanceof Blob)) throw missingParameter('file');
        const path = form instanceof FormData && typeof form.get('path') === 'string' ? String(form.get('path')) : upload instanceof File ? upload.name : 'upload';
        const file = { object: 'agent.environment.file', environment_id: environment.id, path, size_bytes: (await upload.arrayBuffer()).byteLength };
        environmentFiles(call.state).set(environment.id, [...(environmentFiles(call.state).get(environment.id) ?? []), file]);
        return call.complete(file) as never;
      },
    },
    'beta.agents.environments.files.list': {
      respond(call) {
        const environment = found(environments(call.state), 'environment', call.params.environment_id, { param: 'environment_id' });
        return call.complete({ object: 'list', data: environmentFiles(call.state).get(environment.id) ?? [], has_more: false, next: null }) as never;
      },
    },
    'beta.agents.sessions.items.list': { respond: emptyPage },
    'beta.agents.sessions.turns.list': { respond: emptyPage },
    'beta.agents.sessions.turns.items.list': { respond: emptyPage },
    'beta.agents.sessions.subagents.list': { respond: emptyPage },
    'beta.agents.sessions.subagents.items.list': { respond: emptyPage },
    'beta.agents.sessions.subagents.turns.list': { respond: emptyPage },
    'beta.agents.sessions.subagents.turns.items.list': { respond: emptyPage },
    'beta.agents.sessions.artifacts.list': { respond: emptyPage },
    'beta.agents.sessions.traces.list': { respond: emptyPage },
    'beta.agents.sessions.turns.retrieve': { respond: missingChild('turn', 'turn_id') },
    'beta.agents.sessions.subagents.retrieve': { respond: missingChild('subagent', 'subagent_id') },
    'beta.agents.sessions.subagents.turns.retrieve': { respond: missingChild('turn', 'turn_id') },
    'beta.agents.sessions.artifacts.retrieve': { respond: missingChild('artifact', 'artifact_id') },
    'beta.agents.sessions.artifacts.delete': { respond: missingChild('artifact', 'artifact_id') },
    'beta.agents.sessions.artifacts.content': { respond: missingChild('artifact', 'artifact_id') },
    'beta.agents.sessions.events.create': {
      respond(call) {
        sessionOf(call);
        requiredBody(call, [], true);
        return binary(new Uint8Array(), 'text/plain');
      },
    },
    'beta.agents.sessions.events.stream': {
      respond(call) {
        sessionOf(call);
        return eventsOnly([]);
      },
    },
  }),
};
