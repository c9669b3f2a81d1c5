import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { ChatOptionsError } from '../errors/chat-options.error.js';
import { checkObject, isObject, show } from '../options/option-checks.js';

/** How the Chainlit UI shows steps, as its `ui.cot` setting. */
export const COT_MODES = ['full', 'tool_call', 'hidden'] as const;

/** The language tags `GET /project/translations` takes (Chainlit's pattern). */
export const LANGUAGE_PATTERN =
  /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,3})?(-[a-zA-Z0-9]{2,8})?(-x-[a-zA-Z0-9]{1,8})?$/;

/** Checks the `ui` option; `ui.cot` is one of `COT_MODES` (`'full'` unless set). */
export function resolveUi(value: unknown): Record<string, unknown> {
  const ui = checkObject('ui', value);
  const cot = ui.cot ?? 'full';
  if (!COT_MODES.includes(cot as (typeof COT_MODES)[number])) {
    throw new ChatOptionsError(
      'ui.cot',
      `must be one of ${COT_MODES.join(', ')}, got ${show(cot)}`,
    );
  }
  return { ...ui, cot };
}

/** Checks the `translations` option: `{ dir?, languages? }`. */
export function resolveTranslations(value: unknown): ResolvedChatOptions['translations'] {
  if (!isObject(value))
    throw new ChatOptionsError('translations', 'must be an object { dir?, languages? }');
  const dir = value.dir === undefined ? undefined : checkDir('translations.dir', value.dir);
  const languages = value.languages ?? {};
  if (!isObject(languages)) {
    throw new ChatOptionsError(
      'translations.languages',
      'must be an object of translations by language',
    );
  }
  for (const [language, translation] of Object.entries(languages)) {
    if (!LANGUAGE_PATTERN.test(language)) {
      throw new ChatOptionsError(
        `translations.languages`,
        `has a key that is not a language tag: ${show(language)}`,
      );
    }
    if (!isObject(translation)) {
      throw new ChatOptionsError(`translations.languages.${language}`, 'must be an object');
    }
  }
  return { dir, languages: languages as Record<string, Record<string, unknown>> };
}

/** Checks the `favicon` option: a file. */
export function resolveFavicon(value: unknown): string | undefined {
  return value === undefined ? undefined : checkFile('favicon', value);
}

/** Checks the `logo` option: `{ light?, dark? }`, files. */
export function resolveLogo(value: unknown): ResolvedChatOptions['logo'] {
  if (!isObject(value)) throw new ChatOptionsError('logo', 'must be an object { light?, dark? }');
  const logo: ResolvedChatOptions['logo'] = {};
  for (const [theme, file] of Object.entries(value)) {
    if (theme !== 'light' && theme !== 'dark') {
      throw new ChatOptionsError(`logo.${theme}`, 'is not a theme: light or dark');
    }
    if (file !== undefined) logo[theme] = checkFile(`logo.${theme}`, file);
  }
  return logo;
}

/** Checks the `publicDir` option: `false` or a folder. */
export function resolvePublicDir(value: unknown): false | string {
  return value === false ? false : checkDir('publicDir', value);
}

/** Checks the `avatarsDir` option: `false` or a folder. */
export function resolveAvatarsDir(value: unknown): false | string {
  return value === false ? false : checkDir('avatarsDir', value);
}

function checkFile(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ChatOptionsError(name, `must be the path of a file, got ${show(value)}`);
  }
  const path = resolve(value);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new ChatOptionsError(name, `must be a file, and ${path} is none`);
  }
  return path;
}

function checkDir(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ChatOptionsError(name, `must be the path of a folder, got ${show(value)}`);
  }
  const path = resolve(value);
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ChatOptionsError(name, `must be a folder, and ${path} is none`);
  }
  return path;
}
