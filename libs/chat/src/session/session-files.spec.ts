import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionLimitError } from '../errors/session-limit.error.js';
import { diskSessionFile, SessionFiles, sessionFile, toUploadedFile } from './session-files.js';

const bytes = (n: number) => Buffer.alloc(n, 120);

/** Waits until `path` is gone (removal runs in the background). */
const removed = async (path: string) => {
  for (let i = 0; i < 200 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 5));
  return !existsSync(path);
};

describe('SessionFiles', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'session-files-spec-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A file of `n` bytes on disk, as an upload written there. */
  const onDisk = (name: string, n: number) => {
    const path = join(dir, name);
    writeFileSync(path, bytes(n));
    return diskSessionFile(name, 'text/plain', path, n);
  };

  it('counts reserved room against both limits until it is committed or released', () => {
    const files = new SessionFiles({ maxSessionFiles: 2, maxSessionFileBytes: 100 });
    const a = files.reserve(60, 'Upload');
    expect([a.bytes, files.room]).toEqual([60, 40]);
    expect(() => files.reserve(50, 'Upload')).toThrow(
      "Upload refused: 50 more bytes would make this session's files 110 bytes (60 of them still uploading), over its limit of 100 (the maxSessionFileBytes option)",
    );
    const b = files.reserve(10, 'Upload');
    expect(() => files.reserve(0, 'Upload')).toThrow(
      'Upload refused: this session already holds 0 files and is receiving 2 more, 2 in all, its limit (the maxSessionFiles option); remove some first',
    );
    b.release();
    b.release(); // a second time changes nothing
    expect(files.room).toBe(40);
    a.commit(sessionFile('a.txt', 'text/plain', bytes(30)));
    expect([files.size, files.room]).toEqual([1, 70]);
  });

  it('reserves up to what is asked as far as room allows, and checks the committed file at its exact size', () => {
    const files = new SessionFiles({ maxSessionFiles: 10, maxSessionFileBytes: 100 });
    files.add(sessionFile('held.txt', 'text/plain', bytes(70)));
    const ranged = files.reserve(10, 'Upload', 50);
    expect(ranged.bytes).toBe(30);
    expect(() => files.reserve(20, 'Upload', 40)).toThrow(
      "Upload refused: at least 20 more bytes would make this session's files 120 bytes (30 of them still uploading), over its limit of 100 (the maxSessionFileBytes option)",
    );
    let thrown: unknown;
    try {
      ranged.commit(sessionFile('big.txt', 'text/plain', bytes(31)));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SessionLimitError);
    expect((thrown as SessionLimitError).message).toBe(
      "Upload refused: 31 more bytes would make this session's files 101 bytes, over its limit of 100 (the maxSessionFileBytes option)",
    );
    expect([files.size, files.room]).toEqual([1, 30]); // the reservation is over either way
    expect(ranged.overflow(30).option).toBe('maxSessionFileBytes');
  });

  it('removes a file on disk when it is dropped, and every one when the session ends', async () => {
    const files = new SessionFiles({ maxSessionFiles: 10, maxSessionFileBytes: 1000 });
    const first = onDisk('first.bin', 10);
    const second = onDisk('second.bin', 20);
    files.add(first);
    files.add(second);
    files.drop(first.id);
    expect(await removed(first.path!)).toBe(true);
    expect(existsSync(second.path!)).toBe(true);
    const pending = files.reserve(5, 'Upload');
    files.clear();
    expect(await removed(second.path!)).toBe(true);
    expect(files.ended).toBe(true);
    expect(() => pending.commit(sessionFile('late.txt', 'text/plain', bytes(5)))).toThrow(
      'Upload refused: the session has ended',
    );
  });

  it('gives handlers the bytes of a file on disk through content, and its path', () => {
    const file = onDisk('read.bin', 3);
    const uploaded = toUploadedFile(file);
    expect(uploaded.path).toBe(file.path);
    expect(uploaded.content).toEqual(bytes(3));
    expect({ ...uploaded }).toEqual({
      id: file.id,
      name: 'read.bin',
      type: 'text/plain',
      size: 3,
      path: file.path,
      content: bytes(3),
    });
    const inMemory = toUploadedFile(sessionFile('m.txt', 'text/plain', bytes(2)));
    expect(inMemory).toEqual({
      id: expect.any(String),
      name: 'm.txt',
      type: 'text/plain',
      size: 2,
      content: bytes(2),
    });
  });
});
