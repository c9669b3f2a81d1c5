#!/usr/bin/env node
// A fresh app made as README's Quick start says, in each module system, from the packed library:
// it installs, builds and chats with no warning from npm, tsc or Node.
//
//   node .ci/fresh-app.mjs              both module systems (ESM, then CommonJS)
//   node .ci/fresh-app.mjs esm          one of them (esm or cjs)
//   node .ci/fresh-app.mjs --keep       keeps the apps (their folder is printed)
//
// Needs the npm registry (the apps install from it). Exits 1 on any failure or warning.
//
// What it does:
// 1. `npm run build`, then `npm pack -w nest-chat` into a temporary folder.
// 2. Reads `@nestjs/schematics@12` (npm pack) for what `nest new` writes: its package.json
//    (`"type": "module"` for ESM, none for CommonJS; TypeScript and @types/node from its
//    devDependencies, its dependencies left for README's command to name), tsconfig.json and
//    tsconfig.build.json (the test runner's `types` left out, as its packages are not installed).
// 3. For each module system, in a new folder: README's Quick start commands (its first ```bash
//    block, with the tarball for `nest-chat`), README's code (its first ```ts block) as
//    src/main.ts, `tsc -p tsconfig.build.json`, then `node dist/main.js` on a free PORT; a
//    socket.io client connects as the Chainlit client does (auth, `connection_successful`),
//    waits for the welcome, sends a message and waits for the whole answer; then SIGTERM.
// Any `npm warn` from a command, any output from tsc, anything the app writes to stderr and any
// WARN or ERROR line it logs fail it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const systems = args.filter((arg) => arg === 'esm' || arg === 'cjs');
const unknown = args.filter((arg) => arg !== '--keep' && arg !== 'esm' && arg !== 'cjs');
if (unknown.length) {
  console.error(`Unknown argument: ${unknown.join(' ')} (esm, cjs or --keep)`);
  process.exit(2);
}
const SYSTEMS = systems.length ? systems : ['esm', 'cjs'];
/** How long one wait on the app may take before it fails with what was seen. */
const WAIT_MS = 60_000;
/** What the Quick start's bot says, first and to `hello`. */
const WELCOME = 'Hi!';
const ANSWER = 'You said: hello';

const work = mkdtempSync(join(tmpdir(), 'nest-chat-fresh-'));
/** One line per step: `[system] step: ok|FAILED (seconds)`, and the problems found. */
const summary = [];
const problems = [];

/**
 * Runs a command; resolves with its exit code, stdout and stderr. Its output is echoed, indented,
 * as it comes; with `quiet`, only if it fails.
 */
function run(command, commandArgs, { quiet = false, ...options } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    let both = '';
    const take = (chunk) => {
      both += chunk;
      if (!quiet) echo(String(chunk));
    };
    child.stdout.on('data', (chunk) => ((stdout += chunk), take(chunk)));
    child.stderr.on('data', (chunk) => ((stderr += chunk), take(chunk)));
    child.on('error', fail);
    child.on('close', (code) => {
      if (quiet && code !== 0) echo(both);
      done({ code, stdout, stderr });
    });
  });
}

/** The `npm warn` lines of a command's output, a warning's consecutive lines as one. */
function npmWarnings(output) {
  const warnings = [];
  let kind;
  for (const line of output.split('\n')) {
    if (!/^npm warn/i.test(line)) {
      kind = undefined;
      continue;
    }
    const next = line.split(/\s+/)[2];
    if (next === kind) warnings[warnings.length - 1] += `\n${line}`;
    else warnings.push(line);
    kind = next;
  }
  return warnings;
}

async function step(label, body) {
  const started = performance.now();
  console.log(`\n== ${label}`);
  let failures;
  try {
    failures = (await body()) ?? [];
  } catch (error) {
    failures = [error instanceof Error ? error.message : String(error)];
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  summary.push(`${label}: ${failures.length ? 'FAILED' : 'ok'} (${seconds} s)`);
  for (const failure of failures) problems.push(`${label}: ${failure}`);
  return failures.length === 0;
}

/** The body of the first ```<lang> block of README's Quick start. */
function quickStart(lang) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start\n'));
  if (!section) throw new Error('README.md has no "## Quick start" section');
  const block = section.match(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'm'));
  if (!block) throw new Error(`README's Quick start has no \`\`\`${lang} block`);
  return block[1];
}

/** README's commands, one a line, comments dropped, the tarball standing for `nest-chat`. */
function installCommands(tarball) {
  return quickStart('bash')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => {
      if (!line.startsWith('npm ')) throw new Error(`README's Quick start runs "${line}", not npm`);
      return line
        .split(/\s+/)
        .map((word) => (word === 'nest-chat' ? tarball : word))
        .join(' ');
    });
}

/** A file of the template as `nest new` renders it (strict, no observability). */
const render = (text) =>
  text
    .replace(/<% if \(observe\) \{ %>[\s\S]*?<% \} %>/g, '')
    .replace(/<%= strict %>/g, 'true')
    .replace(/<%= specFileSuffix %>/g, 'spec')
    .replace(/<%= (\w+) %>/g, (_, name) => (name === 'version' ? '0.0.1' : `fresh-${name}`));

/** What `nest new` writes, read from @nestjs/schematics' application template. */
async function nestTemplate() {
  const dir = join(work, 'schematics');
  mkdirSync(dir);
  const packed = await run('npm', ['pack', '@nestjs/schematics@12', '--pack-destination', dir], {
    quiet: true,
  });
  if (packed.code !== 0) throw new Error('npm pack @nestjs/schematics@12 failed');
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  const untar = await run('tar', ['-xzf', tarball], { cwd: dir, quiet: true });
  if (untar.code !== 0) throw new Error(`tar -xzf ${tarball} failed`);
  const read = (system, file) => {
    const folder = system === 'esm' ? 'ts-esm' : 'ts';
    return render(
      readFileSync(join(dir, 'package/dist/lib/application/files', folder, file), 'utf8'),
    );
  };
  const version = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')).version;
  return { version, read };
}

/** A port nothing listens on now. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * Starts the app, chats with it as the Chainlit client does, stops it; resolves with failures.
 * Nest logs "successfully started" before its server listens: the client connects as a browser
 * does, retrying until the server answers.
 */
async function chat(app) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: app,
    env: { ...process.env, PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise((done) => child.on('close', (code, signal) => done({ code, signal })));
  let exited = false;
  const died = exit.then(({ code, signal }) => {
    exited = true;
    throw new Error(`the app exited (${signal ?? code}) while the client waited`);
  });
  died.catch(() => {});
  /** `promise`, or a failure naming what was awaited: the app ended or WAIT_MS passed. */
  const within = (promise, what, seen = () => '') => {
    let timer;
    const late = new Promise((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`no ${what} within ${WAIT_MS / 1000} s${seen()}`)),
        WAIT_MS,
      );
    });
    return Promise.race([promise, late, died]).finally(() => clearTimeout(timer));
  };

  const failures = [];
  const events = [];
  const waiters = [];
  const names = () => `; received: ${events.map((e) => e.name).join(', ') || 'nothing'}`;
  /** The first event from index `from` on that passes `test`, received or coming. */
  const waitFor = (test, what, from = 0) => {
    const seen = events.slice(from).find(test);
    const arrived = seen
      ? Promise.resolve(seen)
      : new Promise((done) => waiters.push({ test, done }));
    return within(arrived, what, names);
  };
  const socket = io(`http://127.0.0.1:${port}`, {
    path: '/ws/socket.io',
    auth: {
      clientType: 'webapp',
      sessionId: randomUUID(),
      threadId: '',
      userEnv: '{}',
      chatProfile: '',
    },
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    forceNew: true,
  });
  socket.onAny((name, data) => {
    const event = { name, data };
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(event)) waiter.done(event);
      else waiters.push(waiter);
    }
  });
  let refused = '';
  socket.on('connect_error', (error) => (refused = `; last refusal: ${error.message}`));
  try {
    await within(
      new Promise((done) => socket.once('connect', done)),
      `connection to the socket (the app was given PORT=${port})`,
      () => refused,
    );
    console.log(`    connected to the app on port ${port}`);
    socket.emit('connection_successful');
    const welcome = await waitFor(
      (e) => e.name === 'new_message' && e.data?.output === WELCOME,
      `welcome "${WELCOME}"`,
    );
    console.log(`    welcome: ${JSON.stringify(welcome.data.output)}`);
    // The welcome's task (on_chat_start) ends before the message is sent, as in the UI.
    await waitFor((e) => e.name === 'task_end', 'end of the welcome', events.indexOf(welcome));
    const from = events.length;
    socket.emit('client_message', {
      message: {
        id: randomUUID(),
        name: 'User',
        type: 'user_message',
        output: 'hello',
        createdAt: new Date().toISOString(),
      },
      fileReferences: [],
    });
    const task = await waitFor((e) => e.name === 'task_start', 'answer to "hello"', from);
    const end = await waitFor(
      (e) => e.name === 'task_end',
      'end of the answer to "hello"',
      events.indexOf(task),
    );
    const answered = events.slice(events.indexOf(task), events.indexOf(end));
    const start = answered.find((e) => e.name === 'stream_start');
    if (!start) throw new Error(`the answer was not streamed (no stream_start)${names()}`);
    let answer = start.data.output ?? '';
    for (const e of answered) {
      if (e.name !== 'stream_token' || e.data.id !== start.data.id) continue;
      answer = e.data.isSequence ? e.data.token : answer + e.data.token;
    }
    console.log(`    answer: ${JSON.stringify(answer)}`);
    if (answer !== ANSWER)
      failures.push(`the answer was ${JSON.stringify(answer)}, not "${ANSWER}"`);
  } catch (error) {
    failures.push(error.message);
  } finally {
    socket.close();
    if (!exited) child.kill('SIGTERM');
    const { code, signal } = await exit;
    if (code !== 0 && signal !== 'SIGTERM') failures.push(`the app exited with ${signal ?? code}`);
    else console.log(`    stopped (${signal ?? `exit code ${code}`})`);
  }
  if (stderr.trim()) failures.push(`the app wrote to stderr:\n${indent(stderr)}`);
  const warned = stdout.split('\n').filter((line) => /\b(WARN|ERROR)\b/.test(line));
  if (warned.length) failures.push(`the app logged:\n${indent(warned.join('\n'))}`);
  if (failures.length) console.log(`    the app's output:\n${indent(stdout)}`);
  return failures;
}

const echo = (text) => process.stdout.write(`${indent(text)}\n`);

const indent = (text, by = '    ') =>
  String(text)
    .trimEnd()
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

async function main() {
  const began = performance.now();
  console.log(`Node ${process.version}; apps in ${work}`);
  let tarball;
  const built = await step('build and pack nest-chat', async () => {
    const build = await run('npm', ['run', 'build'], { cwd: root, quiet: true });
    if (build.code !== 0) return ['npm run build failed'];
    const pack = await run('npm', ['pack', '-w', 'nest-chat', '--pack-destination', work], {
      cwd: root,
      quiet: true,
    });
    if (pack.code !== 0) return ['npm pack failed'];
    tarball = join(work, pack.stdout.trim().split('\n').at(-1));
    return npmWarnings(pack.stderr);
  });
  let template;
  const read = await step('read what `nest new` writes (@nestjs/schematics@12)', async () => {
    template = await nestTemplate();
    console.log(`    @nestjs/schematics ${template.version}`);
  });
  if (built && read) {
    for (const system of SYSTEMS) await freshApp(system, tarball, template);
  }
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(`\n== summary (Node ${process.version}, ${seconds} s)`);
  for (const line of summary) console.log(`  ${line}`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.log(`  - ${problem.replace(/\n/g, '\n    ')}`);
  } else console.log('\nclean: no failure, no warning');
  if (keep) console.log(`\nkept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exitCode = problems.length ? 1 : 0;
}

async function freshApp(system, tarball, template) {
  const name = system === 'esm' ? 'ESM' : 'CommonJS';
  const app = join(work, `app-${system}`);
  mkdirSync(join(app, 'src'), { recursive: true });
  const made = await step(`[${name}] make the app as nest new does`, () => {
    const pkg = JSON.parse(template.read(system, 'package.json'));
    const fresh = {
      name: `fresh-${system}`,
      version: pkg.version,
      private: true,
      ...(pkg.type ? { type: pkg.type } : {}),
      scripts: { build: 'tsc -p tsconfig.build.json', 'start:prod': 'node dist/main' },
      devDependencies: {
        typescript: pkg.devDependencies.typescript,
        '@types/node': pkg.devDependencies['@types/node'],
      },
    };
    const tsconfig = JSON.parse(template.read(system, 'tsconfig.json'));
    tsconfig.compilerOptions.types = ['node'];
    writeFileSync(join(app, 'package.json'), JSON.stringify(fresh, null, 2) + '\n');
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');
    writeFileSync(join(app, 'tsconfig.build.json'), template.read(system, 'tsconfig.build.json'));
    writeFileSync(join(app, 'src/main.ts'), quickStart('ts'));
    console.log(`    type: ${fresh.type ?? '(none)'}; module: ${tsconfig.compilerOptions.module}`);
  });
  if (!made) return;
  await step(`[${name}] README's install`, async () => {
    const failures = [];
    for (const command of installCommands(tarball)) {
      console.log(`  $ ${command}`);
      const result = await run(command, [], { cwd: app, shell: true });
      if (result.code !== 0) failures.push(`"${command}" exited with ${result.code}`);
      failures.push(...npmWarnings(result.stderr));
    }
    return failures;
  });
  const compiled = await step(`[${name}] tsc -p tsconfig.build.json`, async () => {
    const tsc = await run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: app,
    });
    const output = (tsc.stdout + tsc.stderr).trim();
    return [
      ...(tsc.code !== 0 ? [`tsc exited with ${tsc.code}`] : []),
      ...(output ? [`tsc said:\n${indent(output)}`] : []),
    ];
  });
  if (!compiled) return;
  await step(`[${name}] start, chat, stop`, () => chat(app));
}

await main();
