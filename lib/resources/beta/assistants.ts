import type { Assistant, AssistantCreateParams } from 'openai/resources/beta/assistants';
import { notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import type { JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { answerFound, deleted, param } from './shared.js';
import { toolResourcesOf } from './tool-resources.js';

/** The fields an update may change (everything a create takes, `tool_resources` checked apart). */
const updatable = [
  'model', 'name', 'description', 'instructions', 'metadata', 'tools', 'response_format', 'temperature', 'top_p', 'reasoning_effort',
] as const;

function stored(call: CallContext): Assistant | Response {
  const id = param(call, 'assistant_id');
  return call.state.beta.assistants.get(id) ?? notFound('assistant', id, 'assistant_id');
}

function pick(body: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

/** `client.beta.assistants.*`: CRUD and list, with `tool_resources` checked and inline vector stores created. */
export const assistantRoutes: Behaviours = {
  'beta.assistants.create': {
    respond(call) {
      const body = requireBody(call.body, ['model']);
      if (body instanceof Response) return body;
      const params = body as unknown as AssistantCreateParams;
      const toolResources = toolResourcesOf(call.state, params.tool_resources, 'tool_resources');
      if (toolResources instanceof Response) return toolResources;
      const defaults: Assistant & JsonObject = {
        id: newId('asst_'),
        object: 'assistant',
        created_at: nowSeconds(),
        model: params.model,
        name: params.name ?? null,
        description: params.description ?? null,
        instructions: params.instructions ?? null,
        tools: params.tools ?? [],
        tool_resources: toolResources,
        metadata: params.metadata ?? {},
        temperature: params.temperature ?? 1,
        top_p: params.top_p ?? 1,
        response_format: params.response_format ?? 'auto',
      };
      return call.state.beta.assistants.put(call.complete(defaults));
    },
  },
  'beta.assistants.retrieve': {
    respond: (call) => answerFound(call, stored(call)),
  },
  'beta.assistants.update': {
    respond(call) {
      const assistant = stored(call);
      if (assistant instanceof Response) return assistant;
      const body = requireBody(call.body);
      if (body instanceof Response) return body;
      const changes: JsonObject = pick(body, updatable);
      if (body['tool_resources'] !== undefined) {
        const toolResources = toolResourcesOf(call.state, body['tool_resources'], 'tool_resources');
        if (toolResources instanceof Response) return toolResources;
        changes['tool_resources'] = toolResources;
      }
      return call.state.beta.assistants.put(call.complete({ ...assistant, ...changes }));
    },
  },
  'beta.assistants.delete': {
    respond(call) {
      const id = param(call, 'assistant_id');
      if (!call.state.beta.assistants.delete(id)) return notFound('assistant', id, 'assistant_id');
      return deleted(call, id, 'assistant.deleted');
    },
  },
  'beta.assistants.list': {
    respond(call) {
      return call.complete(call.state.beta.assistants.list(listParams(call.query)));
    },
  },
};
