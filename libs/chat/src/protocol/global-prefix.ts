import type { ApplicationConfig } from '@nestjs/core';

/**
 * A global prefix as a path root: `''` for none, else `/api` (one leading slash, no trailing
 * one), so that `${root}${path}` is where a chat path is served.
 */
export function prefixRoot(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/** The app's global prefix as a path root (see `prefixRoot`). */
export function globalPrefixRoot(appConfig: ApplicationConfig): string {
  return prefixRoot(appConfig.getGlobalPrefix());
}

/**
 * Where the chat's paths start: the app's global prefix, then the module's `mount` (`''` or
 * `/chat`), so that `${root}/user` is the chat's `/user` route.
 */
export function chatRoot(appConfig: ApplicationConfig, mount: string): string {
  return `${globalPrefixRoot(appConfig)}${mount}`;
}
