import { prefixRoot } from '../protocol/global-prefix.js';

/** The chat's HTTP routes (under the app's global prefix), for its middleware and CORS. */
export const CHAT_HTTP_ROUTES = [
  'auth/*splat',
  'project/*splat',
  'user',
  'login',
  'logout',
  'set-session-cookie',
  'feedback',
];

/** Whether `path` (a request's, under the app's global `prefix`) is one of the chat's routes. */
export function isChatRoute(path: string, prefix = ''): boolean {
  const base = `${prefixRoot(prefix)}/`;
  if (!path.startsWith(base)) return false;
  const route = path.slice(base.length);
  return CHAT_HTTP_ROUTES.some((pattern) =>
    pattern.endsWith('/*splat')
      ? route.startsWith(pattern.slice(0, -'*splat'.length))
      : route === pattern || route === `${pattern}/`,
  );
}
