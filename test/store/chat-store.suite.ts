import { randomUUID } from 'node:crypto';
import type { StepDict } from 'nest-chat';
import type { ChatStore } from '../../libs/chat/src/persistence/index.js';

/** A store under test, and how to empty it between tests. */
export interface StoreUnderTest {
  store: ChatStore;
  /** Deletes every row. */
  reset(): Promise<void>;
  /** Runs the migrations again, as a restart does; resolves with the versions applied. */
  migrateAgain(): Promise<number[]>;
  close(): Promise<void>;
}

const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second)).toISOString();

function step(threadId: string, fields: Partial<StepDict> = {}): StepDict {
  return {
    id: randomUUID(),
    threadId,
    name: 'Assistant',
    type: 'assistant_message',
    output: 'Hello',
    createdAt: at(0),
    ...fields,
  };
}

/** The `ChatStore` contract, run against one implementation. */
export function chatStoreSuite(open: () => Promise<StoreUnderTest>): void {
  let subject: StoreUnderTest;
  let store: ChatStore;

  // One database for the suite (its start is slow on a busy machine), emptied after each test.
  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  }, 60_000);

  afterEach(async () => {
    await subject.reset();
  });

  afterAll(async () => {
    await subject?.close();
  });

  async function thread(name = 'A thread', fields: { userId?: string; createdAt?: string } = {}) {
    const id = randomUUID();
    await store.createThread({ id, name, ...fields });
    return id;
  }

  it('applies each migration once: running them again on the same database applies none', async () => {
    expect(await subject.migrateAgain()).toEqual([]);
  });

  it('keeps a revoked token id until its token expires, and none already expired', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 1000).toISOString();
    expect(await store.isTokenRevoked!('a')).toBe(false);
    await store.revokeToken!('a', later);
    await store.revokeToken!('a', soon);
    await store.revokeToken!('b', past);
    expect(await store.isTokenRevoked!('a')).toBe(true);
    expect(await store.isTokenRevoked!('b')).toBe(false);
  });

  it('creates a user once per identifier, updating its metadata and keeping its id', async () => {
    const created = await store.upsertUser({ identifier: 'ada', metadata: { role: 'admin' } });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      identifier: 'ada',
      metadata: { role: 'admin' },
      createdAt: expect.stringMatching(/Z$/),
    });
    const again = await store.upsertUser({ identifier: 'ada', metadata: { role: 'user' } });
    expect(again).toEqual({ ...created, metadata: { role: 'user' } });
    expect(await store.upsertUser({ identifier: 'ada' })).toEqual(again);
    expect(await store.getUser('ada')).toEqual(again);
    expect(await store.getUser('grace')).toBeUndefined();
  });

  it('gives back a new thread exactly, with no steps or elements, and keeps the first of two creations', async () => {
    const id = randomUUID();
    await store.createThread({ id, name: 'First', createdAt: at(1), metadata: { a: 1 } });
    await store.createThread({ id, name: 'Second', createdAt: at(2) });
    expect(await store.getThread(id)).toEqual({
      id,
      createdAt: at(1),
      name: 'First',
      metadata: { a: 1 },
      steps: [],
      elements: [],
    });
    expect(await store.getThread(randomUUID())).toBeUndefined();
    expect(await store.getThreadSummary(id)).toEqual({
      id,
      createdAt: at(1),
      name: 'First',
      metadata: { a: 1 },
    });
  });

  it("records a thread's user by id and identifier", async () => {
    const user = await store.upsertUser({ identifier: 'ada' });
    const id = await thread('Mine', { userId: user.id, createdAt: at(3) });
    expect(await store.getThreadSummary(id)).toEqual({
      id,
      createdAt: at(3),
      name: 'Mine',
      userId: user.id,
      userIdentifier: 'ada',
      metadata: {},
    });
  });

  it('renames a thread, merges its metadata, replaces its tags and gives it to a user', async () => {
    const user = await store.upsertUser({ identifier: 'grace' });
    const id = randomUUID();
    await store.createThread({ id, name: 'Old', createdAt: at(0), metadata: { a: 1, b: 1 } });
    expect(await store.updateThread(id, { name: 'New', metadata: { b: 2 }, tags: ['x'] })).toBe(
      true,
    );
    expect(await store.updateThread(id, { userId: user.id })).toBe(true);
    expect(await store.getThreadSummary(id)).toEqual({
      id,
      createdAt: at(0),
      name: 'New',
      metadata: { a: 1, b: 2 },
      tags: ['x'],
      userId: user.id,
      userIdentifier: 'grace',
    });
    expect(await store.updateThread(randomUUID(), { name: 'Nobody' })).toBe(false);
  });

  it('stores every field of a step and gives it back as it was sent', async () => {
    const id = await thread();
    const full: StepDict = {
      id: randomUUID(),
      threadId: id,
      parentId: randomUUID(),
      name: 'search',
      type: 'tool',
      output: '{"hits": 2}',
      input: 'query',
      createdAt: at(1),
      start: at(1),
      end: at(2),
      streaming: false,
      isError: true,
      waitForAnswer: false,
      showInput: 'json',
      language: 'json',
      metadata: { model: 'm', nested: { n: [1, 2] } },
      tags: ['a', 'b'],
      defaultOpen: true,
      generation: { tokens: 3 },
    };
    await store.upsertStep(full);
    const minimal = step(id, { output: '', createdAt: at(3), showInput: false });
    await store.upsertStep(minimal);
    expect((await store.getThread(id))!.steps).toEqual([full, minimal]);
    expect(await store.getStep(full.id)).toEqual(full);
    expect(await store.getStep(randomUUID())).toBeUndefined();
  });

  it('stores text holding NUL characters (which PostgreSQL refuses) with each one as U+FFFD', async () => {
    const id = await thread();
    const nul = step(id, {
      output: 'a\u0000b',
      input: '\u0000',
      metadata: { note: 'c\u0000d' },
      createdAt: at(1),
    });
    await store.upsertStep(nul);
    expect(await store.getStep(nul.id)).toEqual({
      ...nul,
      output: 'a\uFFFDb',
      input: '\uFFFD',
      metadata: { note: 'c\uFFFDd' },
    });
  });

  it('keeps steps in the order they were created, whatever their createdAt, and an update keeps its place', async () => {
    const id = await thread();
    const first = step(id, { output: 'one', createdAt: at(9) });
    const second = step(id, { output: 'two', createdAt: at(1) });
    const third = step(id, { output: 'three', createdAt: at(5) });
    for (const s of [first, second, third]) await store.upsertStep(s);
    await store.upsertStep({ ...first, output: 'one, edited', end: at(10) });
    expect((await store.getThread(id))!.steps.map((s) => s.output)).toEqual([
      'one, edited',
      'two',
      'three',
    ]);
    expect((await store.getStep(first.id))!.end).toBe(at(10));
  });

  it('does not store a step of a thread that does not exist, nor move a step to another thread', async () => {
    const orphan = step(randomUUID());
    await store.upsertStep(orphan);
    expect(await store.getStep(orphan.id)).toBeUndefined();
    const a = await thread('A');
    const b = await thread('B');
    const s = step(a);
    await store.upsertStep(s);
    await store.upsertStep({ ...s, threadId: b, output: 'moved?' });
    expect(await store.getStep(s.id)).toEqual(s);
    expect((await store.getThread(b))!.steps).toEqual([]);
  });

  it('deletes a step with the steps nested in it, their elements and their feedback', async () => {
    const id = await thread();
    const kept = step(id, { output: 'kept' });
    const message = step(id, { output: 'gone' });
    const child = step(id, { parentId: message.id, type: 'tool', name: 'tool' });
    const grandchild = step(id, { parentId: child.id, type: 'llm', name: 'llm' });
    for (const s of [kept, message, child, grandchild]) await store.upsertStep(s);
    const element = {
      id: randomUUID(),
      threadId: id,
      type: 'text',
      name: 'note',
      display: 'inline',
      forId: child.id,
    };
    await store.upsertElement(element);
    const feedback = await store.upsertFeedback({ forId: message.id, value: 1 });
    expect(await store.deleteStep(message.id, id)).toBe(true);
    expect(await store.deleteStep(message.id, id)).toBe(false);
    const after = (await store.getThread(id))!;
    expect(after.steps).toEqual([kept]);
    expect(after.elements).toEqual([]);
    expect(await store.getFeedback(feedback!.id)).toBeUndefined();
  });

  it("deletes nothing of another thread: a step, its nested steps, its elements and an element named with the other thread's id", async () => {
    const mine = await thread('mine');
    const theirs = await thread('theirs');
    const message = step(theirs, { output: 'theirs' });
    const child = step(theirs, { parentId: message.id, type: 'tool', name: 'tool' });
    for (const s of [message, child]) await store.upsertStep(s);
    const element = {
      id: randomUUID(),
      threadId: theirs,
      type: 'text',
      name: 'note',
      display: 'inline',
      forId: message.id,
    };
    await store.upsertElement(element);
    const feedback = await store.upsertFeedback({ forId: message.id, value: 1 });
    // A step of the other thread that names a step of this one as its parent.
    const own = step(mine);
    await store.upsertStep(own);
    await store.upsertStep(step(theirs, { parentId: own.id }));
    const before = await store.getThread(theirs);

    expect(await store.deleteStep(message.id, mine)).toBe(false);
    expect(await store.deleteStep(child.id, mine)).toBe(false);
    expect(await store.deleteElement(element.id, mine)).toBe(false);
    expect(await store.deleteStep(own.id, mine)).toBe(true);

    expect(await store.getThread(theirs)).toEqual(before);
    expect(await store.getFeedback(feedback!.id)).toEqual(feedback);
    expect(await store.getElement(element.id)).toMatchObject({ threadId: theirs });
  });

  it("stores an element's bytes: the thread lists it without them, getElement gives them back", async () => {
    const id = await thread();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const image = {
      id: randomUUID(),
      threadId: id,
      type: 'image',
      name: 'dot.png',
      display: 'inline',
      chainlitKey: randomUUID(),
      mime: 'image/png',
      size: 'small',
      forId: randomUUID(),
      props: { alt: 'a dot' },
      content: bytes,
    };
    const link = {
      id: randomUUID(),
      threadId: id,
      type: 'file',
      name: 'spec.pdf',
      display: 'side',
      url: 'https://example.com/spec.pdf',
      autoPlay: false,
      language: 'en',
    };
    await store.upsertElement(image);
    await store.upsertElement(link);
    const { content, ...listed } = image;
    expect((await store.getThread(id))!.elements).toEqual([listed, link]);
    const read = await store.getElement(image.id);
    expect({ ...read, content: undefined }).toEqual({ ...image, content: undefined });
    expect(Array.from(read!.content!)).toEqual(Array.from(content));
    await store.upsertElement({ ...link, name: 'renamed.pdf' });
    expect((await store.getElement(link.id))!.name).toBe('renamed.pdf');
    expect(await store.deleteElement(image.id, id)).toBe(true);
    expect(await store.deleteElement(image.id, id)).toBe(false);
    expect((await store.getThread(id))!.elements).toEqual([{ ...link, name: 'renamed.pdf' }]);
    await store.upsertElement({ ...link, id: randomUUID(), threadId: randomUUID() });
    expect((await store.getThread(id))!.elements).toHaveLength(1);
  });

  it('keeps one feedback per step: a second one replaces the first and keeps its id', async () => {
    const id = await thread();
    const answer = step(id);
    await store.upsertStep(answer);
    const first = await store.upsertFeedback({ forId: answer.id, value: 0, comment: 'meh' });
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      forId: answer.id,
      threadId: id,
      value: 0,
      comment: 'meh',
    });
    const second = await store.upsertFeedback({ id: randomUUID(), forId: answer.id, value: 1 });
    expect(second).toEqual({ id: first!.id, forId: answer.id, threadId: id, value: 1 });
    expect(await store.getFeedback(first!.id)).toEqual(second);
    expect((await store.getThread(id))!.steps).toEqual([{ ...answer, feedback: second }]);
    expect(await store.deleteFeedback(first!.id)).toBe(true);
    expect(await store.deleteFeedback(first!.id)).toBe(false);
    expect((await store.getThread(id))!.steps).toEqual([answer]);
  });

  it('refuses feedback on a step that does not exist or is not in the given thread', async () => {
    const id = await thread();
    const answer = step(id);
    await store.upsertStep(answer);
    expect(await store.upsertFeedback({ forId: randomUUID(), value: 1 })).toBeUndefined();
    expect(
      await store.upsertFeedback({ forId: answer.id, threadId: randomUUID(), value: 1 }),
    ).toBeUndefined();
    expect(await store.upsertFeedback({ forId: answer.id, threadId: id, value: 1 })).toEqual(
      expect.objectContaining({ forId: answer.id, value: 1 }),
    );
  });

  it('lists threads newest first, a page at a time, each page after the cursor of the one before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await thread(`Thread ${i}`, { createdAt: at(i) }));
    const first = await store.listThreads({ first: 2 });
    expect(first).toEqual({
      data: [
        { id: ids[4], createdAt: at(4), name: 'Thread 4', metadata: {} },
        { id: ids[3], createdAt: at(3), name: 'Thread 3', metadata: {} },
      ],
      pageInfo: { hasNextPage: true, startCursor: ids[4], endCursor: ids[3] },
    });
    const second = await store.listThreads({ first: 2, cursor: first.pageInfo.endCursor! });
    expect(second.data.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    expect(second.pageInfo).toEqual({ hasNextPage: true, startCursor: ids[2], endCursor: ids[1] });
    const last = await store.listThreads({ first: 2, cursor: second.pageInfo.endCursor! });
    expect(last).toEqual({
      data: [{ id: ids[0], createdAt: at(0), name: 'Thread 0', metadata: {} }],
      pageInfo: { hasNextPage: false, startCursor: ids[0], endCursor: ids[0] },
    });
    expect(await store.listThreads({ first: 5, cursor: ids[0] })).toEqual({
      data: [],
      pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
    });
    await expect(store.listThreads({ first: 0 })).rejects.toThrow(
      'listThreads: first must be an integer >= 1',
    );
  });

  it("lists only one user's threads, or only threads without a user", async () => {
    const ada = await store.upsertUser({ identifier: 'ada' });
    const grace = await store.upsertUser({ identifier: 'grace' });
    const adas = await thread('Ada', { userId: ada.id });
    const graces = await thread('Grace', { userId: grace.id });
    const nobodys = await thread('Nobody');
    const ids = async (query: object) =>
      (await store.listThreads({ first: 10, ...query })).data.map((t) => t.id);
    expect(await ids({ userIdentifier: 'ada' })).toEqual([adas]);
    expect(await ids({ userId: grace.id })).toEqual([graces]);
    expect(await ids({ userIdentifier: null })).toEqual([nobodys]);
    expect(await ids({ userId: null })).toEqual([nobodys]);
    expect(await ids({})).toEqual([nobodys, graces, adas]);
  });

  it('searches thread names and step outputs, case-insensitively, with % and _ matching themselves', async () => {
    const byName = await thread('Weather in Paris');
    const byOutput = await thread('Untitled');
    await store.upsertStep(step(byOutput, { output: 'It rains in PARIS today' }));
    const percent = await thread('Discount 50% off');
    await thread('Something else');
    const ids = async (search: string) =>
      (await store.listThreads({ first: 10, search })).data.map((t) => t.id);
    expect(await ids('paris')).toEqual([byOutput, byName]);
    expect(await ids('50%')).toEqual([percent]);
    expect(await ids('5_%')).toEqual([]);
    expect(await ids('nowhere')).toEqual([]);
  });

  it('filters threads by the value of their feedback', async () => {
    const liked = await thread('Liked');
    const disliked = await thread('Disliked');
    await thread('No feedback');
    for (const [id, value] of [
      [liked, 1],
      [disliked, 0],
    ] as const) {
      const s = step(id);
      await store.upsertStep(s);
      await store.upsertFeedback({ forId: s.id, value });
    }
    const ids = async (feedback: 0 | 1) =>
      (await store.listThreads({ first: 10, feedback })).data.map((t) => t.id);
    expect(await ids(1)).toEqual([liked]);
    expect(await ids(0)).toEqual([disliked]);
    expect((await store.listThreads({ first: 10, feedback: 1, search: 'dis' })).data).toEqual([]);
  });

  it('deletes a thread with its steps, elements and feedback', async () => {
    const id = await thread();
    const s = step(id);
    await store.upsertStep(s);
    const element = { id: randomUUID(), threadId: id, type: 'text', name: 'n', display: 'side' };
    await store.upsertElement(element);
    const feedback = await store.upsertFeedback({ forId: s.id, value: 1 });
    expect(await store.deleteThread(id)).toBe(true);
    expect(await store.deleteThread(id)).toBe(false);
    expect(await store.getThread(id)).toBeUndefined();
    expect(await store.getStep(s.id)).toBeUndefined();
    expect(await store.getElement(element.id)).toBeUndefined();
    expect(await store.getFeedback(feedback!.id)).toBeUndefined();
    await store.upsertStep(s);
    expect(await store.getStep(s.id)).toBeUndefined();
  });
}
