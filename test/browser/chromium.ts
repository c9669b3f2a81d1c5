import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which the browser tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go (the CI artifacts); created on first use. */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Where the playground's screenshots go; created on first use. */
export const SCREENSHOTS = fileURLToPath(
  new URL('../../test-results/screenshots/', import.meta.url),
);

/** Headless, and no connections of its own: this machine's network is closed. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium; fails with what to install if it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) to run the browser tests`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page of fixtures/ bundled for the browser (React, the Chainlit client), as one script. */
export async function bundleFixture(file: string): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
  });
  return bundle.outputFiles[0].text;
}

/** Serves a bundled fixture on `app` at `/__test/index.html` (and its script, `/__test/app.js`). */
export function serveFixture(app: { getHttpAdapter(): { getInstance(): any } }, script: string) {
  const express = app.getHttpAdapter().getInstance();
  express.get('/__test/index.html', (_req: unknown, res: any) =>
    res.type('html').send(FIXTURE_PAGE),
  );
  express.get('/__test/app.js', (_req: unknown, res: any) =>
    res.type('application/javascript').send(script),
  );
}

/** The page that loads a bundled fixture. */
export const FIXTURE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>chainlit client</title></head>
<body><div id="root"></div><script src="/__test/app.js"></script></body></html>`;

/**
 * Records a page's uncaught errors, and what breaks its Content-Security-Policy, into `problems`
 * (a test then expects both empty).
 */
export async function watchPage(
  page: Page,
  problems: { pageErrors: string[]; cspViolations: string[] },
): Promise<void> {
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      problems.cspViolations.push(message.text());
    }
  });
  await page.addInitScript(() =>
    (globalThis as any).document.addEventListener('securitypolicyviolation', (event: any) =>
      console.error(
        `Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      ),
    ),
  );
}
