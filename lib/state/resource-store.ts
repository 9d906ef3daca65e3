/**
 * The list parameters every cursor-paged route takes.
 *
 * @example
 * state.files.list({ limit: 10, order: 'asc', after: 'file-abc' });
 */
export interface ListParams {
  /** A cursor: list the items after this id (in the listing's order). */
  after?: string | undefined;
  /** A cursor: list the items before this id (in the listing's order). */
  before?: string | undefined;
  /** Page size, 1 to 100 (20 when unset). */
  limit?: number | undefined;
  /** `asc`: oldest first; `desc`: newest first. */
  order?: 'asc' | 'desc' | undefined;
}

/**
 * How a store lists: its default order and its page-size bounds.
 *
 * @example
 * const store = new ResourceStore<{ id: string }>({ defaultOrder: 'asc', defaultLimit: 20, maxLimit: 100 });
 */
export interface StoreOptions {
  /** The order when the request names none (`desc`). */
  defaultOrder?: 'asc' | 'desc';
  /** The page size when the request names none (20). */
  defaultLimit?: number;
  /** The largest page size accepted (100). */
  maxLimit?: number;
}

/**
 * One page of a cursor listing, as the API sends it.
 *
 * @example
 * const page: ListPage<FileObject> = state.files.list({ limit: 2 });
 * page.has_more; // true when more files lie beyond these two
 */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** Why a listing was refused: the offending parameter and the API's message. */
export class ListParamsError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListParamsError';
  }
}

/**
 * What a store keeps its objects in: by id, their order and each one's place in it. Stores made with
 * {@link ResourceStore.shareFrom} share one shelf, each seeing the first `length` places of its order; the store
 * at the end of the order may add to it; any other change copies the store's part of the shelf first.
 */
interface Shelf<T> {
  readonly items: Map<string, T>;
  readonly order: (string | undefined)[];
  readonly position: Map<string, number>;
  /** Whether more than one store has used the shelf (never reset: a store that shared once copies before a change). */
  shared: boolean;
}

const emptyShelf = <T>(): Shelf<T> => ({ items: new Map(), order: [], position: new Map(), shared: false });

/**
 * The shelf of a store that never held anything: shared by all of them (never changed: a store on it takes a shelf
 * of its own when it first puts), so a store made only to share another's (see `shareFrom`) allocates none.
 */
const noShelf: Shelf<never> = Object.freeze({ items: new Map<string, never>(), order: [], position: new Map<string, never>(), shared: true });

/**
 * Objects by id, in the order they were first put (creation order). Lookups are by id; a listing walks
 * from its cursor, so its cost grows with the page, not with the store.
 *
 * @example
 * const store = new ResourceStore<{ id: string }>();
 * store.put({ id: 'file-1' });
 * store.list({ limit: 10, order: 'asc' }).data; // [{ id: 'file-1' }]
 */
export class ResourceStore<T extends { id: string }> {
  #shelf: Shelf<T> = noShelf;
  /** How many places of the shelf's order this store sees (holes left by deletes included). */
  #length = 0;
  #count = 0;
  #holes = 0;
  #version = 0;
  /** The order a listing uses when the request names none. */
  readonly defaultOrder: 'asc' | 'desc';
  /** The page size a listing uses when the request names none (20; the Files API: 10,000). */
  readonly defaultLimit: number;
  /** The largest page size a listing accepts (100; the Files API: 10,000). */
  readonly maxLimit: number;

  constructor(options: StoreOptions = {}) {
    this.defaultOrder = options.defaultOrder ?? 'desc';
    this.defaultLimit = options.defaultLimit ?? 20;
    this.maxLimit = options.maxLimit ?? 100;
  }

  /** The place of an object this store sees, if it sees one with this id. */
  #placeOf(id: string): number | undefined {
    const at = this.#shelf.position.get(id);
    return at !== undefined && at < this.#length ? at : undefined;
  }

  /** Gives this store a shelf of its own, holding what it sees, before it changes what another store may see. */
  #own(): Shelf<T> {
    const shelf = this.#shelf;
    if (!shelf.shared) return shelf;
    if (shelf === noShelf) {
      this.#shelf = emptyShelf();
      return this.#shelf;
    }
    const own: Shelf<T> = emptyShelf();
    for (let at = 0; at < this.#length; at++) {
      const id = shelf.order[at];
      own.order.push(id);
      if (id === undefined) continue;
      own.position.set(id, at);
      const item = shelf.items.get(id);
      if (item !== undefined) own.items.set(id, item);
    }
    this.#shelf = own;
    return own;
  }

  /** Stores an object (replacing the one with its id, which keeps its place) and returns it. */
  put(item: T): T {
    if (this.#placeOf(item.id) !== undefined) {
      this.#own().items.set(item.id, item);
    } else {
      // Adding at the end: on a shared shelf, only the store that sees all of it may.
      const shelf = this.#shelf.shared && (this.#shelf === noShelf || this.#length !== this.#shelf.order.length || this.#shelf.position.has(item.id)) ? this.#own() : this.#shelf;
      shelf.position.set(item.id, shelf.order.length);
      shelf.order.push(item.id);
      shelf.items.set(item.id, item);
      this.#length = shelf.order.length;
      this.#count += 1;
    }
    this.#version += 1;
    return item;
  }

  /** A number that changes whenever the store does (a put, a delete, a clear): for caches of what it holds. */
  get version(): number {
    return this.#version;
  }

  /** The object with this id, if stored. */
  get(id: string): T | undefined {
    return this.#placeOf(id) === undefined ? undefined : this.#shelf.items.get(id);
  }

  /** Whether an object with this id is stored. */
  has(id: string): boolean {
    return this.#placeOf(id) !== undefined;
  }

  /** Removes the object; `true` when there was one. */
  delete(id: string): boolean {
    if (this.#placeOf(id) === undefined) return false;
    const shelf = this.#own();
    const at = shelf.position.get(id) ?? 0;
    shelf.items.delete(id);
    shelf.position.delete(id);
    shelf.order[at] = undefined;
    this.#count -= 1;
    this.#holes += 1;
    this.#version += 1;
    if (this.#holes > 64 && this.#holes * 2 > this.#length) this.#compact();
    return true;
  }

  /** How many objects are stored. */
  get size(): number {
    return this.#count;
  }

  /**
   * Makes this store (empty until now) hold what `source` holds, in the same order, without copying: the two
   * share their objects until either changes (a store that starts as another one grown, as a chained response's
   * input items start as its previous response's). Each sees only what it was given.
   */
  shareFrom(source: ResourceStore<T>): void {
    if (this.#count > 0 || this.#length > 0) throw new Error('shareFrom() needs an empty store');
    if (source.#shelf !== noShelf) source.#shelf.shared = true;
    this.#shelf = source.#shelf;
    this.#length = source.#length;
    this.#count = source.#count;
    this.#holes = source.#holes;
    this.#version += 1;
  }

  /** Every stored object, oldest first. */
  values(): T[] {
    const { order, items } = this.#shelf;
    const values: T[] = [];
    for (let at = 0; at < this.#length; at++) {
      const id = order[at];
      const item = id === undefined ? undefined : items.get(id);
      if (item !== undefined) values.push(item);
    }
    return values;
  }

  /** Removes everything. */
  clear(): void {
    this.#shelf = noShelf;
    this.#length = 0;
    this.#count = 0;
    this.#holes = 0;
    this.#version += 1;
  }

  /**
   * One page, exactly as the API pages: `limit` items (20 by default) from the cursor, in `order`,
   * `has_more` when more lie beyond the page in the direction of travel. `after` pages forward from an
   * item; `before` gives the page just before an item; both together give the items strictly between
   * the two, from `after` on (so the SDK's auto-pagination, which adds `after` to a `before` request,
   * ends instead of looping). `filter` keeps only matching items (a purpose, a run id, ...): its cost
   * grows with the items it skips. Throws a {@link ListParamsError} for a limit out of 1..`maxLimit`
   * or an unknown cursor.
   */
  list(params: ListParams = {}, filter?: (item: T) => boolean): ListPage<T> {
    const limit = params.limit ?? this.defaultLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.maxLimit) {
      throw new ListParamsError('limit', `Invalid 'limit': expected an integer between 1 and ${this.maxLimit}, got ${String(params.limit)}.`);
    }
    const order = params.order ?? this.defaultOrder;
    if (order !== 'asc' && order !== 'desc') {
      throw new ListParamsError('order', `Invalid 'order': expected 'asc' or 'desc', got '${String(order)}'.`);
    }
    const ascending = order === 'asc';
    const positionOf = (param: 'after' | 'before', id: string): number => {
      const at = this.#placeOf(id);
      if (at === undefined) throw new ListParamsError(param, `Invalid '${param}': no object with id '${id}' in this list.`);
      return at;
    };
    const after = params.after === undefined ? undefined : positionOf('after', params.after);
    const before = params.before === undefined ? undefined : positionOf('before', params.before);
    // A lone `before` walks against the listing's order from its cursor, then the page is turned back
    // round; otherwise the walk goes with the order from `after` (or the start), up to `before` if given.
    const reversed = before !== undefined && after === undefined;
    const forward = reversed ? !ascending : ascending;
    let start = forward ? 0 : this.#length - 1;
    let end = forward ? this.#length : -1;
    if (reversed) start = forward ? before + 1 : before - 1;
    else {
      if (after !== undefined) start = forward ? after + 1 : after - 1;
      if (before !== undefined) end = before;
    }
    const data: T[] = [];
    let hasMore = false;
    for (let i = start; forward ? i < end : i > end; i += forward ? 1 : -1) {
      const id = this.#shelf.order[i];
      if (id === undefined) continue;
      const item = this.#shelf.items.get(id);
      if (item === undefined || (filter && !filter(item))) continue;
      if (data.length === limit) {
        hasMore = true;
        break;
      }
      data.push(item);
    }
    if (reversed) data.reverse();
    return {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
      has_more: hasMore,
    };
  }

  #compact(): void {
    const { items } = this.#shelf;
    const order = this.#shelf.order.slice(0, this.#length).filter((id) => id !== undefined);
    const position = new Map<string, number>();
    order.forEach((id, at) => position.set(id, at));
    this.#shelf = { items, order, position, shared: false };
    this.#length = order.length;
    this.#holes = 0;
  }
}

/**
 * Stores of child objects, one per parent: a thread's messages, a conversation's items, a vector store's
 * files. The same child id under two parents is two independent records.
 *
 * @example
 * const items = new ChildStores<{ id: string }>();
 * items.of('conv_1').put({ id: 'msg_1' });
 * items.of('conv_2').has('msg_1'); // false
 */
export class ChildStores<T extends { id: string }> {
  #byParent = new Map<string, ResourceStore<T>>();
  /** Parents whose store is filled when first read (see {@link ChildStores.defer}), in the order they were deferred. */
  #deferred = new Map<string, (store: ResourceStore<T>) => void>();
  readonly #options: StoreOptions;

  constructor(options: StoreOptions = {}) {
    this.#options = options;
  }

  /** The store of one parent's children (created empty on first use; filled first if its filling was deferred). */
  of(parentId: string): ResourceStore<T> {
    let store = this.#byParent.get(parentId);
    if (!store) {
      store = new ResourceStore<T>(this.#options);
      this.#byParent.set(parentId, store);
      const fill = this.#deferred.get(parentId);
      if (fill !== undefined) {
        this.#deferred.delete(parentId);
        fill(store);
      }
    }
    return store;
  }

  /**
   * Fills a parent's store only when something first reads it (`of`, `entries`, ...): for children a parent
   * always has but few read, so a parent made in a loop costs nothing of them until they are listed. The filling
   * must only read what does not change after this call (it may read other parents' stores through `of`).
   * Replaces an earlier deferred filling of the same parent; a parent whose store was already read is filled at once.
   *
   * @example
   * const items = new ChildStores<{ id: string }>();
   * items.defer('resp_1', (store) => store.put({ id: 'msg_1' }));
   * items.of('resp_1').has('msg_1'); // true: filled on this first read
   */
  defer(parentId: string, fill: (store: ResourceStore<T>) => void): void {
    const store = this.#byParent.get(parentId);
    if (store) {
      fill(store);
      return;
    }
    this.#deferred.delete(parentId);
    this.#deferred.set(parentId, fill);
  }

  /** Whether a parent's store is still waiting to be filled (see {@link ChildStores.defer}). */
  isDeferred(parentId: string): boolean {
    return this.#deferred.has(parentId);
  }

  /** Fills every deferred store, oldest first (so a filling that reads an earlier parent's store finds it filled). */
  #fillDeferred(): void {
    for (const parentId of this.#deferred.keys()) this.of(parentId);
  }

  /** Each parent with its children's store, for walking the whole state (a snapshot). */
  entries(): IterableIterator<[parentId: string, store: ResourceStore<T>]> {
    this.#fillDeferred();
    return this.#byParent.entries();
  }

  /** Forgets every child of a parent (when the parent is deleted); a store deferred until then is filled first, in case another reads it. */
  deleteParent(parentId: string): void {
    this.#fillDeferred();
    this.#byParent.delete(parentId);
  }

  /** Removes everything. */
  clear(): void {
    this.#byParent.clear();
    this.#deferred.clear();
  }
}
