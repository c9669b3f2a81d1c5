import type { StepDict } from './step.interface.js';

/** A user who owns threads, found by their `identifier` (a login, an email). */
export interface StoredUser {
  id: string;
  identifier: string;
  metadata: Record<string, unknown>;
  /** ISO-8601 UTC. */
  createdAt: string;
}

/** Feedback on a step: thumbs up (1) or down (0), with an optional comment. */
export interface ChatFeedback {
  id: string;
  /** The step it is about. */
  forId: string;
  threadId: string;
  value: 0 | 1;
  comment?: string;
}

/** New or changed feedback: one per step, so feedback on a step that has some replaces it. */
export interface ChatFeedbackInput {
  /** Ignored when the step already has feedback (its id is kept). @default a new UUID */
  id?: string;
  forId: string;
  /** When given, the step must belong to this thread. */
  threadId?: string;
  value: 0 | 1;
  comment?: string | null;
}

/** A stored step: the protocol's Step shape, with the feedback it got. */
export type StoredStep = StepDict & { feedback?: ChatFeedback };

/** An element (the protocol's Element shape); `content` holds its bytes, if it has any. */
export interface StoredElement {
  id: string;
  threadId: string;
  type: string;
  name: string;
  display: string;
  url?: string;
  chainlitKey?: string;
  forId?: string;
  mime?: string;
  size?: string;
  language?: string;
  autoPlay?: boolean;
  props?: Record<string, unknown>;
  content?: Uint8Array;
}

/** A thread without its steps and elements, as thread lists give it. */
export interface ChatThreadSummary {
  id: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  name: string;
  userId?: string;
  userIdentifier?: string;
  tags?: string[];
  metadata: Record<string, unknown>;
}

/** A thread with its history: steps in the order they were created, elements without bytes. */
export interface ChatThread extends ChatThreadSummary {
  steps: StoredStep[];
  elements: Omit<StoredElement, 'content'>[];
}

/** A thread to create; `createdAt` defaults to now. */
export interface NewChatThread {
  id: string;
  name: string;
  userId?: string;
  createdAt?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
}

/** What `updateThread` changes: given fields only; `metadata` is merged into the thread's. */
export interface ChatThreadPatch {
  name?: string;
  metadata?: Record<string, unknown>;
  /** Gives the thread to this user (by `StoredUser.id`). */
  userId?: string;
  tags?: string[];
}

/** `listThreads`: a page of threads, newest first, after `cursor`. */
export interface ListThreadsQuery {
  /** Page size, 1 or more. */
  first: number;
  /** The `endCursor` of the previous page. */
  cursor?: string;
  /** Only this user's threads (`StoredUser.id`); `null`: only threads without a user. */
  userId?: string | null;
  /** Only this user's threads, by identifier; `null`: only threads without a user. */
  userIdentifier?: string | null;
  /** Threads whose name or a step's output contains this text (case-insensitive). */
  search?: string;
  /** Threads with a feedback of this value. */
  feedback?: 0 | 1;
}

/** A page, in Chainlit's shape. Cursors are thread ids. */
export interface Paginated<T> {
  data: T[];
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Where chat history lives: users, threads, their steps and elements, and feedback.
 * nest-chat ships a SQL store (PGlite or PostgreSQL); implement this interface to plug in your
 * own and pass it as `storage: { store }`. Writes come in the order they happened per thread,
 * one at a time per thread (threads in parallel). A step, element or feedback whose thread does
 * not exist (never created, or deleted meanwhile) is not stored, without an error.
 */
export interface ChatStore {
  /** Creates the user, or updates the metadata of the one with this identifier. */
  upsertUser(user: { identifier: string; metadata?: Record<string, unknown> }): Promise<StoredUser>;
  getUser(identifier: string): Promise<StoredUser | undefined>;

  /** Creates a thread; nothing happens if one with this id exists. */
  createThread(thread: NewChatThread): Promise<void>;
  /** Changes a thread; `false` if there is none with this id. */
  updateThread(id: string, patch: ChatThreadPatch): Promise<boolean>;
  /** A thread with its steps (in creation order, each with its feedback) and elements. */
  getThread(id: string): Promise<ChatThread | undefined>;
  /** A thread without its steps and elements (to check who owns it). */
  getThreadSummary(id: string): Promise<ChatThreadSummary | undefined>;
  /** A page of threads, newest first. */
  listThreads(query: ListThreadsQuery): Promise<Paginated<ChatThreadSummary>>;
  /** Deletes a thread with its steps, elements and feedback; `false` if there was none. */
  deleteThread(id: string): Promise<boolean>;

  /**
   * Creates or replaces a step (every field but its thread and its place in the order). A step
   * with this id in another thread is left as it is (ids belong to their thread).
   */
  upsertStep(step: StepDict): Promise<void>;
  getStep(id: string): Promise<StoredStep | undefined>;
  /**
   * The steps marked favorite (`metadata.favorite` true) in the threads of the user with this
   * identifier, the most recently stored first, at most `limit`. Optional: without it, favorites
   * are kept with the session only.
   */
  listFavoriteSteps?(userIdentifier: string, limit: number): Promise<StoredStep[]>;
  /**
   * Deletes a step of thread `threadId`, the steps nested in it, their elements and feedback;
   * `false` if that thread has no step with this id (a step of another thread is left alone).
   */
  deleteStep(id: string, threadId: string): Promise<boolean>;

  /**
   * Creates or replaces an element, with its bytes if it has any. An element with this id in
   * another thread is left as it is.
   */
  upsertElement(element: StoredElement): Promise<void>;
  /** An element with its bytes. */
  getElement(id: string): Promise<StoredElement | undefined>;
  /** Deletes an element of thread `threadId`; `false` if that thread has none with this id. */
  deleteElement(id: string, threadId: string): Promise<boolean>;

  /** Sets the feedback on a step; `undefined` if the step does not exist (in that thread). */
  upsertFeedback(feedback: ChatFeedbackInput): Promise<ChatFeedback | undefined>;
  getFeedback(id: string): Promise<ChatFeedback | undefined>;
  deleteFeedback(id: string): Promise<boolean>;

  /**
   * Keeps a token id (`jti`) revoked by a logout until `expiresAt` (ISO-8601 UTC), when the
   * token expires anyway; an id kept already keeps the later time. Optional: a store without
   * it leaves revoked tokens to Redis (the `redis` option) or to this process's memory.
   */
  revokeToken?(jti: string, expiresAt: string): Promise<void>;
  /** Whether a token id is revoked and its time not past. Optional, with `revokeToken`. */
  isTokenRevoked?(jti: string): Promise<boolean>;

  /** Lets go of connections; called once, after the last write. */
  close(): Promise<void>;
}
