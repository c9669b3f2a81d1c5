import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, startAppProcess } from './fixtures/hardening-process.js';
import { ChatClient, delay } from './utils/chat-client.js';
import { streamUpload, type StreamedUpload } from './utils/streamed-upload.js';

/**
 * Large uploads, as an attacker sends them, against the app in its own process: what the server
 * holds in memory stays bounded, and what it keeps on disk goes with the session.
 */
const MB = 1_000_000;
const MiB = 1024 * 1024;

/** How much resident memory the attacks below may add to the server's, at their peak. */
const PEAK_BOUND = 100 * MiB;
/** And once they are over (garbage collected). */
const AFTER_BOUND = 50 * MiB;

const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

/** The files in the app process's upload directories (`<tmpdir>/nest-chat-<pid>-*`). */
function uploadDirs(app: AppProcess): string[] {
  const prefix = `nest-chat-${app.child.pid}-`;
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(tmpdir(), name));
}
function filesOnDisk(app: AppProcess): { path: string; size: number }[] {
  return uploadDirs(app).flatMap((dir) =>
    readdirSync(dir).map((name) => ({
      path: join(dir, name),
      size: statSync(join(dir, name)).size,
    })),
  );
}

/** Waits until the app holds no session (each client gone, with `sessionTimeoutMs: 0`). */
async function sessionsGone(app: AppProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await app.stats()).sessions === 0) return;
    await delay(50);
  }
  throw new Error('the sessions did not end');
}

/** An upload's answer, once its client has also written all it meant to. */
async function finished(upload: StreamedUpload) {
  const [reply] = await Promise.all([upload.reply, upload.written]);
  return reply;
}

describe('uploads (soak)', () => {
  let app: AppProcess | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('20 parallel 90 MB uploads into one session: one is taken, to disk; 19 are refused before their body; memory stays bounded', async () => {
    app = await startAppProcess({ OPTIONS: { upload: { maxSizeMb: 100 }, sessionTimeoutMs: 0 } });
    const client = await ChatClient.connect(app.url);
    const before = await app.stats();
    const uploads = Array.from({ length: 20 }, () =>
      streamUpload(app!.url, `/project/file?session_id=${client.sessionId}`, { size: 90 * MB }),
    );
    const replies = await Promise.all(uploads.map(finished));
    const peak = await app.stats();
    const held = filesOnDisk(app);
    client.close();
    await sessionsGone(app);
    const after = await app.stats();
    console.log(
      `20 x 90 MB into one session: RSS before ${mib(before.rss)}, peak ${mib(peak.maxRss)}, ` +
        `after ${mib(after.rss)} (bounds: peak within ${mib(PEAK_BOUND)} of before, after within ${mib(AFTER_BOUND)})`,
    );

    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(413)]);
    const refused = replies.find((r) => r.status === 413)!;
    expect(refused.body.detail).toMatch(/\(the maxSessionFileBytes option\)$/);
    expect(held.map((f) => f.size)).toEqual([90 * MB]);
    expect(filesOnDisk(app)).toEqual([]);
    expect(peak.maxRss - before.rss).toBeLessThan(PEAK_BOUND);
    expect(after.rss - before.rss).toBeLessThan(AFTER_BOUND);

    await app.stop();
    expect(uploadDirs(app)).toEqual([]);
  }, 300_000);

  it('12 sessions each upload 5 x 20 MB, then leave: their files are gone from disk, memory stays bounded', async () => {
    app = await startAppProcess({ OPTIONS: { sessionTimeoutMs: 0 } });
    const url = app.url;
    const clients = await Promise.all(Array.from({ length: 12 }, () => ChatClient.connect(url)));
    const before = await app.stats();
    const statuses = await Promise.all(
      clients.map(async (client) => {
        const mine: number[] = [];
        for (let i = 0; i < 5; i++) {
          const upload = streamUpload(url, `/project/file?session_id=${client.sessionId}`, {
            size: 20 * MB,
          });
          mine.push((await finished(upload)).status);
        }
        return mine;
      }),
    );
    const peak = await app.stats();
    const held = filesOnDisk(app);
    clients.forEach((client) => client.close());
    await sessionsGone(app);
    const after = await app.stats();
    console.log(
      `12 sessions x 5 x 20 MB: RSS before ${mib(before.rss)}, peak ${mib(peak.maxRss)}, after ${mib(after.rss)}; ` +
        `${held.length} files on disk while the sessions held them, ${filesOnDisk(app).length} after they ended`,
    );

    // 12 uploads of 20 MB at once fit the default maxUploadBytesInFlight (256 MiB).
    expect(statuses.flat()).toEqual(Array(60).fill(200));
    expect(held).toHaveLength(60);
    expect(filesOnDisk(app)).toEqual([]);
    expect(peak.maxRss - before.rss).toBeLessThan(PEAK_BOUND);
    expect(after.rss - before.rss).toBeLessThan(AFTER_BOUND);
  }, 300_000);
});
