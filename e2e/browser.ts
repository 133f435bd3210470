// Debian chromium driven by playwright-core (never a downloaded browser: no internet here).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function origin(slug: string): string {
  return `http://${slug}.localhost:${inject('e2ePort')}`;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  // playwright-core gives every launch a fresh, temporary user-data-dir of its own.
  return chromium.launch({
    headless: true,
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 860 } });
}

/**
 * Opens a page and waits until SvelteKit has hydrated it (the root layout marks <html data-hydrated>),
 * so that clicks go through the enhanced forms rather than racing the page's start-up.
 */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Signs in through the Sign in page exactly as a person would, and waits for the landing page. */
export async function signIn(
  page: Page,
  slug: string,
  email: string,
  password = 'demo-password-2026'
): Promise<void> {
  await gotoHydrated(page, `${origin(slug)}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(my|admin)(\/|$)/);
}

/** Screenshots land in e2e/.artifacts (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(import.meta.dirname, '.artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
