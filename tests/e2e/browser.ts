// Debian's Chromium driven by playwright-core: a real browser for the main journeys.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { findChromium } from "../../scripts/test/needs";

declare global {
  interface Window {
    /** Set by a test in a page: still there only if the page has not been reloaded since. */
    notReloaded?: boolean;
  }
}

const CHROMIUM = findChromium();
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Runs in every page before its own scripts: reports Content Security Policy violations,
// which the page cannot hide (the binding is not subject to the page's CSP).
const REPORT_CSP = `
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__picketCsp?.(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " on " + e.documentURI + (e.sourceFile ? " (" + e.sourceFile + ":" + e.lineNumber + ")" : ""));
  });
`;

/** One browser for the test file; each call to `open` is a fresh profile (no cookies). */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const problemsAt: { problem: string; url: string }[] = [];
  const cspViolations: string[] = [];
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        "No Chromium: `npm test` installs it when it can; or apt-get install -y chromium (or set CHROMIUM_PATH).",
      );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    /** A new page in a fresh profile; console errors, page errors and CSP violations are collected. */
    async open({
      javaScript = true,
      colorScheme = "light",
      viewport,
    }: {
      javaScript?: boolean;
      /** The theme the reader's system asks for. */
      colorScheme?: "light" | "dark";
      viewport?: { width: number; height: number };
    } = {}): Promise<Page> {
      const context = await browser!.newContext({ javaScriptEnabled: javaScript, colorScheme, viewport });
      contexts.push(context);
      if (javaScript) {
        await context.exposeBinding(
          "__picketCsp",
          (_source, report: string) => void cspViolations.push(`securitypolicyviolation: ${report}`),
        );
        await context.addInitScript(REPORT_CSP);
      }
      const page = await context.newPage();
      const note = (problem: string, url = page.url()) => {
        problems.push(problem);
        problemsAt.push({ problem, url });
      };
      page.on("console", (m) => {
        // A failed load is told by the resource's address; anything else by the page's.
        if (m.type() === "error")
          note(
            `console error: ${m.text()}`,
            (m.text().startsWith("Failed to load resource") && m.location().url) || page.url(),
          );
        if (m.text().includes("Content Security Policy")) cspViolations.push(`console: ${m.text()} (${page.url()})`);
      });
      page.on("pageerror", (e) => note(`page error: ${e.message}`));
      return page;
    },
    problems,
    /** The same, each with the address it happened at (a failed resource's own address). */
    problemsAt,
    /** Violations seen in any page: `securitypolicyviolation` events and the console's CSP lines. */
    cspViolations,
  };
}

/** Waits until React has hydrated the page: its router is up and the page's elements are React's. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return Boolean(
      window.__remixRouter?.state?.initialized && main && Object.keys(main).some((k) => k.startsWith("__reactFiber")),
    );
  });
}

let axeSource: string | undefined;

export type AxeViolation = { page: string; rule: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core in the page and returns every violation it finds, of any impact. The source is
 * evaluated through the DevTools protocol rather than added as a <script> tag, so a strict
 * Content Security Policy neither blocks it nor reports it.
 */
export async function accessibilityProblems(page: Page, label = new URL(page.url()).pathname): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] =
    await page.evaluate(async () => {
      const { axe } = window as unknown as { axe: typeof import("axe-core") };
      const result = await axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      }));
    });
  return violations.map((v) => ({
    page: label,
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(" ")),
  }));
}
