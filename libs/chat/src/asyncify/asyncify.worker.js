// The worker side of AsyncifyService, run by piscina on worker threads. Plain JavaScript: a
// worker must be a real .js file. Each task calls a function or an export of a module file, with
// structured-cloned arguments. A function comes by key; its source comes once per thread (a task
// for a key this thread has not compiled yet answers `{ missing: true }` and the caller sends the
// source with it). What a generator yields is posted back through the task's MessagePort, in
// order, then `{ end: true }`.

import { AsyncLocalStorage } from 'node:async_hooks';

// A task started from a chat handler carries the session's ids: `workerChat()` (nest-chat/worker)
// reads them, and the task's port, from this store. Shared through the global object, as the
// module that reads it may be another copy of the library than this file's.
const CHAT = Symbol.for('nest-chat.asyncify.chat');
const chatTasks = (globalThis[CHAT] ??= new AsyncLocalStorage());

const compiled = new Map();
const modules = new Map();

function compile(key, source) {
  let fn;
  try {
    fn = new Function(`"use strict"; return (${source});`)();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // A method written in shorthand (`tokenize(text) { ... }`) is not an expression on its own.
    const holder = new Function(`"use strict"; return ({ ${source} });`)();
    fn = Object.values(holder)[0];
  }
  if (typeof fn !== 'function') throw new TypeError('the source is not a function');
  compiled.set(key, fn);
  return fn;
}

async function load(url, exportName) {
  let loading = modules.get(url);
  if (!loading) {
    loading = import(url);
    modules.set(url, loading);
    loading.catch(() => modules.delete(url));
  }
  const mod = await loading;
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    const names = Object.keys(mod).filter((key) => typeof mod[key] === 'function');
    throw new TypeError(
      `the module ${url} has no exported function "${exportName}" (it exports: ${names.join(', ') || 'no functions'})`,
    );
  }
  return fn;
}

function isIterator(value) {
  return (
    value != null &&
    typeof value.next === 'function' &&
    typeof value[Symbol.iterator] === 'function'
  );
}

function isAsyncIterator(value) {
  return (
    value != null &&
    typeof value.next === 'function' &&
    typeof value[Symbol.asyncIterator] === 'function'
  );
}

function serializeError(error) {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, code: error.code };
  }
  return { name: 'Error', message: String(error), stack: undefined };
}

export default async function asyncifyTask(task) {
  const { port, chat } = task;
  if (task.key !== undefined && task.source === undefined && !compiled.has(task.key)) {
    return { ok: false, missing: true };
  }
  if (chat && port) return chatTasks.run({ port, ...chat }, () => runTask(task, port));
  return runTask(task, port);
}

async function runTask(task, port) {
  try {
    const fn =
      task.key !== undefined
        ? (compiled.get(task.key) ?? compile(task.key, task.source))
        : await load(task.url, task.exportName);
    let value = fn(...task.args);
    if (isIterator(value) || isAsyncIterator(value)) {
      const iterator = value;
      for (;;) {
        const step = await iterator.next();
        if (step.done) {
          value = step.value;
          break;
        }
        if (port) port.postMessage({ value: step.value });
      }
    } else if (value != null && typeof value.then === 'function') {
      value = await value;
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  } finally {
    if (port) {
      port.postMessage({ end: true });
      port.close();
    }
  }
}
