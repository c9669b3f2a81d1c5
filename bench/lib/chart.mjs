// A small SVG bar chart of the headline figures: nest-chat beside its baseline, per metric.
const esc = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );

function groups(r) {
  const out = [];
  for (const [clients, t] of Object.entries(r.throughput)) {
    out.push({
      title: `Token throughput, ${clients} clients × ${t.tokens ?? 500} tokens (tokens/s, higher is better)`,
      nest: t.nest.median,
      base: t.bare.median,
      baseLabel: 'bare socket.io',
      more: t.chainlit && [['Chainlit transport', t.chainlit.median]],
      unit: '/s',
    });
  }
  const c = r.concurrency;
  out.push({
    title: `${c.nest.sessions} sessions: 1 s call + 50 tokens (wall ms, lower is better)`,
    nest: c.nest.wall.median,
    base: (c.bare ?? c.pool40).wall.median,
    baseLabel: c.bare ? 'bare socket.io' : `40 at a time (${c.pool40.sessions})`,
    more: c.bare && [
      ...(c.chainlit ? [['Chainlit transport', c.chainlit.wall.median]] : []),
      [`40 at a time (${c.pool40.sessions})`, c.pool40.wall.median],
    ],
    unit: ' ms',
  });
  out.push({
    title: 'Round trip p50 (ms, lower is better)',
    nest: r.latency.nest.p50.median,
    base: r.latency.bare.p50.median,
    baseLabel: 'bare socket.io',
    unit: ' ms',
    digits: 2,
  });
  out.push({
    title: 'Heap per idle session (KiB, lower is better)',
    nest: r.memory.idle.nest.heap.median / 1024,
    base: r.memory.idle.bare.heap.median / 1024,
    baseLabel: 'bare socket.io',
    unit: ' KiB',
    digits: 1,
  });
  const a = r.asyncify.cpu;
  out.push({
    title: 'CPU-bound work, 2 threads (wall ms, lower is better)',
    nest: a['AsyncifyService.run'].wall.median,
    base: a['inline sync'].wall.median,
    baseLabel: 'inline sync',
    unit: ' ms',
  });
  return out;
}

/** The height of a group: its title and one bar per figure. */
const rowHeight = (g) => 30 + 24 * (2 + (g.more?.length ?? 0));

export function renderChart(results) {
  const list = groups(results);
  const width = 760;
  const barArea = 420;
  const height = 50 + list.reduce((sum, g) => sum + rowHeight(g), 0);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="24" font-size="15" font-weight="bold">nest-chat beside its baselines — ${esc(results.machine.cpu)} × ${results.machine.cores}, Node ${esc(results.machine.node)}</text>`,
  ];
  let y = 50;
  list.forEach((g) => {
    const bars = [
      ['nest-chat', g.nest, '#2f6fde'],
      [g.baseLabel, g.base, '#9aa3ad'],
      ...(g.more ?? []).map(([label, value]) => [label, value, '#d9a441']),
    ];
    const max = Math.max(...bars.map((bar) => bar[1])) || 1;
    const digits = g.digits ?? 0;
    parts.push(`<text x="16" y="${y}" font-weight="bold">${esc(g.title)}</text>`);
    bars.forEach(([label, value, color], j) => {
      const by = y + 10 + j * 24;
      const w = Math.max(1, (value / max) * barArea);
      parts.push(`<text x="16" y="${by + 14}">${esc(label)}</text>`);
      parts.push(`<rect x="180" y="${by}" width="${w.toFixed(1)}" height="18" fill="${color}"/>`);
      parts.push(
        `<text x="${(186 + w).toFixed(1)}" y="${by + 14}">${value.toFixed(digits)}${esc(g.unit)}</text>`,
      );
    });
    y += rowHeight(g);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
