/** The request schemas as `request-schemas.ts` holds them: each operation's body schema and the components they use. */
export interface RequestSchemaDocument {
  operations: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
}

type SchemaNode = Record<string, unknown>;

/** One place where the spec is stricter than the live API and the clients that talk to it. */
interface Relaxation {
  /** The component (or `operations/<operationId>`) it loosens. */
  readonly schema: string;
  /** What real clients send that the spec refuses. */
  readonly why: string;
  readonly loosen: (schema: SchemaNode) => void;
}

/** Drops names from a schema's `required`. */
const optional =
  (...names: string[]) =>
  (schema: SchemaNode): void => {
    if (Array.isArray(schema.required)) schema.required = schema.required.filter((name) => !names.includes(String(name)));
  };

/** Adds values to an `enum` schema. */
function addToEnum(target: SchemaNode | undefined, values: readonly string[]): void {
  if (target && Array.isArray(target.enum)) target.enum = [...new Set([...target.enum, ...values])];
}

/** Adds values to the `enum` of one of a schema's properties (a dotted path for a nested one: `image_url.detail`). */
const alsoAllow =
  (property: string, ...values: string[]) =>
  (schema: SchemaNode): void => {
    let target: SchemaNode | undefined = schema;
    for (const name of property.split('.')) target = (target?.properties as Record<string, SchemaNode> | undefined)?.[name];
    addToEnum(target, values);
  };

/** Adds values to a schema that is an `enum` itself (a component such as `PromptCacheTTLEnum`). */
const alsoValues =
  (...values: string[]) =>
  (schema: SchemaNode): void =>
    addToEnum(schema, values);

/** Adds a branch to a union (`anyOf`): an item of a type the spec predates, checked for its tag only. */
const alsoBranch =
  (branch: SchemaNode) =>
  (schema: SchemaNode): void => {
    if (Array.isArray(schema.anyOf)) schema.anyOf = [...schema.anyOf, branch];
  };

/** An object tagged with `type: tag`, its other fields left to the SDK's type. */
const tagged = (tag: string): SchemaNode => ({ type: 'object', properties: { type: { type: 'string', enum: [tag] } }, required: ['type'] });

/**
 * Where the spec (2.3.0) refuses what the installed SDK's params types allow. `spec/validation/sdk-literals.spec.ts`
 * walks every string literal of every route's params type and fails on one the schemas still refuse: each found
 * is relaxed here, once, with the SDK type that allows it.
 */
const relaxations: readonly Relaxation[] = [
  {
    schema: 'RealtimeSessionCreateRequest',
    why: "The legacy beta.realtime.sessions.create body: the spec requires client_secret (a field of the answer); the SDK's SessionCreateParams has none.",
    loosen: optional('client_secret'),
  },
  {
    schema: 'CreateImageRequest',
    why: "The SDK's ImageGenerateParams takes output_format 'gif' and 'svg', which the spec (2.3.0) predates.",
    loosen: alsoAllow('output_format', 'gif', 'svg'),
  },
  {
    schema: 'CreateImageRequest',
    why: "The SDK's ImageGenerateParams takes quality 'xhigh' and 'max', which the spec (2.3.0) predates.",
    loosen: alsoAllow('quality', 'xhigh', 'max'),
  },
  {
    schema: 'CreateUploadRequest',
    why: "The SDK's UploadCreateParams takes a FilePurpose: 'user_data' and 'evals' too, which the spec (2.3.0) predates.",
    loosen: alsoAllow('purpose', 'user_data', 'evals'),
  },
  {
    schema: 'ImageGenTool',
    why: "The SDK's Tool.ImageGeneration (Responses image_generation tool) takes output_format 'gif' and 'svg', which the spec (2.3.0) predates.",
    loosen: alsoAllow('output_format', 'gif', 'svg'),
  },
  {
    schema: 'ImageGenTool',
    why: "The SDK's Tool.ImageGeneration takes quality 'xhigh' and 'max', which the spec (2.3.0) predates.",
    loosen: alsoAllow('quality', 'xhigh', 'max'),
  },
  {
    schema: 'BetaImageGenTool',
    why: "The SDK's beta Responses image_generation tool takes output_format 'gif' and 'svg', which the spec (2.3.0) predates.",
    loosen: alsoAllow('output_format', 'gif', 'svg'),
  },
  {
    schema: 'BetaImageGenTool',
    why: "The SDK's beta Responses image_generation tool takes quality 'xhigh' and 'max', which the spec (2.3.0) predates.",
    loosen: alsoAllow('quality', 'xhigh', 'max'),
  },
  {
    schema: 'Item',
    why: "The SDK's ResponseInputItem (and conversation items) include ResponseConfigurationUpdateItemParam, type 'configuration_update', which the spec (2.3.0) predates.",
    loosen: alsoBranch(tagged('configuration_update')),
  },
  {
    schema: 'BetaItem',
    why: "The SDK's beta Responses input items include a 'configuration_update' item, which the spec (2.3.0) predates.",
    loosen: alsoBranch(tagged('configuration_update')),
  },
  {
    schema: 'PromptCacheTTLEnum',
    why: "The SDK's ResponseCreateParams.PromptCacheOptions takes ttl '12h', which the spec (2.3.0) predates.",
    loosen: alsoValues('12h'),
  },
  {
    schema: 'BetaPromptCacheTTLEnum',
    why: "The SDK's beta ResponseCreateParams prompt_cache_options take ttl '12h', which the spec (2.3.0) predates.",
    loosen: alsoValues('12h'),
  },
  {
    schema: 'ChatCompletionRequestMessageContentPartImage',
    why: "The SDK's ChatCompletionContentPartImage.ImageURL takes detail 'original', which the spec (2.3.0) predates.",
    loosen: alsoAllow('image_url.detail', 'original'),
  },
  {
    schema: 'RealtimeTranscriptionSessionCreateRequest',
    why: "The SDK's beta TranscriptionSessionCreateParams.TurnDetection takes type 'semantic_vad', which the spec (2.3.0) predates.",
    loosen: alsoAllow('turn_detection.type', 'semantic_vad'),
  },
  {
    schema: 'PublicProjectResidency',
    why: "The SDK's admin ProjectCreateParams takes residency 'JP_STORAGE_PROCESSING', 'IN_STORAGE_PROCESSING' and 'AU_STORAGE_PROCESSING', which the spec (2.3.0) predates.",
    loosen: alsoValues('JP_STORAGE_PROCESSING', 'IN_STORAGE_PROCESSING', 'AU_STORAGE_PROCESSING'),
  },
  {
    schema: 'FunctionTool',
    why: "A Responses function tool without strict or parameters: the API defaults strict (true) and takes a function with no parameters; the AI SDK 6's provider sends neither.",
    loosen: optional('strict', 'parameters'),
  },
  {
    schema: 'OutputTextContent',
    why: "An earlier answer's output_text sent back as input: the SDK's ResponseOutputText has logprobs optional, and the API takes it without.",
    loosen: optional('logprobs'),
  },
];

/** The document with every relaxation applied (in place: the document is parsed afresh for this). */
export function relaxed(document: RequestSchemaDocument): RequestSchemaDocument {
  for (const { schema, loosen } of relaxations) {
    const [group, name] = schema.startsWith('operations/') ? [document.operations, schema.slice('operations/'.length)] : [document.components.schemas, schema];
    const target = group[name];
    if (typeof target === 'object' && target !== null) loosen(target as SchemaNode);
  }
  return document;
}
