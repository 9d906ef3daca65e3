import type { VoiceConsent } from 'openai/resources/audio/voice-consents';
import type { Voice } from 'openai/resources/audio/voices';
import type { Batch } from 'openai/resources/batches';
import type { Assistant } from 'openai/resources/beta/assistants';
import type { ChatKitThread, ChatKitThreadItemListDataPage, ChatSession } from 'openai/resources/beta/chatkit/threads';
import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { RunStep } from 'openai/resources/beta/threads/runs/steps';
import type { Thread } from 'openai/resources/beta/threads/threads';
import type { ChatCompletion, ChatCompletionStoreMessage } from 'openai/resources/chat/completions';
import type { Conversation } from 'openai/resources/conversations/conversations';
import type { ConversationItem } from 'openai/resources/conversations/items';
import type { EvalRetrieveResponse as Eval } from 'openai/resources/evals/evals';
import type { OutputItemRetrieveResponse as EvalOutputItem } from 'openai/resources/evals/runs/output-items';
import type { RunRetrieveResponse as EvalRun } from 'openai/resources/evals/runs/runs';
import type { FileObject } from 'openai/resources/files';
import type { SafetyAlert } from 'openai/resources/safety/alerts';
import type { SafetyCase } from 'openai/resources/safety/cases';
import type { PermissionCreateResponse as CheckpointPermission } from 'openai/resources/fine-tuning/checkpoints/permissions';
import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import type { Model } from 'openai/resources/models';
import type { Response as ResponseObject, ResponseItem } from 'openai/resources/responses/responses';
import type { Upload } from 'openai/resources/uploads/uploads';
import type { UploadPart } from 'openai/resources/uploads/parts';
import type { VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import type { BookkeepingKey } from './bookkeeping.js';
import type { Video, VideoGetCharacterResponse } from 'openai/resources/videos';
import { ChildStores, type ListPage, type ListParams, ResourceStore } from './resource-store.js';

/** One item of a ChatKit thread (a user or assistant message, a widget, a tool call, a task). */
export type ChatKitThreadItem = ChatKitThreadItemListDataPage['data'][number];

/** Models the `models` routes know from the start: current ids of every family the SDK names. */
export const seededModels: readonly string[] = [
  'gpt-6-astra', 'gpt-6.1-sol', 'gpt-6.1-terra', 'gpt-6-sol', 'gpt-6-luna', 'gpt-5.6-sol', 'gpt-5.5', 'gpt-5.4',
  'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.2', 'gpt-5.1', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-4.1',
  'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'o4-mini', 'o3', 'o3-mini', 'o1', 'gpt-4-turbo',
  'gpt-4', 'gpt-3.5-turbo', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small', 'text-embedding-3-large',
  'text-embedding-ada-002', 'omni-moderation-latest', 'gpt-image-1', 'dall-e-3', 'whisper-1', 'tts-1',
  'gpt-4o-transcribe', 'gpt-4o-mini-tts',
];

/**
 * Files and their bytes: the content lives beside the object and goes with it. Lists page like the Files
 * API (up to 10,000 a page, 10,000 by default), and a listing by purpose reads a per-purpose index, so its
 * cost grows with the page, not with the files of other purposes.
 */
export class FileStore extends ResourceStore<FileObject> {
  /** Each file's exact bytes, by file id. */
  readonly content = new Map<string, Uint8Array>();
  readonly #byPurpose = new Map<string, ResourceStore<FileObject>>();

  constructor() {
    super({ defaultOrder: 'desc', defaultLimit: 10_000, maxLimit: 10_000 });
  }

  override put(file: FileObject): FileObject {
    const before = this.get(file.id);
    if (before && before.purpose !== file.purpose) this.#byPurpose.get(before.purpose)?.delete(file.id);
    this.#purpose(file.purpose).put(file);
    return super.put(file);
  }

  override delete(id: string): boolean {
    const before = this.get(id);
    if (before) this.#byPurpose.get(before.purpose)?.delete(id);
    this.content.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    this.content.clear();
    this.#byPurpose.clear();
    super.clear();
  }

  /** One page of the files with this purpose, paged like {@link ResourceStore.list}. */
  listByPurpose(purpose: string, params: ListParams = {}): ListPage<FileObject> {
    return this.#purpose(purpose).list(params);
  }

  #purpose(purpose: string): ResourceStore<FileObject> {
    let store = this.#byPurpose.get(purpose);
    if (!store) {
      store = new ResourceStore<FileObject>({ defaultOrder: this.defaultOrder, defaultLimit: this.defaultLimit, maxLimit: this.maxLimit });
      this.#byPurpose.set(purpose, store);
    }
    return store;
  }
}

/** A store whose objects own child stores (a thread's messages, a vector store's files): deleting one drops its children. */
/** What a parent needs of its child stores. */
interface Children {
  deleteParent(parentId: string): void;
  clear(): void;
}

class ParentStore<T extends { id: string }> extends ResourceStore<T> {
  readonly #children: Children[];

  constructor(children: Children[], options: { defaultOrder?: 'asc' | 'desc' } = {}) {
    super(options);
    this.#children = children;
  }

  override delete(id: string): boolean {
    for (const child of this.#children) child.deleteParent(id);
    return super.delete(id);
  }

  override clear(): void {
    for (const child of this.#children) child.clear();
    super.clear();
  }
}

function parent<T extends { id: string }, C extends Record<string, Children>>(
  children: C,
  options: { defaultOrder?: 'asc' | 'desc' } = {},
): ResourceStore<T> & C {
  const store = new ParentStore<T>(Object.values(children), options);
  return Object.assign(store, children);
}

/** How each group of stores is made (the first time it is read). */
const groups = {
  chat: () => ({
    completions: parent<ChatCompletion, { messages: ChildStores<ChatCompletionStoreMessage> }>({
      messages: new ChildStores<ChatCompletionStoreMessage>({ defaultOrder: 'asc' }),
    }),
  }),
  models: () => seeded(new ResourceStore<Model>({ defaultOrder: 'asc' })),
  files: () => new FileStore(),
  uploads: () => parent<Upload, { parts: ChildStores<UploadPart> }>({ parts: new ChildStores<UploadPart>({ defaultOrder: 'asc' }) }),
  batches: () => new ResourceStore<Batch>(),
  audio: () => ({ voices: new ResourceStore<Voice>(), voiceConsents: new ResourceStore<VoiceConsent>() }),
  vectorStores: () =>
    parent<VectorStore, { files: ChildStores<VectorStoreFile>; fileBatches: ChildStores<VectorStoreFileBatch> }>({
      files: new ChildStores<VectorStoreFile>(),
      fileBatches: new ChildStores<VectorStoreFileBatch>(),
    }),
  responses: () => parent<ResponseObject, { inputItems: ChildStores<ResponseItem> }>({ inputItems: new ChildStores<ResponseItem>({ defaultOrder: 'desc' }) }),
  conversations: () =>
    parent<Conversation, { items: ChildStores<ConversationItem & { id: string }> }>({
      items: new ChildStores<ConversationItem & { id: string }>({ defaultOrder: 'desc' }),
    }),
  fineTuning: () => ({
    jobs: parent<FineTuningJob, { events: ChildStores<FineTuningJobEvent>; checkpoints: ChildStores<FineTuningJobCheckpoint> }>({
      events: new ChildStores<FineTuningJobEvent>(),
      checkpoints: new ChildStores<FineTuningJobCheckpoint>(),
    }),
    /** Permissions by fine-tuned model checkpoint (`ft:...:ckpt-step-N`). */
    checkpointPermissions: new ChildStores<CheckpointPermission>({ defaultOrder: 'desc', defaultLimit: 10 }),
  }),
  beta: () => ({
    assistants: new ResourceStore<Assistant>(),
    threads: parent<Thread, { messages: ChildStores<Message>; runs: ChildStores<Run> & { steps: ChildStores<RunStep> } }>({
      messages: new ChildStores<Message>(),
      runs: Object.assign(new ChildStores<Run>(), { steps: new ChildStores<RunStep>() }),
    }),
    /** ChatKit sessions, and threads with their items (put threads here: the API makes them as users chat). */
    chatkit: {
      sessions: new ResourceStore<ChatSession>(),
      threads: parent<ChatKitThread, { items: ChildStores<ChatKitThreadItem> }>({ items: new ChildStores<ChatKitThreadItem>({ defaultOrder: 'asc' }) }),
    },
  }),
  safety: () => ({ cases: new ResourceStore<SafetyCase>(), alerts: new ResourceStore<SafetyAlert>() }),
  evals: () =>
    parent<Eval, { runs: ChildStores<EvalRun> & { outputItems: ChildStores<EvalOutputItem> } }>({
      runs: Object.assign(new ChildStores<EvalRun>(), { outputItems: new ChildStores<EvalOutputItem>({ defaultOrder: 'asc' }) }),
    }),
  videos: () => Object.assign(new ResourceStore<Video>(), { characters: new ResourceStore<VideoGetCharacterResponse & { id: string }>() }),
};

type Groups = { [Name in keyof typeof groups]: ReturnType<(typeof groups)[Name]> };

/** The models store with the models every mock starts with. */
function seeded(models: ResourceStore<Model>): ResourceStore<Model> {
  for (const id of seededModels) {
    models.put({ id, object: 'model', created: 1_700_000_000, owned_by: id.startsWith('gpt') || id.startsWith('o') ? 'openai' : 'system' });
  }
  return models;
}

/** A store as a walk over the state meets it: one of objects, or one of objects per parent. */
export type WalkedStore = ResourceStore<{ id: string }> | ChildStores<{ id: string }>;

/**
 * @internal Calls `visit` for each store below `node` (a group, or an object of groups), by dotted path
 * (`beta.threads.runs.steps`), parents before the stores they carry.
 */
export function walkStores(node: object, prefix: string, visit: (path: string, store: WalkedStore) => void): void {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'object' || value === null) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const store = value instanceof ResourceStore || value instanceof ChildStores;
    if (store) visit(path, value as WalkedStore);
    if (store || Object.getPrototypeOf(value) === Object.prototype) walkStores(value, path, visit);
  }
}

/**
 * Everything the stateful routes keep, shaped like the client: `state.files`, `state.vectorStores.files`,
 * `state.responses`, `state.conversations.items`, `state.beta.threads.runs`, ... Each store has
 * `put`, `get`, `delete` and `list`; child stores are reached per parent with `.of(parentId)`.
 * Build one to start a mock from a known state, or to share state between mocks. Each group of stores is made the
 * first time it is read, so a mock that never touches, say, vector stores never builds them.
 *
 * @example
 * const state = new StateStore();
 * state.beta.assistants.put({ id: 'asst_1', object: 'assistant', created_at: 0, model: 'gpt-4o', name: 'Helper',
 *   description: null, instructions: null, metadata: null, tools: [] });
 * const openaiMock = new OpenAIMock({ state });
 */
export class StateStore {
  /** The groups made so far. */
  readonly #groups: Partial<Groups> = {};
  /** Typed bookkeeping (see `bookkeeping()`), by its key. */
  readonly #books = new Map<BookkeepingKey<unknown>, unknown>();

  #group<Name extends keyof Groups>(name: Name): Groups[Name] {
    // TypeScript does not narrow a generic index of a Partial; the value is the group `groups[name]` made.
    return (this.#groups[name] ??= groups[name]() as Groups[Name]) as Groups[Name];
  }

  /** Chat completions stored with `store: true`, and their messages. */
  get chat(): Groups['chat'] {
    return this.#group('chat');
  }
  /** The models `models.list` answers: the seeded ones, and any a test or a fine-tune puts here. */
  get models(): Groups['models'] {
    return this.#group('models');
  }
  /** Files, with their bytes. */
  get files(): Groups['files'] {
    return this.#group('files');
  }
  /** Uploads and their parts. */
  get uploads(): Groups['uploads'] {
    return this.#group('uploads');
  }
  get batches(): Groups['batches'] {
    return this.#group('batches');
  }
  /** Custom voices and voice consents. */
  get audio(): Groups['audio'] {
    return this.#group('audio');
  }
  /** Vector stores, their files and file batches. */
  get vectorStores(): Groups['vectorStores'] {
    return this.#group('vectorStores');
  }
  /** Stored responses and their input items. */
  get responses(): Groups['responses'] {
    return this.#group('responses');
  }
  /** Conversations and their items. */
  get conversations(): Groups['conversations'] {
    return this.#group('conversations');
  }
  /** Fine-tuning jobs (their events and checkpoints) and checkpoint permissions. */
  get fineTuning(): Groups['fineTuning'] {
    return this.#group('fineTuning');
  }
  /** Assistants, threads (their messages, runs and run steps) and ChatKit. */
  get beta(): Groups['beta'] {
    return this.#group('beta');
  }
  /** Safety cases and alerts: the API raises them; a test puts them here for `safety.*.retrieve` to find. */
  get safety(): Groups['safety'] {
    return this.#group('safety');
  }
  /** Evals, their runs (by eval), and each run's output items (by run). */
  get evals(): Groups['evals'] {
    return this.#group('evals');
  }
  /** Videos, and the characters made from videos (`videos.createCharacter`). */
  get videos(): Groups['videos'] {
    return this.#group('videos');
  }

  /**
   * @internal The state's copy of one bookkeeping, made on first use: reach it through the function
   * `bookkeeping()` returns, which keeps the key and its type together.
   */
  bookkeeping<T>(key: BookkeepingKey<T>): T {
    if (!this.#books.has(key)) this.#books.set(key, key.create());
    return this.#books.get(key) as T;
  }

  /** @internal Every group by name (each made now if it was not yet): what a snapshot walks. */
  allGroups(): Groups {
    return Object.fromEntries((Object.keys(groups) as (keyof Groups)[]).map((name) => [name, this.#group(name)])) as Groups;
  }

  /** Empties every store (in place: a store a test holds stays the state's) and puts the seeded models back. */
  clear(): void {
    walkStores(this.#groups, '', (_path, store) => store.clear());
    this.#books.clear();
    if (this.#groups.models) seeded(this.#groups.models);
  }
}
