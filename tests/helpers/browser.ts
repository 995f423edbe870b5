/**
 * Real Chromium for the browser tests: Debian's `chromium` package driven by playwright-core (npm's
 * browser downloads do not work here). A missing browser fails with one sentence saying what to install.
 * axe-core is evaluated in the page (not injected as a <script>, which the pages' CSP refuses).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../infra/local/stack.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the browser tests need it. Install it with ` +
        '`apt-get install -y chromium fonts-wqy-microhei` (Debian/Ubuntu; .ci/run does this) or set CHROMIUM_PATH.',
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No --user-data-dir here: playwright-core refuses it in launch() and gives every launch a fresh
      // temporary profile of its own, removed on close.
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Strings, evaluated in the page (this file is compiled without the DOM's types).
  const hasAxe = await page.evaluate<boolean>("'axe' in window");
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 740 },
} as const;

/**
 * At desktop and phone width: a full-page screenshot into docs/screenshots/<name>-<width>.png, axe's
 * serious and critical violations, and whether the page scrolls sideways at 360 px (it must not).
 */
export async function checkPage(page: Page, name: string): Promise<{ violations: AxeViolation[]; overflow: number }> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const violations: AxeViolation[] = [];
  let overflow = 0;
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(undefined)))');
    violations.push(...(await seriousViolations(page)).map((v) => ({ ...v, help: `${label}: ${v.help}` })));
    if (label === 'phone') overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  return { violations, overflow };
}
