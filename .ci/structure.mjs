#!/usr/bin/env node
// The library's structure, read with the TypeScript compiler API: its layers and its names.
//
//   npm run structure              a summary: imports that run back up the layers, import circles,
//                                  files whose name and class disagree
//   npm run structure -- --list    each of those, file by file
//   npm run structure -- --check   exits 1 if an import runs up, a circle spans two folders or a
//                                  name disagrees (npm run lint runs it)
//
// A file's layer is its folder under libs/chat/src (files at the root are the module itself, the top).
// Type-only imports count too: they are erased at run time, but a reader still climbs them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Bottom to top: a folder may import only from folders before it (and from itself). */
export const LAYERS = [
  'protocol',
  'errors',
  'validation',
  'options',
  'limits',
  'settings',
  'session',
  'decorators',
  'discovery',
  'runtime',
  'auth',
  'persistence',
  'asyncify',
  'scaling',
  'health',
  'http',
  'gateway',
  'playground',
  'testing',
  'integrations',
  '(module)',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../libs/chat/src');
const args = new Set(process.argv.slice(2));

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) && !/\.(spec|d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const layerOf = (file) => {
  const parts = relative(root, file).split('/');
  return parts.length === 1 ? '(module)' : parts[0];
};
const rank = (layer) => {
  const at = LAYERS.indexOf(layer);
  return at < 0 ? LAYERS.length : at;
};

const parse = (file) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);

/**
 * A file that exports one class is named after it: `chat.runtime.ts` for ChatRuntime,
 * `chat-sessions.ts` for ChatSessions (DTO files, holding several, are left out).
 */
function nameDisagrees(file) {
  const base = relative(root, file)
    .split('/')
    .pop()
    .replace(/\.(ts|js)$/, '');
  if (base.endsWith('.dto')) return undefined;
  const classes = parse(file)
    .statements.filter(
      (node) =>
        ts.isClassDeclaration(node) &&
        node.name &&
        node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    )
    .map((node) => node.name.text);
  if (classes.length !== 1) return undefined;
  const expected = base
    .split(/[.-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return classes[0] === expected ? undefined : classes[0];
}

/** Relative imports and re-exports of one file: { to, typeOnly }. */
function importsOf(file) {
  const source = parse(file);
  const found = [];
  for (const node of source.statements) {
    const isImport = ts.isImportDeclaration(node);
    if (!isImport && !ts.isExportDeclaration(node)) continue;
    const spec = node.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    let typeOnly = false;
    if (isImport) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      typeOnly =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          !clause.name &&
          named !== undefined &&
          ts.isNamedImports(named) &&
          named.elements.length > 0 &&
          named.elements.every((element) => element.isTypeOnly));
    } else {
      typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((element) => element.isTypeOnly));
    }
    const target = resolve(dirname(file), spec.text).replace(/\.js$/, '');
    found.push({ to: target, typeOnly });
  }
  return found;
}

const files = sources(root);
const byBase = new Map(files.map((file) => [file.replace(/\.(ts|js)$/, ''), file]));
const graph = new Map();
for (const file of files) {
  const edges = [];
  for (const { to, typeOnly } of importsOf(file)) {
    const target = byBase.get(to) ?? byBase.get(join(to, 'index'));
    if (target) edges.push({ to: target, typeOnly });
  }
  graph.set(file, edges);
}

// Imports that run back up: from a lower layer to a higher one.
const upward = [];
for (const [from, edges] of graph) {
  for (const { to, typeOnly } of edges) {
    if (layerOf(from) !== layerOf(to) && rank(layerOf(to)) > rank(layerOf(from))) {
      upward.push({ from, to, typeOnly });
    }
  }
}

// Circles: strongly connected components of the file graph (Tarjan), and of the folder graph.
function components(nodes, next) {
  let index = 0;
  const state = new Map();
  const stack = [];
  const found = [];
  const visit = (node) => {
    state.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const to of next(node)) {
      if (!state.has(to)) {
        visit(to);
        state.get(node).low = Math.min(state.get(node).low, state.get(to).low);
      } else if (state.get(to).onStack) {
        state.get(node).low = Math.min(state.get(node).low, state.get(to).index);
      }
    }
    if (state.get(node).low === state.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        state.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component);
    }
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return found;
}

const fileCircles = components(files, (file) => graph.get(file).map((edge) => edge.to));
const folders = [...new Set(files.map(layerOf))];
const folderEdges = new Map(folders.map((folder) => [folder, new Set()]));
for (const [from, edges] of graph) {
  for (const { to } of edges) {
    if (layerOf(from) !== layerOf(to)) folderEdges.get(layerOf(from)).add(layerOf(to));
  }
}
const folderCircles = components(folders, (folder) => [...folderEdges.get(folder)]);
const spanning = fileCircles.filter((circle) => new Set(circle.map(layerOf)).size > 1);
const unknown = folders.filter((folder) => !LAYERS.includes(folder));

const misnamed = files.flatMap((file) => {
  const found = nameDisagrees(file);
  return found ? [{ file, found }] : [];
});

const name = (file) => relative(root, file);
console.log(`libs/chat/src: ${files.length} files, ${folders.length} folders`);
console.log(
  `imports that run back up the layers: ${upward.length}` +
    ` (${upward.filter((edge) => !edge.typeOnly).length} at run time, ${upward.filter((edge) => edge.typeOnly).length} type-only)`,
);
console.log(
  `file circles: ${fileCircles.length} (${spanning.length} spanning folders); folder circles: ${folderCircles.length}`,
);
for (const circle of folderCircles)
  console.log(`  folders in a circle: ${circle.sort().join(', ')}`);
if (unknown.length) console.log(`folders with no place in LAYERS: ${unknown.join(', ')}`);
console.log(`files whose name and class disagree: ${misnamed.length}`);
if (args.has('--list')) {
  for (const { from, to, typeOnly } of upward) {
    console.log(`  up${typeOnly ? ' (type)' : ''}: ${name(from)} -> ${name(to)}`);
  }
  for (const circle of fileCircles) console.log(`  circle: ${circle.map(name).sort().join(', ')}`);
  for (const { file, found } of misnamed) console.log(`  name: ${name(file)} holds ${found}`);
}
const failed = upward.length + spanning.length + unknown.length + misnamed.length > 0;
if (args.has('--check') && failed) {
  console.error('Structure check failed: see `npm run structure -- --list`.');
  process.exit(1);
}
