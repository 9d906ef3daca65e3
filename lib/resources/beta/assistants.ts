import type { Assistant } from 'openai/resources/beta/assistants';
import type { JsonObject } from '../../internal/merge.js';
import { defineResource } from '../kit/index.js';
import { toolResourcesOf } from './tool-resources.js';

/** The fields an update may change (everything a create takes, `tool_resources` checked apart). */
const updatable = [
  'model', 'name', 'description', 'instructions', 'metadata', 'tools', 'response_format', 'temperature', 'top_p', 'reasoning_effort',
] as const;

function pick(body: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]));
}

/** `client.beta.assistants.*`: CRUD and list, with `tool_resources` checked and inline vector stores created. */
export const assistants = defineResource({
  routes: 'beta.assistants',
  idPrefix: 'asst_',
  object: 'assistant',
  idParam: 'assistant_id',
  store: (state) => state.beta.assistants,
  required: ['model'],
  create({ id, created_at, body }, call): Assistant {
    return {
      id,
      object: 'assistant',
      created_at,
      model: body.model,
      name: body.name ?? null,
      description: body.description ?? null,
      instructions: body.instructions ?? null,
      tools: body.tools ?? [],
      tool_resources: toolResourcesOf(call.state, body.tool_resources, 'tool_resources'),
      metadata: body.metadata ?? {},
      temperature: body.temperature ?? 1,
      top_p: body.top_p ?? 1,
      response_format: body.response_format ?? 'auto',
    };
  },
  update(assistant, body, call): Assistant {
    const changes: JsonObject = pick(body, updatable);
    if (body['tool_resources'] !== undefined) changes['tool_resources'] = toolResourcesOf(call.state, body['tool_resources'], 'tool_resources');
    return { ...assistant, ...changes };
  },
});

/** The routes of `client.beta.assistants`. */
export const assistantRoutes = assistants.behaviours;
