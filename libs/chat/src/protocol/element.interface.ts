/**
 * The kinds of element the client shows. `custom` is the app's own component (in the Chainlit UI,
 * `public/elements/<name>.jsx`) given `props`, which the client may update or delete.
 */
export type ElementType = 'image' | 'text' | 'pdf' | 'audio' | 'video' | 'file' | 'custom';

/** Where the client shows an element: in the message, in a side panel, or on its own page. */
export type ElementDisplay = 'inline' | 'side' | 'page';

/**
 * An element to attach (`session.element()`, or `elements` of a message). Give exactly one of
 * `url`, `path` (a file on the server, read when it is sent) or `content` (text or bytes); bytes
 * are served to the session's client only, at `GET /project/file/{id}?session_id=`. A `custom`
 * element takes `props` instead.
 */
export interface ElementInput {
  type: ElementType;
  name: string;
  /** @default 'inline' */
  display?: ElementDisplay;
  url?: string;
  path?: string;
  content?: string | Uint8Array;
  /** @default from the name's extension (or the type) */
  mime?: string;
  /** Images: how large the client shows them. */
  size?: 'small' | 'medium' | 'large';
  /** Text: the language to highlight it as. */
  language?: string;
  /** Audio and video: start playing when shown. */
  autoPlay?: boolean;
  /** The message it belongs to. @default the message it is sent with */
  forId?: string;
  props?: Record<string, unknown>;
}

/** An element as it goes over the wire (the protocol's Element shape). */
export interface ElementDict {
  id: string;
  threadId: string;
  type: ElementType;
  name: string;
  display: ElementDisplay;
  url?: string;
  /** The id its bytes are served under, at `/project/file/{chainlitKey}?session_id=`. */
  chainlitKey?: string;
  forId?: string;
  mime?: string;
  size?: 'small' | 'medium' | 'large';
  language?: string;
  autoPlay?: boolean;
  props?: Record<string, unknown>;
}

/**
 * A file the user uploaded: attached to a message, or the answer to `askFile()`. A small upload
 * (its request body at most 1 MiB) is kept in memory; a larger one in a temporary file on disk, at
 * `path`, until the session lets go of it (the session ends). `content` works for both.
 */
export interface UploadedFile {
  id: string;
  name: string;
  /** Its MIME type, as the browser gave it. */
  type: string;
  /** In bytes. */
  size: number;
  /**
   * Its bytes. For a file on disk, reading `content` reads the whole file, synchronously, each
   * time: read it once, or stream `path` for a large one (`fs.createReadStream(file.path)`).
   */
  readonly content: Buffer;
  /**
   * For a file kept on disk: where it is, for as long as the session holds it (read it, do not
   * move or delete it). `undefined` for a file in memory.
   */
  path?: string;
}
