// One headless Chromium per test file; a fresh context (cookies, storage) per test; a screenshot of
// the page kept under tests/e2e/artifacts/ when a test fails.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, onTestFailed } from "vitest";

export const ARTIFACTS = path.resolve("tests/e2e/artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function useBrowser() {
  const state = { browser: null as Browser | null, contexts: [] as BrowserContext[], pages: [] as Page[], cspViolations: [] as string[] };
  const baseUrl = inject("baseUrl");

  beforeAll(async () => {
    state.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  // Contexts of a test are closed when the next test starts (or at the end), so that a failed
  // test's pages are still open when its screenshots are taken.
  async function closeContexts() {
    await Promise.all(state.contexts.map((c) => c.close()));
    state.contexts = [];
    state.pages = [];
  }
  afterAll(async () => {
    await closeContexts();
    await state.browser?.close();
  });
  // Every page must pass the Content-Security-Policy (server/security-headers.ts): a refused inline
  // script or connection shows in the console, and fails the test that loaded it.
  afterEach(() => {
    const violations = state.cspViolations;
    state.cspViolations = [];
    expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
  });
  beforeEach(async ({ task }) => {
    await closeContexts();
    onTestFailed(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const name = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 80);
      for (const [i, page] of state.pages.entries()) {
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${i}.png`), fullPage: true }).catch(() => {});
      }
    });
  });

  /** A new browser context (its own cookies) and page, in English unless told otherwise. */
  async function newPage(locale = "en-GB"): Promise<Page> {
    const context = await state.browser!.newContext({ baseURL: baseUrl, locale });
    context.setDefaultTimeout(10_000);
    state.contexts.push(context);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) state.cspViolations.push(`${page.url()}: ${message.text()}`);
    });
    state.pages.push(page);
    return page;
  }

  async function logIn(page: Page, email: string, password = "comptoir-demo") {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }

  return { newPage, logIn, baseUrl };
}
