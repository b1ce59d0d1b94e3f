// For tests that change the environment: the app reads it once into its settings
// (app/env.server.ts), so a change is followed by a fresh read, and every change is undone
// after the test.
import { afterEach } from "vitest";
import { resetSettings } from "~/env.server";

/** Returns `setEnvironment(vars)`, which sets variables for the current test only. */
export function useEnvironment() {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetSettings();
  });
  return (vars: Record<string, string>) => {
    Object.assign(process.env, vars);
    resetSettings();
  };
}
