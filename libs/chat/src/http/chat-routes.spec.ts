import { isChatRoute } from './chat-routes.js';

describe('isChatRoute', () => {
  it('knows the chat routes, under the global prefix or none', () => {
    for (const path of ['/user', '/login', '/project/file/1', '/auth/config', '/feedback']) {
      expect(isChatRoute(path)).toBe(true);
      expect(isChatRoute(`/api${path}`, 'api')).toBe(true);
      expect(isChatRoute(`/api${path}`, '/api/')).toBe(true);
      expect(isChatRoute(path, 'api')).toBe(false);
    }
  });

  it('leaves the app its own routes, even those that start alike', () => {
    for (const path of ['/', '/users', '/projects', '/project', '/authors', '/app/user']) {
      expect(isChatRoute(path)).toBe(false);
    }
  });
});
