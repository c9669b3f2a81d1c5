// @ts-check
/**
 * The playground page's script: a Chainlit client in plain browser JavaScript, on the socket.io
 * client the server serves. It handles each event as `@chainlit/react-client` does (see the
 * protocol). Everything the server sends becomes DOM nodes through `textContent`: no server text
 * is ever parsed as HTML (code blocks are highlighted by highlight.js, whose escaped output is
 * used only when it holds nothing but text and `<span class>`).
 *
 * With storage on (`dataPersistence` in `/project/settings`) it shows the chat history in a
 * sidebar (open, rename, delete, new chat) and feedback thumbs under answers, as the Chainlit UI.
 *
 * The page loads it as a module. Its settings come from the page's JSON block
 * (`#playground-config`): `socketPath`, the socket.io path, and `httpRoot`, the app's global
 * prefix ('' without one).
 */

/**
 * @import { Action, Ask, AskSpec, ChatElement, Child, ClientEvents, Command, Feedback,
 *   Highlighter, History, Leaf, MessageView, PageElements, Preferences, ServerEvents, Settings,
 *   Snapshot, Step, StepView, ThreadPage, ThreadSummary, View, Widget } from './types'
 * @import { Socket } from 'socket.io-client'
 */

/**
 * The page's settings, written by the server as JSON.
 * @returns {{ socketPath: string, httpRoot: string }}
 */
function readConfig() {
  const block = document.getElementById('playground-config');
  const parsed = JSON.parse((block && block.textContent) || '{}') || {};
  return {
    socketPath: typeof parsed.socketPath === 'string' ? parsed.socketPath : '/ws/socket.io',
    httpRoot: typeof parsed.httpRoot === 'string' ? parsed.httpRoot : '',
  };
}

const { socketPath: SOCKET_PATH, httpRoot: ROOT } = readConfig();
const STORE = 'nest-chat-playground:' + SOCKET_PATH;
/**
 * An element of the page, by its id.
 * @template {keyof PageElements} K
 * @param {K} id
 * @returns {PageElements[K]}
 */
const $ = (id) => /** @type {PageElements[K]} */ (document.getElementById(id));

// ---------------------------------------------------------------------------------------------
// Preferences (every tab, in localStorage): the theme chosen, the history sidebar's state.

const PREFERENCES = 'nest-chat-playground:preferences';

/** @returns {Preferences} */
function preferences() {
  try {
    const parsed = JSON.parse(localStorage.getItem(PREFERENCES) || '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** @param {Preferences} changes */
function prefer(changes) {
  try {
    localStorage.setItem(PREFERENCES, JSON.stringify({ ...preferences(), ...changes }));
  } catch {}
}

// The theme follows the system's until one is picked (the stylesheet's colours are light-dark()
// pairs: the root's color-scheme chooses).
const systemDark = matchMedia('(prefers-color-scheme: dark)');
function applyTheme() {
  const chosen = preferences().theme;
  const root = document.documentElement;
  if (chosen === 'light' || chosen === 'dark') root.dataset.theme = chosen;
  else delete root.dataset.theme;
  const dark = chosen === 'dark' || (chosen !== 'light' && systemDark.matches);
  $('theme').setAttribute('aria-pressed', String(dark));
  $('theme').title = dark ? 'Dark theme (on): switch to light' : 'Dark theme (off): switch to dark';
}
applyTheme();
systemDark.addEventListener('change', applyTheme);
$('theme').addEventListener('click', () => {
  prefer({ theme: $('theme').getAttribute('aria-pressed') === 'true' ? 'light' : 'dark' });
  applyTheme();
});

/** Loads the socket.io client the server serves at the socket's path (it defines `io`). */
/** @returns {Promise<void>} */
function loadSocketClient() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SOCKET_PATH + '/socket.io.js';
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () =>
      reject(new Error('could not load the socket.io client')),
    );
    document.head.append(script);
  });
}

try {
  await loadSocketClient();
} catch (error) {
  $('state').dataset.state = 'error';
  $('state').textContent = 'error: ' + /** @type {Error} */ (error).message;
  throw error;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: attributes and children are set as properties, attributes and text nodes only.

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'open', 'multiple', 'selected']);

/**
 * A new element: `class` sets its class, `on<event>` adds a listener, the names in PROPS set
 * properties, the rest attributes (true as ''); undefined, null and false set nothing.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) /** @type {any} */ (node)[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  // (Typed after flattening: flat(Infinity) on the recursive Child type is too deep for tsc.)
  const flat = /** @type {Leaf[]} */ (/** @type {unknown[]} */ (children).flat(Infinity));
  for (const child of flat) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** The page's icons: 24×24 stroked paths. */
const ICONS = {
  copy: 'M11 9h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-8a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2zM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  thumb:
    'M7 10v11H3V10zM7 10l4-7a2.5 2.5 0 0 1 2.5 3L13 9h6a2 2 0 0 1 2 2.4l-1.5 7.8A2 2 0 0 1 17.5 21H7',
  comment: 'M4 5h16v11H9l-5 4z',
  pencil: 'M4 20l1-4L16 5l3 3L8 19zM14 7l3 3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
};

/**
 * An icon (hidden from assistive technology: its button says what it does).
 * @param {keyof typeof ICONS} name
 * @param {string} [transform]
 */
function icon(name, transform) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  const attrs = {
    width: '16',
    height: '16',
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
    focusable: 'false',
  };
  for (const [key, value] of Object.entries(attrs)) svg.setAttribute(key, value);
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', ICONS[name]);
  if (transform) path.setAttribute('transform', transform);
  svg.append(path);
  return svg;
}

/** @returns {string} */
function uuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
}

const now = () => new Date().toISOString();

/** A URL the page may load or link to: http(s), same-origin paths, blob:, and data: for media. */
/**
 * @param {unknown} url
 * @param {boolean} [allowData]
 */
function safeUrl(url, allowData) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url, location.href);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'blob:') return u.href;
    if (allowData && u.protocol === 'data:') return u.href;
  } catch {}
  return null;
}

// ---------------------------------------------------------------------------------------------
// Markdown: a small, safe subset, built as DOM nodes.

const FENCE = /^\s*(`{3,}|~{3,})\s*([\w#+.-]*)/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const INLINE = new RegExp(
  [
    '(`+)([\\s\\S]*?[^`])\\1(?!`)', // 1, 2: code
    '\\*\\*([^\\s*](?:[\\s\\S]*?[^\\s])?)\\*\\*', // 3: bold
    '(?<!\\w)__([^\\s_](?:[\\s\\S]*?[^\\s])?)__(?!\\w)', // 4: bold
    '\\*([^\\s*](?:[\\s\\S]*?[^\\s*])?)\\*', // 5: italic
    '(?<!\\w)_([^\\s_](?:[\\s\\S]*?[^\\s_])?)_(?!\\w)', // 6: italic
    '~~([^\\s~](?:[\\s\\S]*?[^\\s~])?)~~', // 7: strikethrough
    '\\[([^\\]\\n]+)\\]\\(\\s*<?([^()\\s<>]+)>?(?:\\s+"[^"]*")?\\s*\\)', // 8, 9: link
    '\\bhttps?:\\/\\/[^\\s<>()]*[^\\s<>().,;:!?\'"]', // bare URL
  ].join('|'),
);

/** @param {string} line */
const startsBlock = (line) =>
  FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);

/**
 * A link that opens in a new tab, for http(s) URLs only.
 * @param {string} href
 * @param {Child} label
 */
function link(href, label) {
  return /^https?:\/\//i.test(href) && safeUrl(href)
    ? el('a', { href: safeUrl(href), target: '_blank', rel: 'noopener noreferrer' }, label)
    : null;
}

/** Plain text: line breaks become <br>, names of side elements become buttons that open them. */
/**
 * @typedef {{ name: string, open: () => void }} Ref The name of a side element, and what opens it.
 * @param {string} text
 * @param {Ref[]} [refs]
 * @returns {(Node | string)[]}
 */
function plain(text, refs) {
  /** @type {(Node | string)[]} */
  const out = [];
  let rest = text;
  while (rest) {
    /** @type {{ at: number, ref: Ref } | null} */
    let hit = null;
    for (const ref of refs || []) {
      const at = ref.name ? rest.indexOf(ref.name) : -1;
      if (
        at >= 0 &&
        (!hit || at < hit.at || (at === hit.at && ref.name.length > hit.ref.name.length))
      )
        hit = { at, ref };
    }
    const chunk = hit ? rest.slice(0, hit.at) : rest;
    chunk.split('\n').forEach((line, i) => {
      if (i > 0) out.push(el('br'));
      if (line) out.push(line);
    });
    if (!hit) break;
    const { ref } = hit;
    out.push(el('button', { type: 'button', class: 'ref', onclick: ref.open }, ref.name));
    rest = rest.slice(hit.at + ref.name.length);
  }
  return out;
}

/**
 * Inline markdown: code, bold, italic, strikethrough, links and bare URLs.
 * @param {string} text
 * @param {Ref[]} [refs]
 * @returns {(Node | string)[]}
 */
function inline(text, refs) {
  /** @type {(Node | string)[]} */
  const out = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(...plain(rest, refs));
      break;
    }
    if (m.index > 0) out.push(...plain(rest.slice(0, m.index), refs));
    rest = rest.slice(m.index + m[0].length);
    if (m[1]) out.push(el('code', null, m[2].replace(/^ (.*) $/, '$1')));
    else if (m[3] || m[4]) out.push(el('strong', null, inline(m[3] || m[4], refs)));
    else if (m[5] || m[6]) out.push(el('em', null, inline(m[5] || m[6], refs)));
    else if (m[7]) out.push(el('del', null, inline(m[7], refs)));
    else if (m[8]) out.push(link(m[9], inline(m[8], refs)) || m[0]);
    else out.push(link(m[0], m[0]) || m[0]);
  }
  return out;
}

/**
 * Puts text on the clipboard: the Clipboard API, or (where the page is not a secure context, as
 * on a LAN address over http) a selected textarea and the copy command.
 * @param {string} text
 * @returns {Promise<void>}
 */
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = el('textarea', { value: text, readonly: true, class: 'offscreen' });
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('this browser refused to copy');
}

/**
 * A Copy button: its label says "Copied" for a moment once the text is on the clipboard.
 * @param {() => string} text what it copies, read on each click
 * @param {string} title
 */
function copyButton(text, title) {
  const label = el('span', { class: 'copy-label' }, 'Copy');
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const button = el('button', { type: 'button', class: 'copy', title }, icon('copy'), label);
  button.addEventListener('click', () => {
    copyText(text()).then(
      () => {
        label.textContent = 'Copied';
        button.classList.add('copied');
        button.replaceChild(icon('check'), /** @type {Node} */ (button.firstChild));
        clearTimeout(timer);
        timer = setTimeout(() => {
          label.textContent = 'Copy';
          button.classList.remove('copied');
          button.replaceChild(icon('copy'), /** @type {Node} */ (button.firstChild));
        }, 1500);
      },
      (error) => toast('Could not copy: ' + /** @type {Error} */ (error).message, 'error'),
    );
  });
  return button;
}

// ---------------------------------------------------------------------------------------------
// Code highlighting: highlight.js, loaded from the server once the page shows code.

/** @type {Highlighter | null} */
let highlighter = null;
/** @type {Promise<Highlighter | null> | null} */
let highlighterLoading = null;

/** @returns {Promise<Highlighter | null>} */
function loadHighlighter() {
  highlighterLoading ??= import(new URL('./highlight/index.js', import.meta.url).href).then(
    (module) => (highlighter = /** @type {Highlighter} */ (module.default)),
    () => null, // no highlighting, the code still shows
  );
  return highlighterLoading;
}

/**
 * The nodes of highlight.js's output, if it holds only text and `<span class>` (it escapes the
 * code it is given; this checks that it did).
 * @param {string} html
 * @returns {DocumentFragment | null}
 */
function highlightedNodes(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of template.content.querySelectorAll('*')) {
    if (node.tagName !== 'SPAN' || [...node.attributes].some((a) => a.name !== 'class'))
      return null;
  }
  return template.content;
}

/**
 * Colours the code of a code block, in a language highlight.js knows (by name or alias).
 * @param {HTMLElement} node the `<code>` element, which shows the code as text until then
 * @param {string} code
 * @param {string} language
 */
function highlight(node, code, language) {
  const colour = () => {
    if (!highlighter || !highlighter.getLanguage(language)) return;
    let html;
    try {
      html = highlighter.highlight(code, { language, ignoreIllegals: true }).value;
    } catch {
      return;
    }
    const nodes = highlightedNodes(html);
    if (!nodes) return;
    node.replaceChildren(nodes);
    node.classList.add('hljs');
  };
  if (highlighter) colour();
  else void loadHighlighter().then(colour);
}

/**
 * @param {string} code
 * @param {string} [language]
 */
function codeBlock(code, language) {
  const node = el('code', null, code);
  if (language && language !== 'text') highlight(node, code, language.toLowerCase());
  return el(
    'div',
    { class: 'codeblock' },
    el(
      'div',
      { class: 'codebar' },
      el('span', null, language || 'text'),
      copyButton(() => code, 'Copy the code'),
    ),
    el('pre', null, node),
  );
}

/**
 * The list that starts at `lines[i]`, and the index of the line after it.
 * @param {string[]} lines
 * @param {number} i
 * @param {Ref[]} [refs]
 * @returns {[HTMLOListElement | HTMLUListElement, number]}
 */
function listBlock(lines, i, refs) {
  const first = /** @type {RegExpExecArray} */ (ITEM.exec(lines[i]));
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const list = el(ordered ? 'ol' : 'ul');
  if (ordered && parseInt(first[2], 10) !== 1)
    /** @type {HTMLOListElement} */ (list).start = parseInt(first[2], 10);
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || m[1].length > indent + 1 || /\d/.test(m[2]) !== ordered) break;
    const inner = m[0].length - m[3].length;
    const body = [m[3]];
    i++;
    while (i < lines.length) {
      const line = lines[i];
      const lead = line.length - line.trimStart().length;
      if (!line.trim()) {
        let next = i + 1;
        while (next < lines.length && !lines[next].trim()) next++;
        const nextLine = lines[next] || '';
        if (next < lines.length && nextLine.length - nextLine.trimStart().length > indent) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      if (ITEM.test(line) && lead <= indent + 1) break;
      if (lead > indent) body.push(line.slice(Math.min(lead, inner)));
      else if (!startsBlock(line)) body.push(line.trim());
      else break;
      i++;
    }
    const simple = body.every((line) => line.trim() && !startsBlock(line));
    list.append(
      el('li', null, simple ? inline(body.join('\n'), refs) : blocks(body.join('\n'), refs)),
    );
  }
  return [list, i];
}

/**
 * Block markdown: fenced code, headings, rules, quotes, lists and paragraphs.
 * @param {unknown} text
 * @param {Ref[]} [refs]
 * @returns {HTMLElement[]}
 */
function blocks(text, refs) {
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  /** @type {HTMLElement[]} */
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if ((m = FENCE.exec(line))) {
      const fence = m[1];
      /** @type {string[]} */
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence)) body.push(lines[i++]);
      // Not closed yet (still streaming): the line after its last newline has not come yet.
      if (i >= lines.length && body.length > 0 && body[body.length - 1] === '') body.pop();
      i++;
      out.push(codeBlock(body.join('\n'), m[2]));
    } else if (!line.trim()) {
      i++;
    } else if ((m = HEADING.exec(line))) {
      const tag = /** @type {'h3' | 'h4' | 'h5' | 'h6'} */ ('h' + Math.min(6, m[1].length + 2));
      out.push(el(tag, null, inline(m[2], refs)));
      i++;
    } else if (RULE.test(line)) {
      out.push(el('hr'));
      i++;
    } else if (QUOTE.test(line)) {
      /** @type {string[]} */
      const body = [];
      while (i < lines.length && QUOTE.test(lines[i]))
        body.push(lines[i++].replace(/^\s*>\s?/, ''));
      out.push(el('blockquote', null, blocks(body.join('\n'), refs)));
    } else if (ITEM.test(line)) {
      const [list, next] = listBlock(lines, i, refs);
      out.push(list);
      i = next;
    } else {
      const para = [lines[i++]];
      while (i < lines.length && lines[i].trim() && !startsBlock(lines[i])) para.push(lines[i++]);
      out.push(el('p', null, inline(para.join('\n'), refs)));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// State

/** @returns {Snapshot} */
function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || '{}') || {};
  } catch {
    return {};
  }
}
const saved = load();
let sessionId = typeof saved.sessionId === 'string' ? saved.sessionId : uuid();
let threadId = typeof saved.threadId === 'string' ? saved.threadId : '';

/** @type {Map<string, Step>} id -> step, in arrival order */
const steps = new Map();
/** @type {Map<string, View>} id -> its view */
const views = new Map();
/** @type {Map<string, ChatElement>} id -> element */
const elements = new Map();
/** @type {Map<string, HTMLElement>} id -> its DOM node */
const elementNodes = new Map();
/** @type {Map<string, Action>} id -> action */
const actions = new Map();
/** @type {Ask | null} */
let ask = null;
let busy = false;
let connected = false;
let tokens = Number(saved.tokens) || 0;
/** @type {Command[]} */
let commands = [];
/** @type {Settings} */
let settings = { widgets: [], values: {} };
/** @type {{ id: string, name: string }[]} files uploaded for the next message */
let attachments = [];
/** @type {History} */
const history = {
  enabled: false,
  threads: [],
  cursor: null,
  hasNext: false,
  search: '',
  loading: false,
  error: '',
  request: 0,
};

let saveTimer = 0;
function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 200);
}
function saveNow() {
  clearTimeout(saveTimer);
  const snapshot = {
    sessionId,
    threadId,
    tokens,
    steps: [...steps.values()],
    elements: [...elements.values()],
    actions: [...actions.values()],
    settings,
    commands,
  };
  try {
    sessionStorage.setItem(STORE, JSON.stringify(snapshot));
  } catch {}
}
// A reload or a closed tab soon after a change still keeps it: what is pending is written now.
addEventListener('pagehide', saveNow);

// ---------------------------------------------------------------------------------------------
// Layout

const log = $('log');
const scroller = $('scroll');
const input = $('input');
const sendButton = $('send');

const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
const toBottom = () => (scroller.scrollTop = scroller.scrollHeight);
// Follow the conversation while the reader is at its end (images and panels grow it late too).
let stuck = true;
scroller.addEventListener('scroll', () => (stuck = nearBottom()), { passive: true });
new ResizeObserver(() => stuck && toBottom()).observe(log);

/**
 * @param {unknown} message
 * @param {string} [type] info, success, warning or error
 */
function toast(message, type) {
  if (!message) return;
  const kind = ['info', 'success', 'warning', 'error'].includes(/** @type {string} */ (type))
    ? type
    : 'info';
  const node = el(
    'div',
    { class: 'toast ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    el('span', null, String(message)),
    el(
      'button',
      { type: 'button', class: 'x', title: 'Dismiss', onclick: () => node.remove() },
      '×',
    ),
  );
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 9000 : 5000);
}

/**
 * @param {string} state connecting, connected, reconnecting, disconnected or error
 * @param {string} [detail]
 */
function setConnection(state, detail) {
  const badge = $('state');
  badge.dataset.state = state;
  badge.textContent = detail ? state + ': ' + detail : state;
  badge.title = state === 'error' || state === 'disconnected' ? 'Click to reconnect' : '';
  connected = state === 'connected';
  refreshComposer();
}

/** @param {boolean} value */
function setBusy(value) {
  busy = value;
  $('busy').hidden = !busy;
  $('stop').hidden = !busy;
  refreshComposer();
}

function refreshComposer() {
  const blocked = !!ask && (ask.spec.type === 'action' || ask.spec.type === 'file');
  const answering = !!ask && ask.spec.type === 'text';
  sendButton.disabled = !connected || blocked || (busy && !answering);
  input.placeholder = answering
    ? 'Type your answer…'
    : blocked
      ? 'Answer the question above first'
      : 'Send a message';
  $('attach').disabled = !connected || answering || blocked;
}

// ---------------------------------------------------------------------------------------------
// Messages and steps

/** @param {Step} step */
const isMessage = (step) => (step.type || '').endsWith('_message');

/**
 * @param {Step} step a message
 * @returns {'user' | 'system' | 'assistant'}
 */
const roleOf = (step) =>
  step.type === 'user_message' ? 'user' : step.type === 'system_message' ? 'system' : 'assistant';

/**
 * @param {Step} step
 * @returns {View}
 */
function createView(step) {
  if (isMessage(step)) {
    const view = /** @type {MessageView} */ ({
      kind: 'message',
      author: el('div', { class: 'author' }),
      avatar: el('div', { class: 'avatar', 'aria-hidden': 'true' }),
      body: el('div', { class: 'body md' }),
      elements: el('div', { class: 'elements' }),
      actions: el('div', { class: 'actions' }),
      bar: el('div', { class: 'msgbar', hidden: true }),
      kids: el('div', { class: 'kids' }),
    });
    view.bubble = el(
      'div',
      { class: 'bubble' },
      view.author,
      view.body,
      view.elements,
      view.actions,
      view.bar,
    );
    view.root = el('article', { 'data-id': step.id }, view.avatar, view.bubble, view.kids);
    return view;
  }
  const view = /** @type {StepView} */ ({
    kind: 'step',
    icon: el('span', { class: 'kind' }),
    name: el('span', { class: 'name' }),
    status: el('span', { class: 'status' }),
    input: el('div', { class: 'io input' }),
    output: el('div', { class: 'io output' }),
    elements: el('div', { class: 'elements' }),
    actions: el('div', { class: 'actions' }),
    kids: el('div', { class: 'kids' }),
  });
  view.summary = el('summary', null, view.icon, view.name, view.status);
  view.root = el(
    'details',
    { 'data-id': step.id, open: !!step.defaultOpen },
    view.summary,
    el(
      'div',
      { class: 'stepbody' },
      view.input,
      view.kids,
      view.output,
      view.elements,
      view.actions,
    ),
  );
  return view;
}

/** @param {Step} step */
function upsert(step) {
  if (!step || typeof step.id !== 'string') return;
  const stick = nearBottom();
  // An update carries no feedback: the one given stays.
  const before = steps.get(step.id);
  steps.set(step.id, { ...step, feedback: step.feedback || (before && before.feedback) });
  let view = views.get(step.id);
  if (!view) {
    view = createView(step);
    views.set(step.id, view);
    const parent = step.parentId && views.get(step.parentId);
    (parent ? parent.kids : log).append(view.root);
    paintAttachments(step.id);
  }
  paint(step.id);
  if (stick) toBottom();
  save();
}

/**
 * Side and page elements of a message: their names in its text open them.
 * @param {string} id
 * @returns {Ref[]}
 */
function refsOf(id) {
  return [...elements.values()]
    .filter((e) => e.forId === id && e.display !== 'inline' && e.name)
    .map((e) => ({ name: /** @type {string} */ (e.name), open: () => openSide(e) }));
}

/** @param {Step} step */
function durationOf(step) {
  // (A missing time parses as NaN, and NaN is no duration.)
  const ms =
    Date.parse(/** @type {string} */ (step.end)) - Date.parse(/** @type {string} */ (step.start));
  if (!(ms >= 0)) return '';
  return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
}

/** @param {string} id */
function paint(id) {
  const step = steps.get(id);
  const view = views.get(id);
  if (!step || !view) return;
  if (view.kind === 'message') {
    const role = roleOf(step);
    view.root.className =
      'msg ' + role + (step.isError ? ' error' : '') + (step.streaming ? ' streaming' : '');
    view.root.dataset.type = /** @type {string} */ (step.type);
    view.author.textContent = step.name || '';
    if (role !== 'user') paintAvatar(view, step);
    const text = typeof step.output === 'string' ? step.output : '';
    if (role === 'user') {
      const command = step.command
        ? [el('span', { class: 'cmdtag' }, '/' + step.command), ' ']
        : [];
      view.body.replaceChildren(...command, ...plain(text));
    } else if (step.language) view.body.replaceChildren(codeBlock(text, step.language));
    else view.body.replaceChildren(...blocks(text, refsOf(id)));
    paintBar(view, step, role);
    return;
  }
  const running = !step.end;
  view.root.className =
    'step ' +
    (step.type || 'undefined') +
    (step.isError ? ' error' : '') +
    (running ? ' running' : '');
  view.root.dataset.type = step.type || 'undefined';
  view.icon.textContent = step.type && step.type !== 'undefined' ? step.type : 'step';
  view.name.textContent = step.name || step.type || 'step';
  view.status.textContent = step.isError ? 'failed' : running ? 'running' : durationOf(step);
  const showInput = step.showInput !== false && typeof step.input === 'string' && step.input !== '';
  view.input.hidden = !showInput;
  if (showInput) {
    const language = typeof step.showInput === 'string' ? step.showInput : '';
    view.input.replaceChildren(
      el('div', { class: 'label' }, 'Input'),
      language && language !== 'text'
        ? codeBlock(/** @type {string} */ (step.input), language)
        : el('div', { class: 'md' }, blocks(step.input)),
    );
  }
  const output = typeof step.output === 'string' ? step.output : '';
  view.output.hidden = output === '';
  view.output.replaceChildren(
    el('div', { class: 'label' }, step.isError ? 'Error' : 'Output'),
    step.language
      ? codeBlock(output, step.language)
      : el('div', { class: 'md' }, blocks(output, refsOf(id))),
  );
}

/**
 * The author's avatar, as the Chainlit UI shows it: `/avatars/<metadata.avatarName or name>`
 * (the app's own from its `avatarsDir`, else the default one); the initial if it fails to load.
 * @param {MessageView} view
 * @param {Step} step
 */
function paintAvatar(view, step) {
  const named = step.metadata && step.metadata.avatarName;
  const author = (typeof named === 'string' && named) || step.name || 'default';
  if (view.avatarOf === author) return;
  view.avatarOf = author;
  const initial = author.trim().charAt(0).toUpperCase() || '?';
  view.avatar.replaceChildren(
    el('img', {
      src: ROOT + '/avatars/' + encodeURIComponent(author),
      alt: '',
      width: 32,
      height: 32,
      onerror: () => view.avatarOf === author && view.avatar.replaceChildren(initial),
    }),
  );
}

/**
 * The bar under a complete answer: Copy, and (with storage on, in a stored thread) the feedback
 * thumbs, pressed as given, with the comment's button when there is one.
 * @param {MessageView} view
 * @param {Step} step
 * @param {string} role
 */
function paintBar(view, step, role) {
  const shown = role === 'assistant' && !step.streaming && !step.waitForAnswer && !!step.output;
  const rate = shown && history.enabled && !!threadId;
  const feedback = rate ? step.feedback : undefined;
  const key = [shown, rate, feedback && feedback.value, feedback && feedback.comment].join('|');
  if (view.barKey === key) return;
  view.barKey = key;
  view.bar.hidden = !shown;
  if (!shown) return view.bar.replaceChildren();
  const id = step.id;
  const thumb = (/** @type {0 | 1} */ value) =>
    el(
      'button',
      {
        type: 'button',
        class: 'thumb ' + (value ? 'up' : 'down'),
        'aria-label': value ? 'Helpful' : 'Not helpful',
        'aria-pressed': String(!!feedback && feedback.value === value),
        title: value ? 'Helpful' : 'Not helpful',
        onclick: () => rateAnswer(id, value),
      },
      icon('thumb', value ? undefined : 'rotate(180 12 12)'),
    );
  /** @type {HTMLButtonElement[]} */
  const buttons = [copyButton(() => (steps.get(id) || {}).output || '', 'Copy the answer')];
  if (rate) buttons.push(thumb(1), thumb(0));
  if (feedback && feedback.comment) {
    buttons.push(
      el(
        'button',
        {
          type: 'button',
          class: 'thumb comment',
          'aria-label': 'Edit the feedback comment',
          title: feedback.comment,
          onclick: () => openFeedback(id, feedback.value),
        },
        icon('comment'),
      ),
    );
  }
  view.bar.replaceChildren(...buttons);
}

/** Paints every message's bar again (storage turned out on, or the thread changed). */
function paintBars() {
  for (const [id, view] of views) {
    const step = steps.get(id);
    if (view.kind !== 'message' || !step) continue;
    paintBar(view, step, roleOf(step));
  }
}

/** @type {Set<string>} the steps to paint at the next flush */
const dirty = new Set();
let flushTimer = 0;
/** @param {string} id */
function schedule(id) {
  dirty.add(id);
  if (!flushTimer) flushTimer = setTimeout(flush, 30);
}
function flush() {
  flushTimer = 0;
  const stick = nearBottom();
  for (const id of dirty) paint(id);
  dirty.clear();
  if (stick) toBottom();
  save();
}

/** @param {string} id */
function removeStep(id) {
  const view = views.get(id);
  if (!view) return;
  for (const [other, v] of views) {
    if (view.root.contains(v.root)) {
      views.delete(other);
      steps.delete(other);
    }
  }
  view.root.remove();
  save();
}

// ---------------------------------------------------------------------------------------------
// Elements and actions

/** @param {unknown} size */
function describeSize(size) {
  if (typeof size !== 'number') return '';
  return size < 1024
    ? size + ' B'
    : size < 1048576
      ? (size / 1024).toFixed(1) + ' KB'
      : (size / 1048576).toFixed(1) + ' MB';
}

/**
 * @param {ChatElement} e
 * @returns {HTMLElement}
 */
function elementNode(e) {
  const isImage = e.type === 'image';
  const url = safeUrl(e.url, isImage || e.type === 'audio' || e.type === 'video');
  const box = el('figure', {
    class: 'element ' + e.type + (typeof e.size === 'string' ? ' size-' + e.size : ''),
    'data-element': e.id,
  });
  const caption = el('figcaption', null, e.name || e.type);
  if (e.type === 'text') {
    // Markdown is rendered (safely, as messages are); any other text is shown as it is.
    const markdown =
      !e.language && (e.mime === 'text/markdown' || /\.(md|markdown)$/i.test(e.name || ''));
    const pre = el(markdown ? 'div' : 'pre', { class: markdown ? 'text md' : 'text' }, 'Loading…');
    const show = (/** @type {string} */ text) =>
      e.language
        ? pre.replaceChildren(codeBlock(text, e.language))
        : markdown
          ? pre.replaceChildren(...blocks(text))
          : (pre.textContent = text);
    if (typeof e.content === 'string') show(e.content);
    else if (!url) pre.textContent = '(no content)';
    else
      fetch(url, { credentials: 'same-origin' })
        .then((res) => (res.ok ? res.text() : Promise.reject(new Error('HTTP ' + res.status))))
        .then(show)
        .catch(
          (error) =>
            (pre.textContent = 'Could not load ' + (e.name || 'the text') + ': ' + error.message),
        );
    box.append(caption, pre);
    return box;
  }
  if (!url) {
    box.append(el('span', { class: 'muted' }, (e.name || e.type) + ' (no URL)'));
    return box;
  }
  if (isImage) {
    box.append(
      el('img', { src: url, alt: e.name || '', loading: 'lazy', onclick: () => openSide(e) }),
      caption,
    );
  } else if (e.type === 'audio' || e.type === 'video') {
    box.append(
      caption,
      el(e.type, { src: url, controls: true, preload: 'metadata', autoplay: !!e.autoPlay }),
    );
  } else if (e.type === 'pdf') {
    box.append(
      caption,
      el(
        'object',
        { data: url, type: e.mime || 'application/pdf' },
        el(
          'a',
          { href: url, target: '_blank', rel: 'noopener noreferrer' },
          'Open ' + (e.name || 'the PDF'),
        ),
      ),
    );
  } else {
    const label =
      (e.name || 'download') + (describeSize(e.size) ? ' (' + describeSize(e.size) + ')' : '');
    box.append(
      el(
        'a',
        { class: 'file', href: url, download: e.name || true, rel: 'noopener' },
        '⬇ ' + label,
      ),
    );
  }
  return box;
}

/** @param {ChatElement} e */
function openSide(e) {
  $('side-title').textContent = e.name || e.type;
  $('side-body').replaceChildren(elementNode(e));
  const side = $('side');
  side.classList.toggle('page', e.display === 'page');
  side.hidden = false;
}

/**
 * Paints a message's or step's elements and action buttons.
 * @param {string | undefined} id
 */
function paintAttachments(id) {
  const view = views.get(/** @type {string} */ (id));
  if (!view) return;
  /** @type {HTMLElement[]} */
  const inlineNodes = [];
  /** @type {HTMLElement[]} */
  const chips = [];
  const text = (steps.get(/** @type {string} */ (id)) || {}).output || '';
  for (const e of elements.values()) {
    if (e.forId !== id) continue;
    if (e.display === 'inline' || !e.display) {
      if (!elementNodes.has(e.id)) elementNodes.set(e.id, elementNode(e));
      inlineNodes.push(/** @type {HTMLElement} */ (elementNodes.get(e.id)));
    } else if (!text.includes(/** @type {string} */ (e.name))) {
      chips.push(
        el(
          'button',
          { type: 'button', class: 'ref chip', onclick: () => openSide(e) },
          '↗ ' + (e.name || e.type),
        ),
      );
    }
  }
  view.elements.replaceChildren(...inlineNodes, ...chips);
  const buttons = [...actions.values()].filter((a) => a.forId === id).map(actionButton);
  view.actions.replaceChildren(...buttons);
}

/** @param {Action} action */
function actionButton(action) {
  const asking = !!ask && ask.spec.type === 'action';
  const keys = (ask && ask.spec.keys) || [];
  const wanted = asking && keys.includes(action.id);
  const button = el(
    'button',
    {
      type: 'button',
      class: 'action' + (wanted ? ' wanted' : ''),
      title: action.tooltip || undefined,
      'data-action': action.id,
      disabled: asking && !wanted,
    },
    action.label || action.name,
  );
  button.addEventListener('click', () => runAction(action, button));
  return button;
}

/**
 * @param {Action} action
 * @param {HTMLButtonElement} button
 */
async function runAction(action, button) {
  if (ask && ask.spec.type === 'action' && (ask.spec.keys || []).includes(action.id)) {
    answerAsk(action);
    return;
  }
  button.disabled = true;
  try {
    const res = await fetch(ROOT + '/project/action', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ sessionId, action }),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(detailOf(body, res));
    if (body && typeof body.response === 'string' && body.response) toast(body.response, 'success');
  } catch (error) {
    toast(/** @type {Error} */ (error).message, 'error');
  } finally {
    button.disabled = false;
  }
}

/**
 * What a failed request says: its `detail`, else its status.
 * @param {any} body
 * @param {Response} res
 */
function detailOf(body, res) {
  const detail = body && body.detail;
  if (typeof detail === 'string' && detail) return detail;
  if (detail) return JSON.stringify(detail);
  return 'Request failed (HTTP ' + res.status + ')';
}

/** @param {ChatElement} e */
function addElement(e) {
  if (!e || typeof e.id !== 'string') return;
  if (!e.url && e.chainlitKey) {
    e.url =
      ROOT +
      '/project/file/' +
      encodeURIComponent(e.chainlitKey) +
      '?session_id=' +
      encodeURIComponent(sessionId);
  }
  const before = elements.get(e.id);
  elementNodes.get(e.id)?.remove();
  elementNodes.delete(e.id);
  elements.set(e.id, e);
  if (e.forId && views.has(e.forId)) {
    paintAttachments(e.forId);
    paint(e.forId);
  } else if (!e.forId) {
    const node = elementNode(e);
    elementNodes.set(e.id, node);
    log.append(el('div', { class: 'loose' }, node));
  }
  if (before && before.forId && before.forId !== e.forId) paintAttachments(before.forId);
  save();
}

/** @param {string} id */
function removeElement(id) {
  const e = elements.get(id);
  elements.delete(id);
  const node = elementNodes.get(id);
  elementNodes.delete(id);
  if (node)
    (node.parentElement && node.parentElement.className === 'loose'
      ? node.parentElement
      : node
    ).remove();
  if (e && e.forId) {
    paintAttachments(e.forId);
    paint(e.forId);
  }
  save();
}

// ---------------------------------------------------------------------------------------------
// Asks

/**
 * The types a file ask accepts: MIME types (`image/*` too) and extensions.
 * @param {AskSpec['accept']} accept
 * @returns {string[]}
 */
function acceptList(accept) {
  if (!accept) return [];
  if (typeof accept === 'string') return accept.split(',');
  if (Array.isArray(accept)) return accept.map(String);
  return Object.entries(accept).flatMap(([mime, exts]) => [
    mime,
    ...(Array.isArray(exts) ? exts : []),
  ]);
}

/**
 * @param {File} file
 * @param {string[]} list
 */
function accepts(file, list) {
  if (!list.length) return true;
  const name = file.name.toLowerCase();
  const type = (file.type || '').toLowerCase();
  return list.some((raw) => {
    const a = raw.trim().toLowerCase();
    if (!a) return false;
    if (a.startsWith('.')) return name.endsWith(a);
    if (a.endsWith('/*')) return type.startsWith(a.slice(0, -1));
    return type === a;
  });
}

/**
 * Uploads a file for the session; the server answers with its id (and more, for an ask).
 * @param {File} file
 * @param {string} [askParentId]
 * @returns {Promise<{ id: string }>}
 */
async function upload(file, askParentId) {
  const form = new FormData();
  form.append('file', file, file.name);
  let url = ROOT + '/project/file?session_id=' + encodeURIComponent(sessionId);
  if (askParentId) url += '&ask_parent_id=' + encodeURIComponent(askParentId);
  const res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin' });
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) throw new Error(file.name + ': ' + detailOf(body, res));
  return body;
}

/**
 * @param {Partial<Step>} msg
 * @param {AskSpec | undefined} spec
 * @param {(answer: unknown) => void} ack
 */
function startAsk(msg, spec, ack) {
  endAsk();
  ask = { msg, spec: spec || {}, ack };
  const banner = $('ask');
  const type = ask.spec.type;
  const text = el('span', { class: 'asktext' });
  const left = el('span', { class: 'countdown' });
  const deadline = Date.now() + (Number(ask.spec.timeout) || 0) * 1000;
  const tick = () => {
    const s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    left.textContent = /** @type {Ask} */ (ask).spec.timeout ? s + ' s' : '';
  };
  tick();
  ask.timer = setInterval(tick, 1000);
  banner.replaceChildren();
  if (type === 'text') {
    text.textContent = 'The assistant is waiting for your answer.';
    banner.append(text, left);
    input.focus();
  } else if (type === 'action') {
    text.textContent = 'Choose one of the buttons under the question.';
    banner.append(text, left);
  } else if (type === 'file') {
    const list = acceptList(ask.spec.accept);
    const maxFiles = Number(ask.spec.max_files) || 1;
    const maxMb = Number(ask.spec.max_size_mb) || 2;
    const picker = el('input', {
      type: 'file',
      id: 'ask-file',
      accept: list.join(',') || undefined,
      multiple: maxFiles > 1,
    });
    const go = el('button', { type: 'button', class: 'primary', disabled: true }, 'Upload');
    const progress = el('span', { class: 'muted' });
    const chosen = () => /** @type {FileList} */ (picker.files);
    picker.addEventListener('change', () => (go.disabled = chosen().length === 0));
    go.addEventListener('click', async () => {
      const files = [...chosen()];
      const problem =
        files.length > maxFiles
          ? 'Pick at most ' + maxFiles + ' file(s).'
          : files.find((f) => !accepts(f, list))
            ? /** @type {File} */ (files.find((f) => !accepts(f, list))).name +
              ' is not an accepted type (' +
              list.join(', ') +
              ').'
            : files.find((f) => f.size > maxMb * 1048576)
              ? /** @type {File} */ (files.find((f) => f.size > maxMb * 1048576)).name +
                ' is larger than ' +
                maxMb +
                ' MB.'
              : '';
      if (problem) return toast(problem, 'warning');
      // (The button goes with the ask: it is there only while this ask is.)
      const current = /** @type {Ask} */ (ask);
      go.disabled = picker.disabled = true;
      try {
        const answers = [];
        for (const [i, file] of files.entries()) {
          progress.textContent = 'Uploading ' + (i + 1) + '/' + files.length + '…';
          answers.push(await upload(file, current.spec.step_id || current.msg.id));
        }
        if (ask === current) answerAsk(answers);
      } catch (error) {
        toast(/** @type {Error} */ (error).message, 'error');
        go.disabled = picker.disabled = false;
        progress.textContent = '';
      }
    });
    const hint =
      'Up to ' +
      maxFiles +
      ' file(s)' +
      (list.length ? ' (' + list.join(', ') + ')' : '') +
      ', ' +
      maxMb +
      ' MB each.';
    text.textContent = 'The assistant asks for a file. ' + hint;
    banner.append(
      el(
        'div',
        { class: 'askfile' },
        el('div', null, text, left),
        el('div', { class: 'row' }, picker, go, progress),
      ),
    );
  } else {
    text.textContent = 'The playground cannot answer this kind of question (' + type + ').';
    banner.append(text, left);
  }
  banner.hidden = false;
  banner.dataset.type = /** @type {string} */ (type);
  repaintActions();
  refreshComposer();
}

/** @param {unknown} answer */
function answerAsk(answer) {
  const current = ask;
  if (!current) return;
  endAsk();
  current.ack(answer);
}

function endAsk() {
  if (!ask) return;
  clearInterval(ask.timer);
  ask = null;
  $('ask').hidden = true;
  $('ask').replaceChildren();
  repaintActions();
  refreshComposer();
}

function repaintActions() {
  const ids = new Set([...actions.values()].map((a) => a.forId));
  for (const id of ids) paintAttachments(id);
}

// ---------------------------------------------------------------------------------------------
// Chat settings

/**
 * A settings widget's row, and what reads the value it shows.
 * @param {Widget} w
 * @param {any} value
 * @returns {{ row: HTMLElement, read: () => unknown }}
 */
function settingsField(w, value) {
  const id = 'setting-' + w.id;
  const label = el('label', { for: id, title: w.tooltip || undefined }, w.label || w.id);
  /** @type {any} an input, select, textarea or span; a span brings its own read() */
  let field;
  if (w.type === 'select') {
    const items = Array.isArray(w.items)
      ? w.items
      : w.items && typeof w.items === 'object'
        ? Object.entries(w.items).map(([l, v]) => ({ label: l, value: v }))
        : (w.values || []).map((v) => ({ label: String(v), value: v }));
    field = el(
      'select',
      { id },
      items.map((item) => el('option', { value: String(item.value) }, String(item.label))),
    );
    field.value = String(value);
  } else if (w.type === 'switch') {
    field = el('input', { id, type: 'checkbox', checked: !!value, role: 'switch' });
  } else if (w.type === 'slider') {
    const out = el('output', null, String(value));
    const range = el('input', {
      id,
      type: 'range',
      min: w.min,
      max: w.max,
      step: w.step,
      value: String(value),
    });
    range.addEventListener('input', () => (out.textContent = range.value));
    field = el('span', { class: 'slider' }, range, out);
    field.read = () => Number(range.value);
  } else if (w.type === 'numberinput') {
    field = el('input', {
      id,
      type: 'number',
      min: w.min,
      max: w.max,
      step: w.step,
      value: value === undefined || value === null ? '' : String(value),
      placeholder: w.placeholder,
    });
  } else if (w.type === 'tags' && Array.isArray(w.values)) {
    const chosen = new Set(Array.isArray(value) ? value : []);
    const boxes = w.values.map((tag) =>
      el(
        'label',
        { class: 'tag' },
        el('input', { type: 'checkbox', value: tag, checked: chosen.has(tag) }),
        tag,
      ),
    );
    field = el('span', { class: 'tags', id }, boxes);
    field.read = () =>
      boxes
        .map((b) => /** @type {HTMLInputElement} */ (b.firstChild))
        .filter((b) => b.checked)
        .map((b) => b.value);
  } else if (w.type === 'tags') {
    field = el('input', {
      id,
      type: 'text',
      value: (Array.isArray(value) ? value : []).join(', '),
      placeholder: w.placeholder || 'comma, separated, tags',
    });
  } else if (w.multiline) {
    field = el('textarea', {
      id,
      rows: 3,
      placeholder: w.placeholder,
      value: value === undefined ? '' : String(value),
    });
  } else {
    field = el('input', {
      id,
      type: 'text',
      placeholder: w.placeholder,
      value: value === undefined ? '' : String(value),
    });
  }
  if (w.disabled) for (const f of [field, ...field.querySelectorAll('input')]) f.disabled = true;
  const read =
    field.read ||
    (() =>
      w.type === 'switch'
        ? field.checked
        : w.type === 'numberinput'
          ? field.value === '' || !isFinite(Number(field.value))
            ? value
            : Number(field.value)
          : w.type === 'tags'
            ? field.value
                .split(',')
                .map((/** @type {string} */ t) => t.trim())
                .filter(Boolean)
            : field.value);
  const row = el(
    'div',
    { class: 'field ' + w.type },
    label,
    field,
    w.description ? el('small', null, w.description) : null,
  );
  return { row, read };
}

function openSettings() {
  const form = $('settings-fields');
  const fields = settings.widgets.map((w) => {
    const value = w.id in settings.values ? settings.values[w.id] : w.initial;
    return { w, ...settingsField(w, value) };
  });
  form.replaceChildren(...fields.map((f) => f.row));
  // Each opening replaces the handler of the one before: it confirms this opening's fields.
  // oxlint-disable-next-line unicorn/prefer-add-event-listener
  $('settings-confirm').onclick = (event) => {
    event.preventDefault();
    /** @type {Record<string, unknown>} */
    const values = {};
    for (const f of fields) values[f.w.id] = f.read();
    settings.values = values;
    socket.emit('chat_settings_change', values);
    $('settings').close();
    save();
  };
  $('settings').showModal();
}

/** @param {Widget[] | undefined} widgets */
function setSettings(widgets) {
  settings = {
    widgets: Array.isArray(widgets) ? widgets : [],
    values: Object.fromEntries(
      (Array.isArray(widgets) ? widgets : []).map((w) => [w.id, w.initial]),
    ),
  };
  $('gear').hidden = settings.widgets.length === 0;
  save();
}

// ---------------------------------------------------------------------------------------------
// Commands

let picked = 0;
/** @param {Command[] | undefined} list */
function setCommands(list) {
  commands = Array.isArray(list) ? list.filter((c) => c && typeof c.id === 'string') : [];
  $('commands').replaceChildren(
    ...commands.map((c) =>
      el(
        'button',
        {
          type: 'button',
          class: 'cmd',
          title: c.description || undefined,
          onclick: () => useCommand(c),
        },
        '/' + c.id,
      ),
    ),
  );
  $('commands').hidden = commands.length === 0;
  suggest();
  save();
}

/** @param {Command} c */
function useCommand(c) {
  input.value = '/' + c.id + ' ';
  $('suggest').hidden = true;
  input.focus();
}

function matching() {
  const m = /^\/(\S*)$/.exec(input.value);
  return m ? commands.filter((c) => c.id.toLowerCase().startsWith(m[1].toLowerCase())) : [];
}

function suggest() {
  const list = matching();
  const box = $('suggest');
  box.hidden = list.length === 0;
  picked = Math.min(picked, Math.max(0, list.length - 1));
  box.replaceChildren(
    ...list.map((c, i) =>
      el(
        'li',
        {
          class: i === picked ? 'on' : '',
          onmousedown: (/** @type {MouseEvent} */ event) => (event.preventDefault(), useCommand(c)),
        },
        el('b', null, '/' + c.id),
        c.description ? el('span', null, c.description) : null,
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Sending

function send() {
  const text = input.value;
  if (ask && ask.spec.type === 'text') {
    if (!text.trim()) return;
    /** @type {Step} */
    const message = {
      id: uuid(),
      name: 'User',
      type: 'user_message',
      output: text,
      createdAt: now(),
    };
    if (ask.msg && ask.msg.parentId) message.parentId = ask.msg.parentId;
    upsert(message);
    answerAsk(message);
    input.value = '';
    autosize();
    return;
  }
  if (sendButton.disabled) return;
  let output = text;
  /** @type {Command | undefined} */
  let command;
  const m = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (m) {
    command = commands.find((c) => c.id === m[1]);
    if (command) output = m[2] || '';
  }
  if (!output.trim() && !command && attachments.length === 0) return;
  /** @type {Step} */
  const message = { id: uuid(), name: 'User', type: 'user_message', output, createdAt: now() };
  if (command) message.command = command.id;
  upsert(message);
  socket.emit('client_message', {
    message,
    fileReferences: attachments.map((f) => ({ id: f.id })),
  });
  attachments = [];
  paintAttachmentsBar();
  input.value = '';
  autosize();
  $('suggest').hidden = true;
}

function paintAttachmentsBar() {
  const bar = $('files');
  bar.hidden = attachments.length === 0;
  bar.replaceChildren(
    ...attachments.map((f) =>
      el(
        'span',
        { class: 'chip' },
        f.name,
        el(
          'button',
          {
            type: 'button',
            class: 'x',
            title: 'Remove',
            onclick: () => {
              attachments = attachments.filter((a) => a !== f);
              paintAttachmentsBar();
            },
          },
          '×',
        ),
      ),
    ),
  );
}

function autosize() {
  input.style.height = 'auto';
  input.style.height = Math.min(input.scrollHeight, 200) + 'px';
}

// ---------------------------------------------------------------------------------------------
// The app's HTTP routes

/**
 * A JSON request to one of the app's routes; throws what the answer's `detail` says if it fails.
 * @param {string} method
 * @param {string} path under the app's root
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function api(method, path, body) {
  const res = await fetch(ROOT + path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new Error(detailOf(answer, res));
  return answer;
}

// ---------------------------------------------------------------------------------------------
// Feedback: thumbs up or down on an answer, with an optional comment (storage on)

/** @type {{ id: string, value: 0 | 1 } | null} the answer and the thumb the dialog is for */
let rating = null;

/** @param {string} id */
function repaintBar(id) {
  const view = views.get(id);
  const step = steps.get(id);
  if (view && view.kind === 'message' && step) paintBar(view, step, roleOf(step));
}

/**
 * A thumb was clicked: the one already given takes the feedback back, the other asks for a
 * comment first (as the Chainlit UI does).
 * @param {string} id
 * @param {0 | 1} value
 */
function rateAnswer(id, value) {
  const given = (steps.get(id) || {}).feedback;
  if (given && given.value === value) void removeFeedback(id, given);
  else openFeedback(id, value);
}

/**
 * @param {string} id
 * @param {0 | 1} value
 */
function openFeedback(id, value) {
  rating = { id, value };
  const given = (steps.get(id) || {}).feedback;
  $('feedback-title').textContent = value
    ? 'Helpful: what was good?'
    : 'Not helpful: what went wrong?';
  $('feedback-comment').value = (given && given.value === value && given.comment) || '';
  $('feedback-error').textContent = '';
  $('feedback').showModal();
  $('feedback-comment').focus();
}

$('feedback-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const current = rating;
  const step = current && steps.get(current.id);
  if (!current || !step) return $('feedback').close();
  const comment = $('feedback-comment').value.trim() || undefined;
  $('feedback-submit').disabled = true;
  try {
    const { id, value } = current;
    const answer = await api('PUT', '/feedback', {
      feedback: { forId: id, threadId, value, comment, id: step.feedback && step.feedback.id },
    });
    /** @type {Feedback} */
    const feedback = { id: answer.feedbackId, forId: id, threadId, value, comment };
    step.feedback = feedback;
    $('feedback').close();
    repaintBar(id);
    save();
  } catch (error) {
    $('feedback-error').textContent = /** @type {Error} */ (error).message;
  } finally {
    $('feedback-submit').disabled = false;
  }
});
$('feedback-cancel').addEventListener('click', () => $('feedback').close());

/**
 * @param {string} id
 * @param {Feedback} given
 */
async function removeFeedback(id, given) {
  try {
    await api('DELETE', '/feedback', { feedbackId: given.id });
    const step = steps.get(id);
    if (step) delete step.feedback;
    repaintBar(id);
    save();
  } catch (error) {
    toast(/** @type {Error} */ (error).message, 'error');
  }
}

// ---------------------------------------------------------------------------------------------
// The chat history (storage on): a sidebar on a wide screen, a drawer on a phone

const PAGE_SIZE = 20;
const DAY = 86_400_000;
const phone = matchMedia('(max-width: 768px)');

/**
 * Loads the first page of the caller's threads (newest first), or the next one.
 * @param {boolean} [more]
 */
async function loadThreads(more) {
  if (!history.enabled) return;
  const request = ++history.request;
  history.loading = true;
  if (!more) paintHistory();
  try {
    /** @type {ThreadPage} */
    const page = await api('POST', '/project/threads', {
      pagination: { first: PAGE_SIZE, cursor: more ? history.cursor : null },
      filter: history.search ? { search: history.search } : {},
    });
    if (request !== history.request) return;
    const found = (Array.isArray(page.data) ? page.data : []).filter(
      (t) => t && typeof t.id === 'string',
    );
    const known = new Set(more ? history.threads.map((t) => t.id) : []);
    history.threads = [...(more ? history.threads : []), ...found.filter((t) => !known.has(t.id))];
    history.cursor = (page.pageInfo && page.pageInfo.endCursor) || null;
    history.hasNext = !!(page.pageInfo && page.pageInfo.hasNextPage);
    history.error = '';
  } catch (error) {
    if (request !== history.request) return;
    history.error = 'Could not load the chats: ' + /** @type {Error} */ (error).message;
  }
  history.loading = false;
  paintHistory();
}

/**
 * The group a thread is listed under, as in the Chainlit UI: Today, Yesterday, Previous 7 days,
 * Previous 30 days, then its month; and where the group comes in the list (`rank`, lowest first).
 * @param {string | undefined} createdAt
 * @param {Date} today the start of today, local time
 * @returns {{ label: string, rank: number }}
 */
function groupOf(createdAt, today) {
  const time = Date.parse(createdAt || '');
  if (!isFinite(time)) return { label: 'Older', rank: Infinity };
  const start = today.getTime();
  if (time >= start) return { label: 'Today', rank: 0 };
  if (time >= start - DAY) return { label: 'Yesterday', rank: 1 };
  if (time >= start - 7 * DAY) return { label: 'Previous 7 days', rank: 2 };
  if (time >= start - 30 * DAY) return { label: 'Previous 30 days', rank: 3 };
  const date = new Date(time);
  const monthsAgo =
    today.getFullYear() * 12 + today.getMonth() - (date.getFullYear() * 12 + date.getMonth());
  return {
    label: date.toLocaleDateString('en', { month: 'long', year: 'numeric' }),
    rank: 4 + monthsAgo,
  };
}

/** @param {ThreadSummary} thread */
const nameOf = (thread) => (thread.name || '').trim() || 'Untitled chat';

/** @param {ThreadSummary} thread */
function threadItem(thread) {
  const name = nameOf(thread);
  const current = thread.id === threadId;
  return el(
    'li',
    { class: 'thread' + (current ? ' current' : ''), 'data-thread': thread.id },
    el(
      'button',
      {
        type: 'button',
        class: 'thread-open',
        'data-role': 'open',
        'aria-current': current ? 'page' : undefined,
        title: name,
        onclick: () => openThread(thread.id),
      },
      name,
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'thread-act',
        'data-role': 'rename',
        'aria-label': 'Rename “' + name + '”',
        title: 'Rename',
        onclick: () => openRename(thread),
      },
      icon('pencil'),
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'thread-act',
        'data-role': 'delete',
        'aria-label': 'Delete “' + name + '”',
        title: 'Delete',
        onclick: () => openDelete(thread),
      },
      icon('trash'),
    ),
  );
}

function paintHistory() {
  if (!history.enabled) return;
  const list = $('history-list');
  list.setAttribute('aria-busy', String(history.loading));
  $('history-more').hidden = !history.hasNext || !!history.error;
  // The focus stays where it was: on the same button of the same thread, if it is still listed.
  const active = document.activeElement;
  const item = active && list.contains(active) ? active.closest('[data-thread]') : null;
  const at = item && [
    item.getAttribute('data-thread'),
    /** @type {HTMLElement} */ (active).dataset.role,
  ];
  if (history.error) {
    list.replaceChildren(el('p', { class: 'history-note error' }, history.error));
  } else if (history.threads.length === 0) {
    list.replaceChildren(
      el(
        'p',
        { class: 'history-note' },
        history.loading
          ? 'Loading…'
          : history.search
            ? 'No chat matches your search.'
            : 'No chats yet: a chat is listed here once you send it a message.',
      ),
    );
  } else {
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    /** @type {Map<string, { rank: number, threads: ThreadSummary[] }>} */
    const groups = new Map();
    for (const thread of history.threads) {
      const { label, rank } = groupOf(thread.createdAt, today);
      const group = groups.get(label) || { rank, threads: [] };
      group.threads.push(thread);
      groups.set(label, group);
    }
    list.replaceChildren(
      ...[...groups]
        .sort(([, a], [, b]) => a.rank - b.rank)
        .map(([label, { threads }]) =>
          el(
            'section',
            { class: 'group' },
            el('h2', null, label),
            el('ul', null, threads.map(threadItem)),
          ),
        ),
    );
  }
  if (at) {
    const again = [...list.querySelectorAll('[data-thread]')].find(
      (node) => node.getAttribute('data-thread') === at[0],
    );
    const target =
      (again && again.querySelector(`[data-role="${at[1]}"]`)) ||
      list.querySelector('.thread-open') ||
      $('history-search');
    /** @type {HTMLElement} */ (target).focus();
  }
}

/** @param {boolean} open */
function setHistoryOpen(open) {
  $('history').hidden = !open;
  $('history-toggle').setAttribute('aria-expanded', String(open));
  // A drawer is modal: what it covers can be neither clicked nor reached with Tab.
  const drawer = open && phone.matches;
  $('history-backdrop').hidden = !drawer;
  for (const node of document.querySelectorAll('header.top, main, aside#side')) {
    /** @type {HTMLElement} */ (node).inert = drawer;
  }
}

/** @param {string} id */
function openThread(id) {
  if (phone.matches) setHistoryOpen(false);
  if (id !== threadId) switchThread(id);
}

/** @type {ThreadSummary | null} */
let renaming = null;
/** @param {ThreadSummary} thread */
function openRename(thread) {
  renaming = thread;
  $('rename-input').value = thread.name || '';
  $('rename-error').textContent = '';
  $('rename').showModal();
  $('rename-input').select();
}
$('rename-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const thread = renaming;
  const name = $('rename-input').value.trim();
  if (!thread) return $('rename').close();
  if (!name) {
    $('rename-error').textContent = 'A name is needed.';
    return;
  }
  $('rename-submit').disabled = true;
  try {
    await api('PUT', '/project/thread', { threadId: thread.id, name });
    thread.name = name;
    $('rename').close();
    paintHistory();
  } catch (error) {
    $('rename-error').textContent = /** @type {Error} */ (error).message;
  } finally {
    $('rename-submit').disabled = false;
  }
});
$('rename-cancel').addEventListener('click', () => $('rename').close());

/** @type {ThreadSummary | null} */
let deleting = null;
/** @param {ThreadSummary} thread */
function openDelete(thread) {
  deleting = thread;
  $('delete-name').textContent = nameOf(thread);
  $('delete-error').textContent = '';
  $('delete').showModal();
  $('delete-cancel').focus();
}
$('delete-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const thread = deleting;
  if (!thread) return $('delete').close();
  $('delete-submit').disabled = true;
  try {
    // The open chat is left first, as the Chainlit UI does: a new one takes its place.
    if (thread.id === threadId) switchThread('');
    await api('DELETE', '/project/thread', { threadId: thread.id });
    history.threads = history.threads.filter((t) => t.id !== thread.id);
    $('delete').close();
    paintHistory();
  } catch (error) {
    $('delete-error').textContent = /** @type {Error} */ (error).message;
  } finally {
    $('delete-submit').disabled = false;
  }
});
$('delete-cancel').addEventListener('click', () => $('delete').close());

/** Learns whether the app stores its chats; if it does, shows the history and the thumbs. */
async function loadProjectSettings() {
  const project = await fetch(ROOT + '/project/settings', { credentials: 'same-origin' }).then(
    (res) => (res.ok ? res.json() : null),
    () => null,
  );
  if (!project || project.dataPersistence !== true) return;
  history.enabled = true;
  $('history-toggle').hidden = false;
  setHistoryOpen(!phone.matches && preferences().history !== 'closed');
  paintBars();
  await loadThreads();
}

// ---------------------------------------------------------------------------------------------
// Switching chats: a new session, for a new thread or to resume a stored one

/** Forgets what the page shows of the chat it leaves. */
function clearChat() {
  endAsk();
  clearTimeout(flushTimer);
  flushTimer = 0;
  dirty.clear();
  steps.clear();
  views.clear();
  elements.clear();
  elementNodes.clear();
  actions.clear();
  log.replaceChildren();
  attachments = [];
  paintAttachmentsBar();
  tokens = 0;
  showTokens();
  setCommands([]);
  setSettings([]);
  $('side').hidden = true;
  setBusy(false);
  stuck = true;
}

/**
 * Leaves this chat (its session ends on the server) and opens another on a new session: a new
 * chat for '', else the stored thread `id`, resumed as the Chainlit client does (the handshake's
 * `threadId`; the server answers `resume_thread` with its history).
 * @param {string} id
 */
function switchThread(id) {
  if (socket.connected) socket.emit('clear_session');
  socket.disconnect();
  clearChat();
  sessionId = uuid();
  threadId = id;
  socket.auth = { clientType: 'webapp', sessionId, threadId, userEnv: '{}', chatProfile: '' };
  saveNow();
  paintHistory();
  setConnection('connecting');
  void setSessionCookie().finally(() => socket.connect());
  if (!phone.matches) input.focus();
}

/** The session-affinity cookie (for load balancers), set before a session's socket opens. */
function setSessionCookie() {
  return fetch(ROOT + '/set-session-cookie', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ session_id: sessionId }),
  }).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// The socket

/** @type {Socket<ServerEvents, ClientEvents>} */
const socket = io({
  path: SOCKET_PATH,
  reconnection: true,
  autoConnect: false,
  auth: { clientType: 'webapp', sessionId, threadId, userEnv: '{}', chatProfile: '' },
});

socket.on('connect', () => {
  setConnection('connected');
  socket.emit('connection_successful');
});
socket.on('disconnect', (reason) => {
  if (reason === 'io server disconnect' || reason === 'io client disconnect')
    setConnection('disconnected', reason === 'io server disconnect' ? 'closed by the server' : '');
  else setConnection('reconnecting');
});
socket.on('connect_error', (error) => setConnection('error', error.message || String(error)));
socket.io.on('reconnect_attempt', (n) => setConnection('reconnecting', 'attempt ' + n));

socket.on('new_message', upsert);
socket.on('stream_start', upsert);
socket.on('update_message', (step) => {
  if (step && steps.has(step.id)) upsert(step);
});
socket.on('delete_message', (step) => step && removeStep(step.id));
socket.on('stream_token', ({ id, token, isSequence, isInput } = {}) => {
  const step = steps.get(/** @type {string} */ (id));
  if (!step || typeof token !== 'string') return;
  const key = isInput ? 'input' : 'output';
  step[key] = isSequence ? token : (step[key] || '') + token;
  schedule(/** @type {string} */ (id));
});
socket.on('task_start', () => setBusy(true));
socket.on('task_end', () => setBusy(false));
socket.on('ask', (payload, ack) => {
  const { msg, spec } = payload || {};
  if (msg) upsert(msg);
  startAsk(msg || {}, spec, typeof ack === 'function' ? ack : () => {});
  setBusy(false);
});
socket.on('ask_timeout', () => {
  endAsk();
  setBusy(false);
});
socket.on('clear_ask', endAsk);
socket.on('element', addElement);
socket.on('remove_element', (e) => e && removeElement(e.id));
socket.on('action', (action) => {
  if (!action || typeof action.id !== 'string') return;
  actions.set(action.id, action);
  paintAttachments(action.forId);
  save();
});
socket.on('remove_action', (action) => {
  const known = action && actions.get(action.id);
  if (!known) return;
  actions.delete(action.id);
  paintAttachments(known.forId);
  save();
});
socket.on('chat_settings', setSettings);
socket.on('set_commands', setCommands);
/** @param {string} id the thread this session writes to ('' until it exists) */
function setThread(id) {
  threadId = id;
  /** @type {Record<string, unknown>} */ (socket.auth).threadId = threadId;
  save();
  paintBars();
  paintHistory();
}
socket.on('first_interaction', (event) => {
  if (event && typeof event.thread_id === 'string') {
    setThread(event.thread_id);
    // The thread now exists: the history lists it.
    void loadThreads();
  }
});
socket.on('resume_thread', (thread) => {
  if (!thread) return;
  for (const id of views.keys()) removeStep(id);
  log.replaceChildren();
  elements.clear();
  elementNodes.clear();
  if (typeof thread.id === 'string') setThread(thread.id);
  for (const step of thread.steps || []) upsert(step);
  for (const e of thread.elements || []) addElement(e);
  const chosen = thread.metadata && thread.metadata.chat_settings;
  if (chosen && typeof chosen === 'object') settings.values = { ...settings.values, ...chosen };
});
socket.on('resume_thread_error', (error) => {
  // The server gave this session a new thread instead; it is known at the first message.
  setThread('');
  toast(String(error), 'error');
});
socket.on('toast', (t) => t && toast(t.message, t.type));
socket.on('exception', (e) => toast((e && e.message) || 'Error', 'error'));
socket.on('token_usage', (n) => {
  if (typeof n !== 'number' || !isFinite(n)) return;
  tokens += n;
  showTokens();
  save();
});
socket.on('window_message', (data) => {
  if (window.parent !== window) window.parent.postMessage(data, '*');
});
socket.on('reload', () => {
  socket.emit('clear_session');
  location.reload();
});

window.addEventListener('message', (event) => {
  if (window.parent !== window && event.source === window.parent)
    socket.emit('window_message', event.data);
});

function showTokens() {
  $('tokens').hidden = tokens === 0;
  $('tokens').textContent = tokens.toLocaleString() + ' tokens';
}

// ---------------------------------------------------------------------------------------------
// Wiring

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
input.addEventListener('keydown', (event) => {
  const list = $('suggest').hidden ? [] : matching();
  if (list.length && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    picked = (picked + (event.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length;
    suggest();
  } else if (list.length && (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey))) {
    event.preventDefault();
    useCommand(list[picked]);
  } else if (event.key === 'Escape') {
    $('suggest').hidden = true;
  } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});
input.addEventListener('input', () => {
  autosize();
  suggest();
});
input.addEventListener('blur', () => setTimeout(() => ($('suggest').hidden = true), 100));
$('stop').addEventListener('click', () => {
  for (const [id, step] of steps) {
    if (step.streaming) {
      step.streaming = false;
      paint(id);
    }
  }
  setBusy(false);
  socket.emit('stop');
});
$('gear').addEventListener('click', openSettings);
$('settings-cancel').addEventListener('click', () => $('settings').close());
$('side-close').addEventListener('click', () => ($('side').hidden = true));
$('state').addEventListener('click', () => {
  if (!socket.connected && !socket.active) socket.connect();
});
$('new-chat').addEventListener('click', () => {
  if (phone.matches) setHistoryOpen(false);
  switchThread('');
});
$('history-toggle').addEventListener('click', () => {
  const open = !!$('history').hidden;
  setHistoryOpen(open);
  if (!phone.matches) prefer({ history: open ? 'open' : 'closed' });
  else if (open) $('history-close').focus();
});
$('history-close').addEventListener('click', () => {
  setHistoryOpen(false);
  $('history-toggle').focus();
});
$('history-backdrop').addEventListener('click', () => setHistoryOpen(false));
$('history').addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || !phone.matches) return;
  setHistoryOpen(false);
  $('history-toggle').focus();
});
phone.addEventListener('change', () => {
  if (history.enabled) setHistoryOpen(!phone.matches && preferences().history !== 'closed');
});
$('history-more').addEventListener('click', () => void loadThreads(true));
let searchTimer = 0;
$('history-search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    history.search = $('history-search').value.trim();
    void loadThreads();
  }, 250);
});
$('attach').addEventListener('click', () => $('attach-input').click());
$('attach-input').addEventListener('change', async () => {
  const picker = $('attach-input');
  // A copy: the picker's own list empties when it is cleared, which may happen mid-upload.
  for (const file of Array.from(/** @type {FileList} */ (picker.files))) {
    try {
      const answer = await upload(file);
      attachments.push({ id: answer.id, name: file.name });
      paintAttachmentsBar();
    } catch (error) {
      toast(/** @type {Error} */ (error).message, 'error');
    }
  }
  picker.value = '';
});

// Restore what this tab showed before a reload: the session itself lives on the server.
for (const step of Array.isArray(saved.steps) ? saved.steps : []) upsert(step);
for (const e of Array.isArray(saved.elements) ? saved.elements : []) addElement(e);
for (const a of Array.isArray(saved.actions) ? saved.actions : []) {
  actions.set(a.id, a);
  paintAttachments(a.forId);
}
if (saved.settings && Array.isArray(saved.settings.widgets)) {
  setSettings(saved.settings.widgets);
  settings.values = { ...settings.values, ...saved.settings.values };
}
setCommands(saved.commands);
showTokens();
setBusy(false);
setConnection('connecting');
save();

// With login on, a user first (a header login behind a proxy, or the password form); then the
// session-affinity cookie (for load balancers), as the Chainlit client does; then the socket.
async function logIn() {
  /** @type {{ requireLogin?: boolean, headerAuth?: boolean, passwordAuth?: boolean }} */
  const config = await fetch(ROOT + '/auth/config').then(
    (r) => (r.ok ? r.json() : {}),
    () => ({}),
  );
  if (!config.requireLogin) return;
  if ((await fetch(ROOT + '/user', { credentials: 'same-origin' })).ok) return;
  if (config.headerAuth) {
    const res = await fetch(ROOT + '/auth/header', { method: 'POST', credentials: 'same-origin' });
    if (res.ok) return;
  }
  if (!config.passwordAuth) {
    setConnection('error', 'login required');
    return;
  }
  const dialog = $('login');
  await new Promise((resolve) => {
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const res = await fetch(ROOT + '/login', {
        method: 'POST',
        credentials: 'same-origin',
        body: new FormData($('login-form')),
      }).catch(() => undefined);
      if (res && res.ok) {
        dialog.close();
        resolve(undefined);
        return;
      }
      const body = res ? await res.json().catch(() => ({})) : {};
      $('login-error').textContent = body.detail || 'Login failed';
    });
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    dialog.showModal();
    $('login-username').focus();
  });
}

logIn()
  .then(() => {
    void loadProjectSettings();
    return setSessionCookie();
  })
  .catch(() => {})
  .finally(() => socket.connect());
