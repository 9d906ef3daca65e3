// Checks of the route settings the control API takes (`PUT /__openai-responses/routes/{name}`): each names the field
// that is wrong, so a bad setting is a 400 that says what to fix, never a 500 from deep inside the server or a
// timer Node cannot hold.

/** The longest delay a Node timer holds (2^31 - 1 ms, about 24.8 days); more fires at once, with a warning. */
export const longestTimerMs = 2 ** 31 - 1;

/** A header name: an HTTP token (RFC 9110, section 5.6.2). */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A header value Node writes: tabs, visible ASCII and obs-text; no CR, LF or NUL. */
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Why a `latency` cannot be used (not a number, negative, or more than a timer holds), or undefined.
 *
 * @example
 * latencyProblem(1e12); // 'latency must be ...'
 */
export function latencyProblem(latency: unknown, field = 'latency'): string | undefined {
  if (typeof latency !== 'number' || !Number.isFinite(latency) || latency < 0 || latency > longestTimerMs) {
    return `${field} must be a number of milliseconds from 0 to ${longestTimerMs} (what a timer holds), not ${JSON.stringify(latency) ?? String(latency)}.`;
  }
  return undefined;
}

function statusProblem(status: unknown, field: string, lowest: number): string | undefined {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < lowest || status > 599) {
    return `${field} must be a whole HTTP status from ${lowest} to 599, not ${JSON.stringify(status) ?? String(status)}.`;
  }
  return undefined;
}

/**
 * Why a `failures` setting cannot be used, or undefined: a count, or `{ count, status?, message?, code? }`.
 *
 * @example
 * failuresProblem({ count: 1, status: 1000 }); // 'failures.status must be ...'
 */
export function failuresProblem(failures: unknown): string | undefined {
  const countProblem = (count: unknown, field: string): string | undefined =>
    typeof count === 'number' && Number.isInteger(count) && count >= 0 ? undefined : `${field} must be a whole number of calls, 0 or more.`;
  if (typeof failures === 'number') return countProblem(failures, 'failures');
  if (typeof failures !== 'object' || failures === null || Array.isArray(failures)) return 'failures must be a number or { count, status?, message?, code? }.';
  const { count, status, message, code } = failures as Record<string, unknown>;
  return (
    countProblem(count, 'failures.count') ??
    (status === undefined ? undefined : statusProblem(status, 'failures.status', 400)) ??
    (message === undefined || typeof message === 'string' ? undefined : 'failures.message must be a string.') ??
    (code === undefined || code === null || typeof code === 'string' ? undefined : 'failures.code must be a string or null.')
  );
}

/**
 * Why a `raw` answer cannot be sent, or undefined: `status` a whole number from 200 to 599 (none of 204, 205
 * and 304 with a body), `headers` names that are HTTP tokens and values without CR, LF or NUL.
 *
 * @example
 * rawProblem({ status: 200, headers: { 'x-ok': 'line\r\nbreak' } }); // 'raw.headers["x-ok"] ...'
 */
export function rawProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'raw must be { status?, headers?, body? }.';
  const { status, headers, body } = raw as Record<string, unknown>;
  if (status !== undefined) {
    const problem = statusProblem(status, 'raw.status', 200);
    if (problem) return problem;
    if ((status === 204 || status === 205 || status === 304) && body !== undefined && body !== null) return `raw.body must be left out for a status ${status}, which has no body.`;
  }
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return 'raw.headers must be an object of header names to string values.';
    for (const [name, value] of Object.entries(headers)) {
      const field = `raw.headers[${JSON.stringify(name)}]`;
      if (!headerName.test(name)) return `${field}: '${name}' is not a header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces).`;
      if (typeof value !== 'string') return `${field} must be a string.`;
      if (!headerValue.test(value)) return `${field} holds a character a header value cannot (CR, LF, NUL or another control character).`;
    }
  }
  return undefined;
}
