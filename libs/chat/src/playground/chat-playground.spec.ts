import { configJson, highlighterModule, renderPlaygroundPage } from './chat-playground.js';

describe('the playground page settings', () => {
  it('are JSON that no "<" in a value can break out of', () => {
    const json = configJson({ socketPath: '/ws/socket.io', httpRoot: '/</script><!--x' });
    expect(json).toBe('{"socketPath":"/ws/socket.io","httpRoot":"/\\u003c/script>\\u003c!--x"}');
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ socketPath: '/ws/socket.io', httpRoot: '/</script><!--x' });
  });

  it('go in place of the placeholder, as they are ($ patterns included)', () => {
    const page = renderPlaygroundPage('<script type="application/json">{{config}}</script>', {
      socketPath: "/$&$'/socket.io",
      httpRoot: '',
    });
    expect(page).toBe(
      '<script type="application/json">{"socketPath":"/$&$\'/socket.io","httpRoot":""}</script>',
    );
  });

  it('need the placeholder exactly once', () => {
    const config = { socketPath: '/ws/socket.io', httpRoot: '' };
    expect(() => renderPlaygroundPage('<p></p>', config)).toThrow(/exactly once/);
    expect(() => renderPlaygroundPage('{{config}}{{config}}', config)).toThrow(/exactly once/);
  });
});

describe('the highlighter module the page imports', () => {
  it('imports the core and each language beside it, registers each by its name, exports the core', () => {
    expect(highlighterModule(['python', 'typescript']).split('\n')).toEqual([
      "import hljs from './core.js';",
      "import grammar0 from './python.js';",
      "import grammar1 from './typescript.js';",
      "hljs.registerLanguage('python', grammar0);",
      "hljs.registerLanguage('typescript', grammar1);",
      'export default hljs;',
      '',
    ]);
  });
});
