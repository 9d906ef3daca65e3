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

/**
 * Everything the stateful routes keep, shaped like the client: `state.files`, `state.vectorStores.files`,
 * `state.responses`, `state.conversations.items`, `state.beta.threads.runs`, ... Each store has
 * `put`, `get`, `delete` and `list`; child stores are reached per parent with `.of(parentId)`.
 * Build one to start a mock from a known state, or to share state between mocks.
 *
 * @example
 * const state = new StateStore();
 * state.beta.assistants.put({ id: 'asst_1', object: 'assistant', created_at: 0, model: 'gpt-4o', name: 'Helper',
 *   description: null, instructions: null, metadata: null, tools: [] });
 * const openaiMock = new OpenAIMock({ state });
 */
export class StateStore {
  readonly chat = {
    completions: parent<ChatCompletion, { messages: ChildStores<ChatCompletionStoreMessage> }>({
      messages: new ChildStores<ChatCompletionStoreMessage>({ defaultOrder: 'asc' }),
    }),
  };
  readonly models = new ResourceStore<Model>({ defaultOrder: 'asc' });
  readonly files = new FileStore();
  readonly uploads = parent<Upload, { parts: ChildStores<UploadPart> }>({
    parts: new ChildStores<UploadPart>({ defaultOrder: 'asc' }),
  });
  readonly batches = new ResourceStore<Batch>();
  readonly audio = {
    voices: new ResourceStore<Voice>(),
    voiceConsents: new ResourceStore<VoiceConsent>(),
  };
  readonly vectorStores = parent<VectorStore, { files: ChildStores<VectorStoreFile>; fileBatches: ChildStores<VectorStoreFileBatch> }>({
    files: new ChildStores<VectorStoreFile>(),
    fileBatches: new ChildStores<VectorStoreFileBatch>(),
  });
  readonly responses = parent<ResponseObject, { inputItems: ChildStores<ResponseItem> }>({
    inputItems: new ChildStores<ResponseItem>({ defaultOrder: 'desc' }),
  });
  readonly conversations = parent<Conversation, { items: ChildStores<ConversationItem & { id: string }> }>({
    items: new ChildStores<ConversationItem & { id: string }>({ defaultOrder: 'desc' }),
  });
  readonly fineTuning = {
    jobs: parent<FineTuningJob, { events: ChildStores<FineTuningJobEvent>; checkpoints: ChildStores<FineTuningJobCheckpoint> }>({
      events: new ChildStores<FineTuningJobEvent>(),
      checkpoints: new ChildStores<FineTuningJobCheckpoint>(),
    }),
    /** Permissions by fine-tuned model checkpoint (`ft:...:ckpt-step-N`). */
    checkpointPermissions: new ChildStores<CheckpointPermission>({ defaultOrder: 'desc', defaultLimit: 10 }),
  };
  readonly beta = {
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
  };
  /** Safety cases and alerts: the API raises them; a test puts them here for `safety.*.retrieve` to find. */
  readonly safety = { cases: new ResourceStore<SafetyCase>(), alerts: new ResourceStore<SafetyAlert>() };
  /** Evals, their runs (by eval), and each run's output items (by run). */
  readonly evals = parent<Eval, { runs: ChildStores<EvalRun> & { outputItems: ChildStores<EvalOutputItem> } }>({
    runs: Object.assign(new ChildStores<EvalRun>(), { outputItems: new ChildStores<EvalOutputItem>({ defaultOrder: 'asc' }) }),
  });
  /** Videos, and the characters made from videos (`videos.createCharacter`). */
  readonly videos = Object.assign(new ResourceStore<Video>(), {
    characters: new ResourceStore<VideoGetCharacterResponse & { id: string }>(),
  });
  /** Typed bookkeeping (see `bookkeeping()`), by its key. */
  readonly #books = new Map<BookkeepingKey<unknown>, unknown>();

  constructor() {
    this.#seedModels();
  }

  /**
   * @internal The state's copy of one bookkeeping, made on first use: reach it through the function
   * `bookkeeping()` returns, which keeps the key and its type together.
   */
  bookkeeping<T>(key: BookkeepingKey<T>): T {
    if (!this.#books.has(key)) this.#books.set(key, key.create());
    return this.#books.get(key) as T;
  }

  /** Empties every store and puts the seeded models back. */
  clear(): void {
    const stores = [
      this.chat.completions, this.models, this.files, this.uploads, this.batches, this.vectorStores, this.responses,
      this.conversations, this.fineTuning.jobs, this.beta.assistants, this.beta.threads, this.audio.voices,
      this.audio.voiceConsents,
      this.conversations, this.fineTuning.jobs, this.beta.assistants, this.beta.threads, this.evals,
    ];
    for (const store of stores) store.clear();
    this.beta.threads.runs.steps.clear();
    this.fineTuning.checkpointPermissions.clear();
    this.evals.runs.outputItems.clear();
    this.beta.chatkit.sessions.clear();
    this.safety.cases.clear();
    this.safety.alerts.clear();
    this.beta.chatkit.threads.clear();
    this.videos.clear();
    this.videos.characters.clear();
    this.#books.clear();
    this.#seedModels();
  }

  #seedModels(): void {
    for (const id of seededModels) {
      this.models.put({ id, object: 'model', created: 1_700_000_000, owned_by: id.startsWith('gpt') || id.startsWith('o') ? 'openai' : 'system' });
    }
  }
}
