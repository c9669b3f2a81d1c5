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
