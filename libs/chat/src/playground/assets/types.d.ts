/**
 * Types for `playground.js` (type-checked only, never loaded): the page's elements and what the
 * server sends, as far as the page reads it. The script still checks what it reads at run time.
 */

/** The elements of `playground.html` that the script looks up by id. */
export interface PageElements {
  ask: HTMLDivElement;
  attach: HTMLButtonElement;
  'attach-input': HTMLInputElement;
  busy: HTMLSpanElement;
  commands: HTMLDivElement;
  composer: HTMLFormElement;
  delete: HTMLDialogElement;
  'delete-cancel': HTMLButtonElement;
  'delete-error': HTMLDivElement;
  'delete-form': HTMLFormElement;
  'delete-name': HTMLSpanElement;
  'delete-submit': HTMLButtonElement;
  feedback: HTMLDialogElement;
  'feedback-cancel': HTMLButtonElement;
  'feedback-comment': HTMLTextAreaElement;
  'feedback-error': HTMLDivElement;
  'feedback-form': HTMLFormElement;
  'feedback-submit': HTMLButtonElement;
  'feedback-title': HTMLHeadingElement;
  files: HTMLDivElement;
  gear: HTMLButtonElement;
  history: HTMLElement;
  'history-backdrop': HTMLDivElement;
  'history-close': HTMLButtonElement;
  'history-list': HTMLDivElement;
  'history-more': HTMLButtonElement;
  'history-search': HTMLInputElement;
  'history-toggle': HTMLButtonElement;
  input: HTMLTextAreaElement;
  log: HTMLDivElement;
  login: HTMLDialogElement;
  'login-error': HTMLDivElement;
  'login-form': HTMLFormElement;
  'login-username': HTMLInputElement;
  'new-chat': HTMLButtonElement;
  rename: HTMLDialogElement;
  'rename-cancel': HTMLButtonElement;
  'rename-error': HTMLDivElement;
  'rename-form': HTMLFormElement;
  'rename-input': HTMLInputElement;
  'rename-submit': HTMLButtonElement;
  scroll: HTMLDivElement;
  send: HTMLButtonElement;
  settings: HTMLDialogElement;
  'settings-cancel': HTMLButtonElement;
  'settings-confirm': HTMLButtonElement;
  'settings-fields': HTMLDivElement;
  side: HTMLElement;
  'side-body': HTMLDivElement;
  'side-close': HTMLButtonElement;
  'side-title': HTMLElement;
  state: HTMLButtonElement;
  stop: HTMLButtonElement;
  theme: HTMLButtonElement;
  suggest: HTMLUListElement;
  toasts: HTMLDivElement;
  tokens: HTMLSpanElement;
}

/** What `el()` appends: nodes and strings; null, undefined and false append nothing. */
export type Leaf = Node | string | null | undefined | false;

/** The children of `el()`: leaves, and arrays of children at any depth. */
export type Child = Leaf | readonly Child[];

/** A step or a message (a step whose type ends with `_message`). */
export interface Step {
  id: string;
  type?: string;
  name?: string;
  parentId?: string;
  input?: string;
  output?: string;
  createdAt?: string;
  start?: string;
  end?: string;
  streaming?: boolean;
  isError?: boolean;
  language?: string;
  /** false hides the input; a string is its language. */
  showInput?: boolean | string;
  defaultOpen?: boolean;
  /** The slash command a user message was sent with. */
  command?: string;
  threadId?: string;
  /** A question the assistant waits on the answer to. */
  waitForAnswer?: boolean;
  /** `avatarName` names the author's avatar, instead of `name`. */
  metadata?: { avatarName?: unknown } | null;
  /** The feedback given on it (stored threads carry it). */
  feedback?: Feedback;
}

/** Thumbs up (1) or down (0) on a message, with an optional comment. */
export interface Feedback {
  id: string;
  forId?: string;
  threadId?: string;
  value: 0 | 1;
  comment?: string;
}

/** A thread in the history list (`POST /project/threads`). */
export interface ThreadSummary {
  id: string;
  name?: string;
  createdAt?: string;
}

/** A page of the history list. */
export interface ThreadPage {
  data?: ThreadSummary[];
  pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
}

/** What the page knows of the history list. */
export interface History {
  /** The app stores its chats (`dataPersistence` in `/project/settings`). */
  enabled: boolean;
  threads: ThreadSummary[];
  cursor: string | null;
  hasNext: boolean;
  search: string;
  loading: boolean;
  error: string;
  /** The latest request: an older answer is dropped. */
  request: number;
}

/** What the page uses of highlight.js (served at `./highlight/index.js`). */
export interface Highlighter {
  getLanguage(name: string): object | undefined;
  highlight(
    code: string,
    options: { language: string; ignoreIllegals?: boolean },
  ): {
    value: string;
  };
}

/** An element: inline under its message, or in the side panel (`side`, `page`). */
export interface ChatElement {
  id: string;
  type: string;
  name?: string;
  url?: string;
  chainlitKey?: string;
  forId?: string;
  display?: string;
  /** 'small' | 'medium' | 'large' for images, bytes for files. */
  size?: string | number;
  mime?: string;
  language?: string;
  content?: string;
  autoPlay?: boolean;
}

export interface Action {
  id: string;
  forId?: string;
  name?: string;
  label?: string;
  tooltip?: string;
  payload?: unknown;
}

export interface AskSpec {
  type?: string;
  timeout?: number;
  /** The ids of the actions that answer an action ask. */
  keys?: string[];
  accept?: string | string[] | Record<string, string[]>;
  max_files?: number;
  max_size_mb?: number;
  step_id?: string;
}

/** The question the page is answering. */
export interface Ask {
  msg: Partial<Step>;
  spec: AskSpec;
  ack: (answer: unknown) => void;
  timer?: ReturnType<typeof setInterval>;
}

export interface Command {
  id: string;
  description?: string;
}

/** A chat settings widget. */
export interface Widget {
  id: string;
  type: string;
  label?: string;
  tooltip?: string;
  description?: string;
  initial?: unknown;
  placeholder?: string;
  items?: { label: string; value: unknown }[] | Record<string, unknown>;
  values?: string[];
  min?: number;
  max?: number;
  step?: number;
  multiline?: boolean;
  disabled?: boolean;
}

export interface Settings {
  widgets: Widget[];
  values: Record<string, unknown>;
}

export interface Thread {
  id?: string;
  name?: string;
  steps?: Step[];
  elements?: ChatElement[];
  metadata?: { chat_settings?: unknown } | null;
}

/** A message's view: its bubble, and what comes under it. */
export interface MessageView {
  kind: 'message';
  root: HTMLElement;
  author: HTMLDivElement;
  avatar: HTMLDivElement;
  bubble: HTMLDivElement;
  body: HTMLDivElement;
  elements: HTMLDivElement;
  actions: HTMLDivElement;
  /** Copy, and the feedback thumbs: under an answer once it is complete. */
  bar: HTMLDivElement;
  /** What the bar shows (it is rebuilt only when this changes). */
  barKey?: string;
  /** The author whose avatar the avatar shows. */
  avatarOf?: string;
  kids: HTMLDivElement;
}

/** A step's view: a `<details>` that folds its input, output and nested steps. */
export interface StepView {
  kind: 'step';
  root: HTMLDetailsElement;
  summary: HTMLElement;
  icon: HTMLSpanElement;
  name: HTMLSpanElement;
  status: HTMLSpanElement;
  input: HTMLDivElement;
  output: HTMLDivElement;
  elements: HTMLDivElement;
  actions: HTMLDivElement;
  kids: HTMLDivElement;
}

export type View = MessageView | StepView;

/** What the page stores in sessionStorage to show the same conversation after a reload. */
export interface Snapshot {
  sessionId?: unknown;
  threadId?: unknown;
  tokens?: unknown;
  steps?: Step[];
  elements?: ChatElement[];
  actions?: Action[];
  settings?: Partial<Settings>;
  commands?: Command[];
}

/** What the page keeps in localStorage, for every tab: the theme chosen, the sidebar's state. */
export interface Preferences {
  theme?: 'light' | 'dark';
  history?: 'open' | 'closed';
}

/** The events the server sends. */
export interface ServerEvents {
  new_message: (step: Step) => void;
  stream_start: (step: Step) => void;
  update_message: (step: Step) => void;
  delete_message: (step: Step) => void;
  stream_token: (token?: {
    id?: string;
    token?: unknown;
    isSequence?: boolean;
    isInput?: boolean;
  }) => void;
  task_start: () => void;
  task_end: () => void;
  ask: (payload: { msg?: Step; spec?: AskSpec }, ack: (answer: unknown) => void) => void;
  ask_timeout: () => void;
  clear_ask: () => void;
  element: (element: ChatElement) => void;
  remove_element: (element: { id: string }) => void;
  action: (action: Action) => void;
  remove_action: (action: { id: string }) => void;
  chat_settings: (widgets: Widget[]) => void;
  set_commands: (commands: Command[]) => void;
  first_interaction: (event: { thread_id?: string }) => void;
  resume_thread: (thread: Thread) => void;
  resume_thread_error: (error: unknown) => void;
  toast: (toast: { message?: string; type?: string }) => void;
  exception: (error: { message?: string }) => void;
  token_usage: (tokens: unknown) => void;
  window_message: (data: unknown) => void;
  reload: () => void;
}

/** The events the page sends. */
export interface ClientEvents {
  connection_successful: () => void;
  client_message: (payload: { message: Step; fileReferences: { id: string }[] }) => void;
  chat_settings_change: (values: Record<string, unknown>) => void;
  window_message: (data: unknown) => void;
  clear_session: () => void;
  stop: () => void;
}
