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

/** Adds values to the `enum` of one of a schema's properties. */
const alsoAllow =
  (property: string, ...values: string[]) =>
  (schema: SchemaNode): void => {
    const properties = schema.properties as Record<string, SchemaNode> | undefined;
    const target = properties?.[property];
    if (target && Array.isArray(target.enum)) target.enum = [...new Set([...target.enum, ...values])];
  };

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
