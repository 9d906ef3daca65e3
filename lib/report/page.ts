import { randomBytes } from 'node:crypto';
import { type Html, html, trusted } from './html.js';

const style = `
:root{--bg:#f6f7f9;--card:#fff;--line:#dde1e6;--text:#1d2228;--muted:#65707c;--user:#e3efff;--assistant:#eef7ee;--system:#fff7df;--tool:#f3effa;--bad:#c62828}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--text)}
main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:0 0 10px;color:var(--muted)}
.top{margin-bottom:12px}.summary{margin:0;color:var(--muted)}.bad{color:var(--bad);font-weight:600}.controls{margin:8px 0 0}
input[type=search]{padding:4px 8px;width:280px;border:1px solid var(--line);border-radius:4px}button{padding:4px 10px;border:1px solid var(--line);border-radius:4px;background:var(--card);cursor:pointer}
.live{display:inline-block;padding:1px 8px;border-radius:10px;background:#2e7d32;color:#fff;font-size:12px;margin-left:8px}.live.off{background:#9e9e9e}
.timeline{background:var(--card);border:1px solid var(--line);border-radius:6px;margin:12px 0 18px;max-height:260px;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line)}th{position:sticky;top:0;background:#eef0f3}tr.failed td{color:var(--bad)}
.thread{margin:0 0 22px}.call{background:var(--card);border:1px solid var(--line);border-left:4px solid #90a4ae;border-radius:6px;padding:10px 12px;margin:0 0 12px}
.call.failed{border-left-color:var(--bad)}.call-head{font-size:13px;margin-bottom:8px}.call-head .num{color:var(--muted);text-decoration:none;font-weight:600}
.path,.model,.ms,.tokens{color:var(--muted)}.status{font-weight:700;padding:0 5px;border-radius:3px;background:#e8f5e9}.status.s4,.status.s5{background:#ffebee;color:var(--bad)}
.tag{background:#e3f2fd;padding:0 5px;border-radius:3px;font-size:12px}.by{color:var(--muted);font-size:12px}.rule{color:var(--text)}
.tools{font-size:13px;margin:0 0 8px}.tools .tool{margin:4px 0 0 12px}
.sent,.answered{display:flex;flex-direction:column;gap:6px}.answered{margin-top:8px;padding-top:8px;border-top:1px dashed var(--line)}
.msg{border-radius:8px;padding:6px 10px;max-width:85%;background:#f1f3f5;word-wrap:break-word}.msg .role{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-bottom:2px}
.role-user{align-self:flex-end;background:var(--user)}.role-assistant{background:var(--assistant)}.role-system,.role-developer{background:var(--system);max-width:100%}
.role-tool{background:var(--tool)}.role-error{background:#ffebee;max-width:100%}.role-reasoning,.role-note,.role-reference{background:transparent;color:var(--muted);padding:2px 10px}
.text{white-space:pre-wrap}pre{white-space:pre-wrap;word-break:break-word;margin:4px 0;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f8f9fa;padding:6px;border-radius:4px;max-height:420px;overflow:auto}
.label{font-size:11px;text-transform:uppercase;color:var(--muted)}.tool-name{font-family:ui-monospace,monospace}.id{color:var(--muted);font-size:11px}
.error{color:var(--bad)}.error .status{background:var(--bad);color:#fff}.refusal{color:#ad1457}.note{color:var(--muted);font-style:italic}
.image img{max-width:220px;max-height:220px;border:1px solid var(--line);border-radius:4px;display:block}.image{margin:2px 0}figcaption{font-size:11px;color:var(--muted)}
.repeated{font-size:12px;color:var(--muted);font-style:italic}.raw{margin-top:8px;font-size:12px}.raw h4{margin:6px 0 0}.empty{color:var(--muted)}
.hidden{display:none}
nav.sessions{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:0 0 12px;font-size:13px}
nav.sessions a{margin-right:6px}a.session{display:inline-block;padding:1px 8px;border:1px solid var(--line);border-radius:10px;text-decoration:none;color:var(--text);margin:2px 6px 2px 0}
.session-id{font-family:ui-monospace,monospace;font-weight:600}.session-count{color:var(--muted)}nav.sessions .label{margin-right:6px}
`;

/** The page's own script: the filter, the raw JSON switch, and (on the live page) the updates as calls arrive. */
const script = `
(function () {
  var main = document.querySelector('main');
  function bind() {
    var filter = document.getElementById('filter');
    var expand = document.getElementById('expand');
    if (filter) {
      filter.value = window.__filter || '';
      filter.addEventListener('input', function () { window.__filter = filter.value; apply(); });
    }
    if (expand) expand.addEventListener('click', function () {
      var raws = document.querySelectorAll('details.raw');
      var open = expand.getAttribute('data-open') !== 'true';
      for (var i = 0; i < raws.length; i++) raws[i].open = open;
      expand.setAttribute('data-open', String(open));
      expand.textContent = open ? 'hide raw JSON' : 'show raw JSON';
    });
    apply();
  }
  function apply() {
    var query = (window.__filter || '').toLowerCase();
    var calls = document.querySelectorAll('article.call');
    for (var i = 0; i < calls.length; i++) calls[i].classList.toggle('hidden', query !== '' && calls[i].textContent.toLowerCase().indexOf(query) < 0);
  }
  bind();
  var source = main.getAttribute('data-events');
  if (!source || typeof EventSource === 'undefined') return;
  var badge = document.getElementById('live');
  var events = new EventSource(source);
  events.addEventListener('open', function () { if (badge) { badge.textContent = 'live'; badge.className = 'live'; } });
  events.addEventListener('error', function () { if (badge) { badge.textContent = 'reconnecting'; badge.className = 'live off'; } });
  events.addEventListener('report', function (event) {
    var open = {};
    var details = main.querySelectorAll('details[id]');
    for (var i = 0; i < details.length; i++) if (details[i].open) open[details[i].id] = true;
    var scroll = window.scrollY;
    document.getElementById('report').innerHTML = event.data;
    for (var id in open) { var found = document.getElementById(id); if (found) found.open = true; }
    bind();
    window.scrollTo(0, scroll);
    main.setAttribute('data-updates', String(Number(main.getAttribute('data-updates') || '0') + 1));
  });
})();
`;

/** Options of {@link renderPage}. */
export interface PageOptions {
  readonly title: string;
  /** The live page: where its updates stream from (a URL relative to the page). */
  readonly events?: string;
}

/** A random nonce for the page's one script. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of a report: nothing from the network, only the page's own script, images and audio inline. */
export function contentSecurityPolicy(nonce: string, live: boolean): string {
  return `default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'${live ? "; connect-src 'self'" : ''}; base-uri 'none'; form-action 'none'`;
}

/** A whole page around a report's body: style and script inline, nothing loaded from anywhere. */
export function renderPage(body: Html, options: PageOptions, nonce = newNonce()): string {
  const live = options.events !== undefined;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, live)}">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title><style>${trusted(style)}</style></head>
<body><main${live ? html` data-events="${options.events}"` : ''}>${live ? html`<p><span id="live" class="live off">connecting</span></p>` : ''}<div id="report">${body}</div></main>
<script nonce="${nonce}">${trusted(script)}</script></body></html>
`.markup;
}
