// A synchronous, CPU-bound pipeline, run on a worker thread by AsyncifyService.runFile(). It is
// plain JavaScript because a worker imports it as it is (tsc copies it to dist/ with allowJs).
// workerChat() is the chat of the session that started the task: its steps and tokens reach
// the user while this thread is busy, and the main thread's event loop stays free meanwhile.
import { workerChat } from 'nest-chat/worker';

/** Trial division: slow on purpose (the CPU-bound part). */
function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** A word's score: a few thousand rounds of FNV-1a over it (more CPU-bound work). */
function score(word) {
  let hash = 0x811c9dc5;
  for (let round = 0; round < 20_000; round++) {
    for (let i = 0; i < word.length; i++) {
      hash ^= word.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash % 100;
}

/** Tokenizes the text, counts the primes below `limit`, then streams each word's score. */
export async function analyze(text, limit) {
  const chat = workerChat();
  const words = await chat.step('Tokenize', 'tool', (step) => {
    step.input = text;
    return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  });
  const primes = await chat.step('Count primes', 'run', (step) => {
    step.input = `below ${limit}`;
    let count = 0;
    const tick = Math.ceil(limit / 5);
    for (let n = 2; n < limit; n++) {
      if (isPrime(n)) count++;
      // Progress streams into the step while the loop runs.
      if (n % tick === 0) step.stream(`${n.toLocaleString('en')}: ${count} primes so far\n`);
    }
    step.stream(`${count} primes below ${limit.toLocaleString('en')}\n`);
    return count;
  });
  // The answer streams token by token, each one after its CPU-bound work.
  const answer = chat.message();
  answer.stream(`${words.length} words, ${primes} primes. Scores: `);
  for (const word of words) answer.stream(`${word}=${score(word)} `);
  await answer.update();
  return { words: words.length, primes };
}
