import type { AnsweredBy } from '../engine/call-record.js';
import type { ReportedCall } from './collect.js';
import { type CallView, viewOf } from './conversation.js';
import { type Html, formatBytes, html } from './html.js';
import type { Entry, Part } from './parts.js';
import { type Thread, type ThreadCall, threadCalls } from './threads.js';

/** The most of a raw request or answer a report shows (64 KiB); the rest is cut, with its size said. */
export const maxRawChars = 64 * 1024;
/** Strings longer than this inside raw JSON (base64 images, audio, files) are cut, with their size said. */
const maxRawString = 2048;

/** What answered a call, in words. */
export function describeAnsweredBy(by: AnsweredBy): string {
  const fn = by.function === true ? ', a function' : '';
  switch (by.kind) {
    case 'default':
      return 'the default answer';
    case 'response':
      return 'route.response';
    case 'function':
      return 'a response function';
    case 'failure':
      return 'a configured failure (route.failures)';
    case 'sequence':
      return `answer ${by.index ?? '?'} of the sequence (route.responses${fn})`;
    case 'when': {
      const predicate = by.predicate;
      const source = predicate === undefined ? '' : predicate.name !== '' ? predicate.name : predicate.toString().replace(/\s+/g, ' ');
      return `when rule ${by.index ?? '?'}${source === '' ? '' : `: ${source.length > 120 ? `${source.slice(0, 117)}...` : source}`}${fn}`;
    }
  }
}

function cutString(value: string): string {
  if (value.length <= maxRawString) return value;
  return `${value.slice(0, 160)}... [cut: ${formatBytes(Buffer.byteLength(value))} in all]`;
}

/** A body as JSON for the raw view: long strings cut, forms as fields and files, the whole cut at {@link maxRawChars}. */
export function rawJson(value: unknown): string {
  let shown: unknown = value;
  if (value instanceof FormData) {
    const fields: Record<string, unknown> = {};
    for (const [name, field] of value.entries()) fields[name] = typeof field === 'string' ? field : { filename: field.name, type: field.type, size: field.size };
    shown = fields;
  }
  let text: string;
  try {
    text = typeof shown === 'string' ? cutString(shown) : (JSON.stringify(shown, (_key, item: unknown) => (typeof item === 'string' ? cutString(item) : item), 2) ?? '');
  } catch {
    text = String(shown);
  }
  return cutText(text);
}

function cutText(text: string): string {
  if (text.length <= maxRawChars) return text;
  return `${text.slice(0, maxRawChars)}\n... [cut: ${formatBytes(Buffer.byteLength(text))} in all]`;
}

function prettyArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args) as unknown, null, 2);
  } catch {
    return args;
  }
}

function renderPart(part: Part): Html {
  switch (part.kind) {
    case 'text':
      return html`<div class="text">${part.text}</div>`;
    case 'json':
      return html`<div class="json"><span class="label">${part.label}</span><pre>${rawJson(part.value)}</pre></div>`;
    case 'image': {
      const size = part.bytes === undefined ? '' : formatBytes(part.bytes);
      if (part.src !== undefined) return html`<figure class="image"><img src="${part.src}" alt="${part.label ?? 'image'}"><figcaption>image · ${size}${part.label ? ` · ${part.label}` : ''}</figcaption></figure>`;
      if (part.url !== undefined) return html`<div class="file">image at <code>${cutString(part.url)}</code> (not loaded)</div>`;
      return html`<div class="file">image · ${size} (too large to show)</div>`;
    }
    case 'audio': {
      const size = part.bytes === undefined ? '' : ` · ${formatBytes(part.bytes)}`;
      return html`<div class="audio">${part.src !== undefined ? html`<audio controls src="${part.src}"></audio>` : html`<span>audio (too large to play here)</span>`}<span class="label">${part.label ?? 'audio'}${size}</span>${part.transcript !== undefined ? html`<div class="text">${part.transcript}</div>` : ''}</div>`;
    }
    case 'file':
      return html`<div class="file">file <strong>${part.name}</strong>${part.bytes !== undefined ? ` · ${formatBytes(part.bytes)}` : ''}${part.id !== undefined ? html` · <code>${part.id}</code>` : ''}</div>`;
    case 'toolCall':
      return html`<div class="tool-call"><span class="label">tool call</span> <strong class="tool-name">${part.name}</strong>${part.id !== undefined ? html` <code class="id">${part.id}</code>` : ''}<pre class="args">${cutText(prettyArguments(part.args))}</pre></div>`;
    case 'toolResult':
      return html`<div class="tool-result"><span class="label">tool result</span>${part.id !== undefined && part.id !== '' ? html` <code class="id">${part.id}</code>` : ''}<pre>${cutText(part.output)}</pre></div>`;
    case 'refusal':
      return html`<div class="refusal"><span class="label">refusal</span> ${part.text}</div>`;
    case 'error':
      return html`<div class="error"><strong class="status">${part.status}</strong>${part.type !== undefined ? html` <code>${part.type}</code>` : ''}${part.code !== undefined ? html` <code>${part.code}</code>` : ''} <span class="message">${part.message}</span></div>`;
    case 'note':
      return html`<div class="note">${part.text}</div>`;
  }
}

function renderEntry(entry: Entry): Html {
  return html`<div class="msg role-${entry.role.replace(/[^\w-]/g, '_')}"><div class="role">${entry.role}</div>${entry.parts.length === 0 ? html`<div class="note">(empty)</div>` : entry.parts.map(renderPart)}</div>`;
}

function renderSent(view: CallView, repeated: ReadonlySet<number>): Html[] {
  const out: Html[] = [];
  let hidden = 0;
  const flush = (): void => {
    if (hidden > 0) out.push(html`<div class="repeated">${hidden} earlier item${hidden === 1 ? '' : 's'} as the previous call sent ${hidden === 1 ? 'it' : 'them'}</div>`);
    hidden = 0;
  };
  view.sent.forEach((entry, index) => {
    if (repeated.has(index)) {
      hidden += 1;
      return;
    }
    flush();
    out.push(renderEntry(entry));
  });
  flush();
  return out;
}

function tokensText(view: CallView): string | undefined {
  const tokens = view.tokens;
  if (!tokens) return undefined;
  const parts = [tokens.input !== undefined ? `${tokens.input} in` : '', tokens.output !== undefined ? `${tokens.output} out` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : `${tokens.total ?? 0} total`;
}

function path(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

function renderCall({ call, view, repeated }: ThreadCall): Html {
  const failed = call.status >= 400 || view.answered.some((entry) => entry.parts.some((part) => part.kind === 'error'));
  const tokens = tokensText(view);
  return html`<article class="call${failed ? ' failed' : ''}" id="call-${call.number}" data-route="${call.route}">
<header class="call-head"><a class="num" href="#call-${call.number}">#${call.number}</a> <strong class="route">${call.route}</strong> <code class="path">${call.method} ${path(call.url)}</code>${view.model !== undefined ? html` <span class="model">${view.model}</span>` : ''} <span class="status s${Math.floor(call.status / 100)}">${call.status}</span> <span class="ms">${call.durationMs.toFixed(1)} ms</span>${tokens !== undefined ? html` <span class="tokens">tokens ${tokens}</span>` : ''}${view.streamed ? html` <span class="tag">stream</span>` : ''}
<div class="by">answered by <span class="rule">${describeAnsweredBy(call.answeredBy)}</span></div></header>
${view.tools.length > 0 ? html`<details class="tools"><summary>tools offered: ${view.tools.map((tool, index) => html`${index > 0 ? ', ' : ''}<code>${tool.name}</code>`)}</summary>${view.tools.map((tool) => html`<div class="tool"><strong>${tool.name}</strong>${tool.description !== undefined ? html` ${tool.description}` : ''}${tool.parameters !== undefined ? html`<pre>${rawJson(tool.parameters)}</pre>` : ''}</div>`)}</details>` : ''}
<div class="sent">${renderSent(view, repeated)}</div>
<div class="answered">${view.answered.map(renderEntry)}</div>
<details class="raw" id="raw-${call.number}"><summary>raw request and answer</summary>
<h4>request</h4><pre>${call.method} ${call.url}\n${Object.entries(call.headers).map(([name, value]) => `${name}: ${value}\n`).join('')}</pre>${call.body !== undefined ? html`<pre>${rawJson(call.body)}</pre>` : ''}
<h4>answer ${call.status}</h4><pre>${Object.entries(call.answerHeaders).map(([name, value]) => `${name}: ${value}\n`).join('')}</pre>${call.answerText !== undefined ? html`<pre>${rawAnswer(call)}</pre>` : ''}${call.answerBytes !== undefined ? html`<p>${formatBytes(call.answerCutFrom ?? call.answerBytes.length)} of ${call.contentType || 'bytes'}</p>` : ''}${call.answerCutFrom !== undefined ? html`<p class="note">cut: ${formatBytes(call.answerCutFrom)} in all</p>` : ''}
</details>
</article>`;
}

function rawAnswer(call: ReportedCall): string {
  const text = call.answerText ?? '';
  if (call.contentType.startsWith('application/json')) {
    try {
      return rawJson(JSON.parse(text) as unknown);
    } catch {
      return cutText(text);
    }
  }
  return cutText(text.replace(/"([A-Za-z0-9+/=]{2048,})"/g, (_match, data: string) => `"${cutString(data)}"`));
}

function threadTitle(thread: Thread): string {
  const routes = [...new Set(thread.calls.map(({ call }) => call.route))].join(', ');
  const how = thread.how.size > 0 ? ` · linked by ${[...thread.how].join(', ')}` : '';
  return `Thread ${thread.number} · ${routes} · ${thread.calls.length} call${thread.calls.length === 1 ? '' : 's'}${how}`;
}

function time(at: number, first: number): string {
  return at === first ? new Date(at).toISOString().slice(11, 23) : `+${(at - first).toFixed(0)} ms`;
}

/** The body of a report: a summary, the timeline of every call in order, the threads and the other calls. */
export function renderReport(calls: readonly ReportedCall[], title: string): Html {
  const views = calls.map((call) => ({ call, view: viewOf(call) }));
  const { threads, others } = threadCalls(views);
  const threadOf = new Map<number, number>();
  for (const thread of threads) for (const { call } of thread.calls) threadOf.set(call.number, thread.number);
  const failed = calls.filter((call) => call.status >= 400).length;
  const input = views.reduce((sum, { view }) => sum + (view.tokens?.input ?? 0), 0);
  const output = views.reduce((sum, { view }) => sum + (view.tokens?.output ?? 0), 0);
  const first = calls[0]?.at ?? 0;
  return html`<header class="top"><h1>${title}</h1>
<p class="summary"><span class="count">${calls.length} call${calls.length === 1 ? '' : 's'}</span> · ${threads.length} thread${threads.length === 1 ? '' : 's'} · <span class="${failed > 0 ? 'bad' : ''}">${failed} failed</span> · tokens ${input} in, ${output} out${calls.length > 0 ? ` · from ${new Date(first).toISOString()}` : ''}</p>
<p class="controls"><input type="search" id="filter" placeholder="filter calls (route, text)" aria-label="filter calls"> <button type="button" id="expand">show raw JSON</button></p></header>
${calls.length === 0 ? html`<p class="empty">No calls yet.</p>` : html`<nav class="timeline"><table><thead><tr><th>#</th><th>time</th><th>route</th><th>status</th><th>answered by</th><th>thread</th></tr></thead><tbody>${views.map(({ call }) => html`<tr class="${call.status >= 400 ? 'failed' : ''}"><td><a href="#call-${call.number}">${call.number}</a></td><td>${time(call.at, first)}</td><td>${call.route}</td><td>${call.status}</td><td>${describeAnsweredBy(call.answeredBy)}</td><td>${threadOf.has(call.number) ? html`<a href="#thread-${threadOf.get(call.number)}">${threadOf.get(call.number)}</a>` : ''}</td></tr>`)}</tbody></table></nav>`}
${threads.map((thread) => html`<section class="thread" id="thread-${thread.number}"><h2>${threadTitle(thread)}</h2>${thread.calls.map(renderCall)}</section>`)}
${others.length > 0 ? html`<section class="thread others" id="others"><h2>Other calls · ${others.length}</h2>${others.map(renderCall)}</section>` : ''}`;
}
