import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Logger,
  Param,
  Query,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, parse, relative, sep } from 'node:path';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
import { CHAT_OPTIONS } from '../options/chat-options.constants.js';
import { DetailExceptionFilter } from '../validation/detail-exception.filter.js';
import { LANGUAGE_PATTERN } from './chat-ui-options.js';
import { DEFAULT_FAVICON_SVG, DEFAULT_LOGO_SVG } from './default-icons.js';
import { ENGLISH_TRANSLATION } from './english-translation.js';
import { IMAGE_TYPES } from './file-types.js';
import { errorMessage } from '../errors/error-message.js';

/** An avatar name once normalized, as Chainlit's: lowercase letters, digits, `_` and `-`. */
const AVATAR_NAME = /^[a-z0-9_-]{1,100}$/;

/**
 * What the Chainlit UI fetches on each page load besides its settings: its texts in the
 * user's language, the favicon, the logo and the authors' avatars.
 */
@Controller()
@UseFilters(DetailExceptionFilter)
export class ChatUiController {
  private readonly logger = new Logger('ChatUiController');

  constructor(@Inject(CHAT_OPTIONS) private readonly options: ResolvedChatOptions) {}

  /**
   * `{ translation }` for `language`: its own, else its base language's (`fr` for `fr-CA`),
   * else English (the app's `en-US` if it gives one, else the built-in one).
   */
  @Get('project/translations')
  async translations(@Query('language') language: unknown = 'en-US') {
    if (typeof language !== 'string' || !LANGUAGE_PATTERN.test(language)) {
      throw new BadRequestException('language: must be a language tag such as en-US');
    }
    const base = language.split('-')[0];
    for (const candidate of new Set([language, base, 'en-US'])) {
      const translation = await this.translationOf(candidate);
      if (translation) return { translation };
    }
    return { translation: ENGLISH_TRANSLATION };
  }

  /** The app's favicon, or the built-in one. */
  @Get('favicon')
  async favicon(): Promise<StreamableFile> {
    return this.image(this.options.favicon, DEFAULT_FAVICON_SVG);
  }

  /** The app's logo for the theme (light unless said), or the built-in one. */
  @Get('logo')
  async logo(@Query('theme') theme: unknown = 'light'): Promise<StreamableFile> {
    if (theme !== 'light' && theme !== 'dark') {
      throw new BadRequestException('theme: must be light or dark');
    }
    return this.image(this.options.logo[theme], DEFAULT_LOGO_SVG[theme]);
  }

  /**
   * The avatar of an author: `<name>.<ext>` in `avatarsDir` (the name lowercased, spaces as
   * `_`; `default` is the assistant's), else the favicon. Any other name is refused (400).
   */
  @Get('avatars/:name')
  async avatar(@Param('name') raw: string): Promise<StreamableFile> {
    let name = avatarKey(raw);
    if (!AVATAR_NAME.test(name)) {
      throw new BadRequestException('Invalid avatar name: letters, digits, spaces, _ and - only');
    }
    if (name === 'default') name = avatarKey(this.options.assistantName);
    const file = await this.avatarFile(name);
    return file ? this.image(file, DEFAULT_FAVICON_SVG) : this.favicon();
  }

  private async avatarFile(name: string): Promise<string | undefined> {
    const dir = this.options.avatarsDir;
    if (!dir) return undefined;
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (error) {
      this.logger.warn(`avatarsDir ${dir} cannot be read: ${errorMessage(error)}`);
      return undefined;
    }
    const found = entries
      .sort()
      .find((entry) => parse(entry).name.toLowerCase() === name && typeOf(entry) !== undefined);
    if (!found) return undefined;
    const path = join(dir, found);
    const inside = relative(dir, path);
    return inside && !inside.startsWith(`..${sep}`) && inside !== '..' ? path : undefined;
  }

  private async translationOf(language: string): Promise<Record<string, unknown> | undefined> {
    const { languages, dir } = this.options.translations;
    if (Object.hasOwn(languages, language)) return languages[language];
    if (!dir) return language === 'en-US' ? ENGLISH_TRANSLATION : undefined;
    try {
      const parsed: unknown = JSON.parse(await readFile(join(dir, `${language}.json`), 'utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
      this.logger.warn(`translations: ${language}.json is not a JSON object`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        this.logger.warn(`translations: ${language}.json: ${errorMessage(error)}`);
      }
    }
    return language === 'en-US' ? ENGLISH_TRANSLATION : undefined;
  }

  private async image(file: string | undefined, fallback: string): Promise<StreamableFile> {
    if (file) {
      try {
        const bytes = await readFile(file);
        return new StreamableFile(bytes, { type: typeOf(file) ?? 'application/octet-stream' });
      } catch (error) {
        this.logger.warn(`${file} cannot be read: ${errorMessage(error)}`);
      }
    }
    return new StreamableFile(Buffer.from(fallback), { type: IMAGE_TYPES['.svg'] });
  }
}

/** An author's name as its avatar file is named: trimmed, lowercased, spaces as `_`. */
function avatarKey(name: string): string {
  return name.trim().toLowerCase().replace(/ /g, '_');
}

function typeOf(file: string): string | undefined {
  return IMAGE_TYPES[extname(file).toLowerCase()];
}
