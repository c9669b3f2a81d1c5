import cors from 'cors';
import type { IncomingMessage } from 'node:http';

/** CORS options, or a function that gives them for a request (as `app.enableCors` takes). */
export type CorsSetting = cors.CorsOptions | cors.CorsOptionsDelegate<IncomingMessage>;

/**
 * Whether CORS `setting` lets a request from a browser page of its `Origin` through: whether the
 * `cors` package, run on it, answers with `Access-Control-Allow-Origin` naming that origin (or
 * `*`). Every form of the setting counts as it would in the app's CORS middleware: a list,
 * a pattern, a function of the origin, a function of the request.
 */
export function corsAllows(setting: CorsSetting, req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = new Map<string, number | string | readonly string[]>();
    const decided = () => {
      const allowed = headers.get('access-control-allow-origin');
      resolve(allowed === '*' || allowed === req.headers.origin);
    };
    // What the package uses of a response: headers, a status, and end() for a preflight.
    const response = {
      statusCode: 200,
      setHeader: (name: string, value: number | string | readonly string[]) =>
        headers.set(name.toLowerCase(), value),
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end: decided,
    };
    cors<IncomingMessage>(setting)(req, response as never, (error?: unknown) =>
      error ? resolve(false) : decided(),
    );
  });
}
