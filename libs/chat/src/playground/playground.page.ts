import { PLAYGROUND_SCRIPT } from './playground.script.js';

const STYLE = `
  :root {
    --bg: #f7f7f8; --panel: #fff; --text: #1f2328; --muted: #6b7280; --line: #e5e7eb;
    --accent: #4f46e5; --accent-soft: #eef2ff; --user: #e8edff; --error: #b42318;
    --error-soft: #fef3f2; --ok: #067647; --warn: #b54708; --radius: 12px;
    color-scheme: light;
  }
  * { box-sizing: border-box; }
  html, body { height: 100%; }
  body {
    margin: 0; background: var(--bg); color: var(--text);
    font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
    display: flex; flex-direction: column; height: 100dvh; overflow: hidden;
  }
  button { font: inherit; cursor: pointer; }
  button:disabled { cursor: default; opacity: .5; }
  [hidden] { display: none !important; }
  .muted { color: var(--muted); }

  header.top {
    display: flex; align-items: center; gap: 10px; padding: 10px 16px;
    background: var(--panel); border-bottom: 1px solid var(--line);
  }
  header.top h1 { white-space: nowrap; font-size: 16px; margin: 0; font-weight: 650; letter-spacing: -.01em; }
  header.top .spacer { flex: 1; }
  #state {
    font-size: 12px; padding: 2px 8px 2px 18px; border-radius: 999px; border: 0;
    background: #f3f4f6; color: var(--muted); position: relative; max-width: 40vw;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  }
  #state::before {
    content: ""; position: absolute; left: 7px; top: 50%; width: 7px; height: 7px;
    margin-top: -3.5px; border-radius: 50%; background: #9ca3af;
  }
  #state[data-state="connected"] { color: var(--ok); background: #ecfdf3; }
  #state[data-state="connected"]::before { background: #12b76a; }
  #state[data-state="reconnecting"], #state[data-state="connecting"] { color: var(--warn); background: #fffaeb; }
  #state[data-state="reconnecting"]::before, #state[data-state="connecting"]::before { background: #f79009; animation: pulse 1s infinite; }
  #state[data-state="error"], #state[data-state="disconnected"] { color: var(--error); background: var(--error-soft); }
  #state[data-state="error"]::before, #state[data-state="disconnected"]::before { background: #f04438; }
  #tokens { font-size: 12px; color: var(--muted); }
  .iconbtn {
    border: 1px solid var(--line); background: var(--panel); border-radius: 8px;
    padding: 4px 10px; color: var(--text);
  }
  .iconbtn:hover { background: #f3f4f6; }

  .layout { flex: 1; display: flex; min-height: 0; }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; }
  #scroll { flex: 1; overflow-y: auto; padding: 20px 16px 8px; }
  #log { max-width: 800px; margin: 0 auto; display: flex; flex-direction: column; gap: 14px; }

  .msg { display: grid; grid-template-columns: 32px 1fr; gap: 4px 10px; align-items: start; }
  .msg > .kids { grid-column: 2; display: flex; flex-direction: column; gap: 8px; }
  .msg > .kids:empty { display: none; }
  .avatar {
    width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center;
    background: var(--accent-soft); color: var(--accent); font-weight: 650; font-size: 14px;
  }
  .bubble { min-width: 0; }
  .author { font-size: 12px; font-weight: 600; color: var(--muted); margin-bottom: 2px; }
  .msg.user { grid-template-columns: 1fr; }
  .msg.user > .avatar, .msg.user .author { display: none; }
  .msg.user > .bubble {
    justify-self: end; max-width: 85%; background: var(--user); padding: 8px 14px;
    border-radius: var(--radius) var(--radius) 4px var(--radius); white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .msg.user > .kids { grid-column: 1; padding-left: 42px; }
  .cmdtag { font-weight: 600; color: var(--accent); }
  .msg.system > .bubble { color: var(--muted); font-style: italic; }
  .msg.error > .bubble {
    background: var(--error-soft); border: 1px solid #fecdca; border-radius: var(--radius);
    padding: 8px 12px; color: var(--error);
  }
  .msg.error > .avatar { background: var(--error-soft); color: var(--error); }
  .msg.streaming .body > :last-child::after {
    content: ""; display: inline-block; width: 7px; height: 1em; margin-left: 2px;
    vertical-align: -2px; background: var(--accent); animation: pulse .9s infinite;
  }
  .msg.streaming .body:empty::after {
    content: "…"; color: var(--muted);
  }

  .md { overflow-wrap: anywhere; }
  .md > :first-child { margin-top: 0; }
  .md > :last-child { margin-bottom: 0; }
  .md p { margin: 0 0 .6em; }
  .md ul, .md ol { margin: .3em 0 .6em; padding-left: 1.4em; }
  .md h3, .md h4, .md h5, .md h6 { margin: .8em 0 .4em; line-height: 1.3; }
  .md blockquote { margin: .4em 0; padding: 0 0 0 12px; border-left: 3px solid var(--line); color: var(--muted); }
  .md hr { border: 0; border-top: 1px solid var(--line); margin: 1em 0; }
  .md a { color: var(--accent); }
  code {
    font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    background: #f1f2f4; border-radius: 5px; padding: 1px 5px;
  }
  .codeblock { margin: .5em 0; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; background: #fbfbfc; }
  .codebar {
    display: flex; justify-content: space-between; align-items: center; padding: 3px 10px;
    font-size: 12px; color: var(--muted); background: #f3f4f6; border-bottom: 1px solid var(--line);
  }
  .codebar .copy { border: 0; background: none; color: var(--muted); font-size: 12px; padding: 0; }
  .codeblock pre { margin: 0; padding: 10px 12px; overflow-x: auto; }
  .codeblock code { background: none; padding: 0; white-space: pre; }

  details.step {
    border: 1px solid var(--line); border-radius: 10px; background: var(--panel);
    font-size: 13.5px; max-width: 100%;
  }
  details.step > summary {
    display: flex; align-items: center; gap: 8px; padding: 6px 10px; cursor: pointer;
    list-style: none; user-select: none; color: #374151;
  }
  details.step > summary::-webkit-details-marker { display: none; }
  details.step > summary::before { content: "▸"; color: var(--muted); transition: transform .15s; }
  details.step[open] > summary::before { transform: rotate(90deg); }
  details.step .name { font-weight: 600; }
  details.step .kind {
    font-size: 11px; padding: 0 6px; border-radius: 999px; background: #f3f4f6; color: var(--muted);
  }
  details.step.error .kind { background: var(--error-soft); color: var(--error); }
  details.step .status { margin-left: auto; font-size: 12px; color: var(--muted); }
  details.step.running > summary .status::before {
    content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px;
    border: 2px solid #c7d2fe; border-top-color: var(--accent); border-radius: 50%;
    vertical-align: -1px; animation: spin .8s linear infinite;
  }
  details.step.error { border-color: #fecdca; }
  details.step.error > summary { color: var(--error); }
  details.step.error .status { color: var(--error); }
  .stepbody { padding: 2px 12px 10px 26px; display: flex; flex-direction: column; gap: 8px; }
  .stepbody > .kids { display: flex; flex-direction: column; gap: 6px; }
  .stepbody > .kids:empty, .elements:empty, .actions:empty { display: none; }
  .io .label { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-bottom: 2px; }
  .io .md { white-space: normal; }
  details.step.error .output .md { color: var(--error); }

  .elements { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 8px; }
  figure.element { margin: 0; max-width: 100%; }
  figure.element figcaption { font-size: 12px; color: var(--muted); margin: 2px 0; }
  figure.element img {
    display: block; max-width: min(100%, 360px); max-height: 320px; border-radius: 10px;
    border: 1px solid var(--line); cursor: zoom-in; background: #fff;
  }
  figure.element.size-small img { max-width: 160px; max-height: 160px; }
  figure.element.size-large img { max-width: 100%; max-height: 520px; }
  figure.element video, figure.element audio { max-width: 100%; }
  figure.element video { max-height: 320px; border-radius: 10px; }
  figure.element object { width: min(100%, 520px); height: 360px; border: 1px solid var(--line); border-radius: 10px; }
  figure.element pre.text {
    margin: 0; padding: 10px 12px; background: #fbfbfc; border: 1px solid var(--line);
    border-radius: 10px; max-height: 260px; overflow: auto; white-space: pre-wrap;
    font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  a.file {
    display: inline-block; padding: 6px 12px; border: 1px solid var(--line); border-radius: 8px;
    text-decoration: none; color: var(--text); background: var(--panel);
  }
  .loose { max-width: 800px; padding-left: 42px; }
  button.ref {
    border: 0; background: none; padding: 0; color: var(--accent); text-decoration: underline;
    text-underline-offset: 2px; font: inherit;
  }
  button.ref.chip {
    text-decoration: none; border: 1px solid var(--line); border-radius: 999px;
    padding: 2px 10px; font-size: 13px; background: var(--panel);
  }

  .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
  button.action {
    border: 1px solid var(--line); background: var(--panel); border-radius: 8px;
    padding: 4px 12px; font-size: 13.5px; color: var(--text);
  }
  button.action:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
  button.action.wanted { border-color: var(--accent); background: var(--accent-soft); color: var(--accent); }

  #composer-wrap { padding: 8px 16px 14px; background: linear-gradient(transparent, var(--bg) 30%); }
  #composer-wrap > * { max-width: 800px; margin-left: auto; margin-right: auto; }
  #ask {
    display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 8px;
    padding: 8px 12px; border-radius: 10px; background: var(--accent-soft); color: #3730a3;
    font-size: 13.5px;
  }
  #ask .countdown { margin-left: auto; font-variant-numeric: tabular-nums; color: #6366f1; }
  .askfile { display: flex; flex-direction: column; gap: 6px; width: 100%; }
  .askfile > div:first-child { display: flex; gap: 10px; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  #status-row { display: flex; align-items: center; gap: 8px; min-height: 0; margin-bottom: 6px; }
  #status-row:has(> :not([hidden])) { min-height: 24px; }
  #busy { font-size: 13px; color: var(--muted); display: inline-flex; align-items: center; gap: 6px; }
  #busy::before {
    content: ""; width: 10px; height: 10px; border: 2px solid #c7d2fe;
    border-top-color: var(--accent); border-radius: 50%; animation: spin .8s linear infinite;
  }
  #commands { display: flex; flex-wrap: wrap; gap: 4px; margin-left: auto; }
  button.cmd {
    border: 1px solid var(--line); background: var(--panel); border-radius: 999px;
    padding: 0 8px; font-size: 12px; color: var(--muted);
  }
  #files { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 6px; }
  .chip { display: inline-flex; align-items: center; gap: 4px; font-size: 13px; }
  #files .chip { border: 1px solid var(--line); border-radius: 999px; padding: 1px 4px 1px 10px; background: var(--panel); }
  .x { border: 0; background: none; color: var(--muted); font-size: 16px; line-height: 1; padding: 0 4px; }
  form#composer {
    position: relative; display: flex; align-items: flex-end; gap: 6px; padding: 6px;
    background: var(--panel); border: 1px solid var(--line); border-radius: 14px;
    box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
  }
  form#composer:focus-within { border-color: #a5b4fc; box-shadow: 0 0 0 3px #eef2ff; }
  #input {
    flex: 1; border: 0; outline: 0; resize: none; font: inherit; padding: 6px 8px;
    max-height: 200px; background: transparent; color: var(--text); min-width: 0;
  }
  #send, #stop { border: 0; border-radius: 10px; padding: 6px 14px; font-weight: 600; }
  #send { background: var(--accent); color: #fff; }
  #stop { background: #fee4e2; color: var(--error); }
  #attach { border: 0; background: none; padding: 6px; color: var(--muted); display: grid; place-items: center; }
  #attach:hover:not(:disabled) { color: var(--accent); }
  #suggest {
    position: absolute; left: 6px; right: 6px; bottom: calc(100% + 6px); margin: 0; padding: 4px;
    list-style: none; background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
    box-shadow: 0 8px 24px rgba(16, 24, 40, .12); max-height: 220px; overflow: auto;
  }
  #suggest li { display: flex; gap: 10px; padding: 6px 10px; border-radius: 6px; cursor: pointer; }
  #suggest li span { color: var(--muted); }
  #suggest li.on, #suggest li:hover { background: var(--accent-soft); }
  button.primary { border: 0; border-radius: 8px; padding: 4px 12px; background: var(--accent); color: #fff; }

  aside#side {
    width: min(420px, 45vw); border-left: 1px solid var(--line); background: var(--panel);
    display: flex; flex-direction: column; min-height: 0;
  }
  aside#side.page { width: min(720px, 60vw); }
  aside#side header {
    display: flex; align-items: center; gap: 8px; padding: 10px 14px; border-bottom: 1px solid var(--line);
  }
  aside#side header strong { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  #side-body { padding: 14px; overflow: auto; flex: 1; }
  #side-body figure.element img { max-width: 100%; max-height: none; cursor: default; }
  #side-body figure.element object { width: 100%; height: 70vh; }
  #side-body figure.element pre.text { max-height: none; }
  figure.element div.text.md {
    padding: 10px 14px; background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
    max-height: 260px; overflow: auto;
  }
  #side-body figure.element div.text.md { max-height: none; border: 0; padding: 0; }

  #toasts {
    position: fixed; top: 56px; left: 50%; transform: translateX(-50%); z-index: 30;
    display: flex; flex-direction: column; gap: 8px; width: min(380px, calc(100vw - 32px));
  }
  .toast {
    display: flex; align-items: flex-start; gap: 8px; padding: 10px 12px; border-radius: 10px;
    background: var(--panel); border: 1px solid var(--line); border-left: 4px solid var(--accent);
    box-shadow: 0 8px 24px rgba(16, 24, 40, .12); font-size: 14px; animation: slide .2s ease-out;
  }
  .toast span { flex: 1; overflow-wrap: anywhere; }
  .toast.success { border-left-color: #12b76a; }
  .toast.warning { border-left-color: #f79009; }
  .toast.error { border-left-color: #f04438; color: var(--error); }

  dialog#settings, dialog#login {
    border: 1px solid var(--line); border-radius: 14px; padding: 0; width: min(440px, calc(100vw - 24px));
    box-shadow: 0 20px 48px rgba(16, 24, 40, .2);
  }
  dialog#settings::backdrop, dialog#login::backdrop { background: rgba(17, 24, 39, .3); }
  dialog#settings form, dialog#login form { display: flex; flex-direction: column; }
  #login-fields { padding: 14px 18px; display: flex; flex-direction: column; gap: 14px; }
  #login-error { color: var(--error); font-size: 13px; min-height: 1em; }
  dialog#login h2, dialog#settings h2 { font-size: 16px; margin: 0; padding: 14px 18px; border-bottom: 1px solid var(--line); }
  #settings-fields { padding: 14px 18px; display: flex; flex-direction: column; gap: 14px; max-height: 60vh; overflow: auto; }
  .field { display: flex; flex-direction: column; gap: 4px; }
  .field label { font-weight: 600; font-size: 13.5px; }
  .field small { color: var(--muted); font-size: 12px; }
  .field input[type="text"], .field input[type="number"], .field select, .field textarea {
    font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff;
  }
  .field.switch { flex-direction: row; flex-wrap: wrap; align-items: center; justify-content: space-between; }
  .field.switch small { width: 100%; }
  .field .slider { display: flex; align-items: center; gap: 10px; }
  .field .slider input { flex: 1; }
  .field .tags { display: flex; flex-wrap: wrap; gap: 6px 12px; }
  .field .tag { display: inline-flex; gap: 4px; align-items: center; font-weight: 400; }
  .field output { font-variant-numeric: tabular-nums; min-width: 3ch; text-align: right; }
  dialog#settings .buttons, dialog#login .buttons {
    display: flex; justify-content: flex-end; gap: 8px; padding: 12px 18px; border-top: 1px solid var(--line);
  }

  @keyframes spin { to { transform: rotate(360deg); } }
  @keyframes pulse { 50% { opacity: .35; } }
  @keyframes slide { from { transform: translateY(-6px); opacity: 0; } }

  @media (max-width: 640px) {
    header.top { padding: 8px 10px; gap: 6px; }
    header.top h1 { font-size: 15px; white-space: nowrap; }
    header.top .label { display: none; }
    #state { max-width: 38vw; }
    #tokens { display: none; }
    #scroll { padding: 12px 10px 6px; }
    #composer-wrap { padding: 6px 8px 10px; }
    .msg { grid-template-columns: 1fr; }
    .msg > .avatar { display: none; }
    .msg > .kids, .msg.user > .kids { grid-column: 1; padding-left: 0; }
    .loose { padding-left: 0; }
    aside#side, aside#side.page {
      position: fixed; inset: 0; width: auto; z-index: 20; border: 0;
    }
  }
`;

/** The playground page. Everything the server sends is rendered as text, never as HTML. */
export const PLAYGROUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nest-chat playground</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="top">
  <h1>nest-chat playground</h1>
  <button id="state" type="button" data-state="connecting">connecting</button>
  <span class="spacer"></span>
  <span id="tokens" hidden></span>
  <button id="gear" class="iconbtn" type="button" title="Chat settings" hidden>⚙<span class="label"> Settings</span></button>
  <button id="new-chat" class="iconbtn" type="button" title="Start a new chat">New<span class="label"> chat</span></button>
</header>
<div class="layout">
  <main>
    <div id="scroll"><div id="log" aria-live="polite"></div></div>
    <div id="composer-wrap">
      <div id="ask" role="status" hidden></div>
      <div id="status-row">
        <span id="busy" hidden>Working…</span>
        <div id="commands" hidden></div>
      </div>
      <div id="files" hidden></div>
      <form id="composer" autocomplete="off">
        <ul id="suggest" role="listbox" hidden></ul>
        <button id="attach" type="button" title="Attach files" aria-label="Attach files"><svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l8.6-8.6a4 4 0 0 1 5.7 5.7l-8.6 8.6a2 2 0 0 1-2.8-2.8l8.5-8.5"/></svg></button>
        <input id="attach-input" type="file" multiple hidden>
        <textarea id="input" rows="1" aria-label="Message" title="Enter sends, Shift+Enter starts a new line" autofocus></textarea>
        <button id="stop" type="button" hidden>Stop</button>
        <button id="send" type="submit">Send</button>
      </form>
    </div>
  </main>
  <aside id="side" hidden>
    <header><strong id="side-title"></strong><button id="side-close" class="x" type="button" title="Close">×</button></header>
    <div id="side-body"></div>
  </aside>
</div>
<div id="toasts"></div>
<dialog id="settings">
  <form method="dialog">
    <h2>Chat settings</h2>
    <div id="settings-fields"></div>
    <div class="buttons">
      <button id="settings-cancel" class="iconbtn" type="button">Cancel</button>
      <button id="settings-confirm" class="primary" type="submit">Confirm</button>
    </div>
  </form>
</dialog>
<dialog id="login">
  <form id="login-form">
    <h2>Log in</h2>
    <div id="login-fields">
      <div class="field"><label for="login-username">Username</label><input id="login-username" name="username" type="text" autocomplete="username" required></div>
      <div class="field"><label for="login-password">Password</label><input id="login-password" name="password" type="password" autocomplete="current-password" required></div>
      <div id="login-error" role="alert"></div>
    </div>
    <div class="buttons"><button id="login-submit" class="primary" type="submit">Log in</button></div>
  </form>
</dialog>
<script src="/ws/socket.io/socket.io.js"></script>
<script>${PLAYGROUND_SCRIPT}</script>
</body>
</html>
`;
