// Headless Chromium for the specs that look at a page as a person would (the report, the live page). The browser
// is found on the PATH (`chromium`, `chromium-browser`, `google-chrome`) or at CHROMIUM_PATH; where there is none,
// those specs skip and say so in their title.
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

function findChromium(): string | undefined {
  const named = process.env['CHROMIUM_PATH'];
  if (named !== undefined && named !== '' && existsSync(named)) return named;
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const candidate = join(folder, name);
      if (folder !== '' && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The Chromium executable found, or `undefined`. */
export const chromiumPath = findChromium();

/** `describe` when Chromium is there; otherwise a skipped suite whose title says why. */
export const describeInBrowser = (title: string, body: () => void): void => {
  if (chromiumPath === undefined) describe.skip(`${title} (skipped: no Chromium found on the PATH or at CHROMIUM_PATH)`, body);
  else describe(title, body);
};

/** Launches headless Chromium with the flags a closed network needs. */
export function launchBrowser(): Promise<Browser> {
  if (chromiumPath === undefined) throw new Error('no Chromium');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where the specs keep their screenshots (gitignored): `.tmp/screenshots/`. */
export function screenshotPath(name: string): string {
  const folder = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}
