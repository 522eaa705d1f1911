import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type ConsoleMessage } from 'playwright-core';

/** Debian's Chromium. CI machines get it with `apt-get install -y chromium`. */
export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type Browser = {
  /** The single browser context, with its own fresh profile. */
  context: BrowserContext;
  /** Content-Security-Policy violations seen so far, on any page of this browser (one line each). */
  cspViolations(): readonly string[];
  /** Returns the violations seen so far and forgets them (for a test that causes one on purpose). */
  takeCspViolations(): string[];
  /**
   * Closes Chromium and deletes its profile folder. Safe to call twice. Then fails, with the list,
   * if any page broke the Content-Security-Policy while this browser was open.
   */
  close(): Promise<void>;
};

/** Name of the function the init script calls to report a violation back to the test. */
const reportBinding = 'spcReportCspViolation';

/**
 * Runs in every page and frame before the page's own scripts: reports every
 * `securitypolicyviolation` event (what was blocked, by which directive, from where).
 */
function listenForCspViolations(binding: string): void {
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const report = (window as unknown as Record<string, ((line: string) => Promise<void>) | undefined>)[binding];
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` : '';
      const line = `${event.effectiveDirective || event.violatedDirective} blocked ${event.blockedURI || '(inline)'} on ${event.documentURI}${where}${event.sample ? ` (sample: ${event.sample})` : ''}`;
      void report?.(line);
    },
    { capture: true },
  );
}

/** Chromium also writes each violation to the console (this catches pages with JavaScript off too). */
function isCspConsoleMessage(message: ConsoleMessage): boolean {
  return /Content Security Policy/i.test(message.text());
}

/**
 * Starts headless Chromium with a fresh profile in a temporary folder (so no service worker,
 * cache or storage is left from another run). Language is pinned to English unless asked.
 * Every page it opens is watched for Content-Security-Policy violations (an event listener added
 * before the page's scripts, and the console); `close()` fails if there were any.
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<Browser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'spc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'allow',
      ...options,
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw new Error(
      `Could not start Chromium at ${chromiumPath} (install it with \`apt-get install -y chromium\`): ${String(error)}`,
    );
  }
  let violations: string[] = [];
  try {
    await context.exposeBinding(reportBinding, (_source, line: unknown) => {
      violations.push(`event: ${String(line)}`);
    });
    await context.addInitScript(listenForCspViolations, reportBinding);
    context.on('console', (message) => {
      if (isCspConsoleMessage(message)) violations.push(`console (${message.page()?.url() ?? 'worker'}): ${message.text()}`);
    });
  } catch (error) {
    await context.close().catch(() => {});
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    context,
    cspViolations: () => violations,
    takeCspViolations() {
      const taken = violations;
      violations = [];
      return taken;
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
      if (violations.length > 0) {
        throw new Error(`${violations.length} Content-Security-Policy violations while the browser was open:\n\n${violations.join('\n')}\n`);
      }
    },
  };
}
