import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/** How the Chainlit UI shows steps, as its `ui.cot` setting. */
export declare const COT_MODES: readonly ["full", "tool_call", "hidden"];
/** The language tags `GET /project/translations` takes (Chainlit's pattern). */
export declare const LANGUAGE_PATTERN: RegExp;
/** Checks the `ui` option; `ui.cot` is one of `COT_MODES` (`'full'` unless set). */
export declare function resolveUi(value: unknown): Record<string, unknown>;
/** Checks the `translations` option: `{ dir?, languages? }`. */
export declare function resolveTranslations(value: unknown): ResolvedChatOptions['translations'];
/** Checks the `favicon` option: a file. */
export declare function resolveFavicon(value: unknown): string | undefined;
/** Checks the `logo` option: `{ light?, dark? }`, files. */
export declare function resolveLogo(value: unknown): ResolvedChatOptions['logo'];
/** Checks the `publicDir` option: `false` or a folder. */
export declare function resolvePublicDir(value: unknown): false | string;
/** Checks the `avatarsDir` option: `false` or a folder. */
export declare function resolveAvatarsDir(value: unknown): false | string;
