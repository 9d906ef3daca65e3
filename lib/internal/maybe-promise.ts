/** A value, or a promise of it: the answer path stays synchronous until something in it is not. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether a value is a promise. Told by its `then`, not `instanceof Promise`: under runners that evaluate
 * code in a VM context (Jest), an async function's promise is not an instance of the global `Promise`.
 */
export function isPromise<T>(value: MaybePromise<T> | unknown): value is Promise<T> {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'then') === 'function';
}

/**
 * `next(value)`, now if `value` is already there, else once it is. Keeps a call that needs no waiting free of
 * promise round trips (a fresh chat completion is built and answered in one go).
 */
export function after<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise<T>(value) ? value.then(next) : next(value);
}
