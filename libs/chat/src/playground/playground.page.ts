/** The playground page. Everything the server sends is rendered as text, never as HTML. */
export const PLAYGROUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nest-chat demo</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 0 auto; padding: 16px; }
  #log { display: flex; flex-direction: column; gap: 10px; margin-bottom: 90px; }
  .msg { padding: 8px 12px; border-radius: 8px; white-space: pre-wrap; }
  .user_message { background: #e8f0fe; align-self: flex-end; }
  .assistant_message, .system_message { background: #f3f3f3; }
  .error { background: #fde8e8; }
  details.step { border-left: 3px solid #bbb; padding-left: 8px; font-size: 13px; color: #444; }
  details.step .out { white-space: pre-wrap; }
  form { position: fixed; bottom: 0; left: 0; right: 0; display: flex; gap: 8px;
         max-width: 760px; margin: 0 auto; padding: 16px; background: #fff; }
  input { flex: 1; padding: 8px; font: inherit; }
  #state { font-size: 12px; color: #666; }
</style>
</head>
<body>
<h1>nest-chat demo <span id="state">connecting…</span></h1>
<div id="log"></div>
<form id="form"><input id="input" autocomplete="off" placeholder="Ask something…" autofocus>
<button id="send">Send</button><button id="stop" type="button" hidden>Stop</button></form>
<script src="/ws/socket.io/socket.io.js"></script>
<script>
  const log = document.getElementById('log');
  const nodes = new Map();
  const sessionId = crypto.randomUUID();
  const socket = io({ path: '/ws/socket.io', auth: { clientType: 'webapp', sessionId, threadId: '', userEnv: '{}', chatProfile: '' } });
  const state = document.getElementById('state');
  socket.on('connect', () => { state.textContent = 'connected'; socket.emit('connection_successful'); });
  socket.on('disconnect', () => { state.textContent = 'reconnecting…'; });
  socket.on('connect_error', (e) => { state.textContent = 'error: ' + e.message; });
  function render(step) {
    let node = nodes.get(step.id);
    const isMessage = step.type.endsWith('_message');
    if (!node) {
      if (isMessage) { node = document.createElement('div'); node.out = node; }
      else {
        node = document.createElement('details'); node.className = 'step';
        node.head = document.createElement('summary'); node.out = document.createElement('div');
        node.out.className = 'out'; node.append(node.head, node.out);
      }
      nodes.set(step.id, node);
      const parent = step.parentId && nodes.get(step.parentId);
      (parent && !isMessage ? parent.kids || parent : log).append(node);
      if (!isMessage) { node.kids = document.createElement('div'); node.append(node.kids); }
    }
    node.className = isMessage ? 'msg ' + step.type + (step.isError ? ' error' : '') : 'step';
    if (node.head) node.head.textContent = (step.isError ? '✗ ' : '') + step.name + (step.end ? '' : ' …');
    node.out.textContent = step.output;
    node.step = step;
  }
  socket.on('new_message', render);
  socket.on('stream_start', render);
  socket.on('update_message', render);
  socket.on('stream_token', ({ id, token, isSequence }) => {
    const node = nodes.get(id); if (!node) return;
    node.step.output = isSequence ? token : node.step.output + token; node.out.textContent = node.step.output;
  });
  socket.on('delete_message', ({ id }) => { nodes.get(id)?.remove(); nodes.delete(id); });
  socket.on('task_start', () => { document.getElementById('stop').hidden = false; });
  socket.on('task_end', () => { document.getElementById('stop').hidden = true; });
  socket.on('exception', (e) => render({ id: crypto.randomUUID(), type: 'system_message', output: e.message, isError: true }));
  document.getElementById('stop').onclick = () => socket.emit('stop');
  document.getElementById('form').onsubmit = (event) => {
    event.preventDefault();
    const input = document.getElementById('input');
    if (!input.value.trim()) return;
    const message = { id: crypto.randomUUID(), name: 'User', type: 'user_message', output: input.value, createdAt: new Date().toISOString() };
    render(message);
    socket.emit('client_message', { message });
    input.value = '';
  };
</script>
</body>
</html>
`;
