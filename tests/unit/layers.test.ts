// The layers stay in order: lib (the database, keys, HTTP helpers) runs no code of the models,
// the models import each other without a cycle, and the route modules that are not routes
// (app/routes/*.server.ts) are imported from neither.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

/** The app modules a module imports, as paths relative to app/; `types`: with those it imports only types of. */
function importsOf(file: string, { types = true } = {}): string[] {
  const source = readFileSync(path.join(app, file), "utf8");
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b([^;]*?)\bfrom\s+"([^"]+)"/g)]
    .filter((m) => types || !/^\s*type\b/.test(m[1]))
    .map((m) => m[2]);
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith("~/")
      ? specifier.slice(2)
      : specifier.startsWith(".")
        ? path.join(path.dirname(file), specifier)
        : null;
    if (base === null) return [];
    const found = ["", ".ts", ".tsx"].map((ext) => base + ext).find((f) => existsSync(path.join(app, f)));
    return found ? [found] : [];
  });
}

const modulesIn = (dir: string) =>
  readdirSync(path.join(app, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => `${dir}/${f}`);

/** Every import cycle among `files`, each as the path that closes it. */
function cyclesAmong(files: string[], importsOf: (file: string) => string[]): string[][] {
  const inSet = new Set(files);
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) return void cycles.push([...trail.slice(at), file]);
    if (done.has(file)) return;
    for (const next of importsOf(file).filter((f) => inSet.has(f))) visit(next, [...trail, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}

describe("the layers of the app", () => {
  it("finds the imports it looks for", () => {
    expect(importsOf("models/posts.server.ts")).toEqual(
      expect.arrayContaining(["lib/db.server.ts", "models/errors.server.ts", "models/tags.server.ts"]),
    );
    // PostForm names the post form's type only.
    expect(importsOf("components/PostForm.tsx")).toContain("routes/forms.server.ts");
    expect(importsOf("components/PostForm.tsx", { types: false })).not.toContain("routes/forms.server.ts");
    const graph: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"], d: ["a"] };
    expect(cyclesAmong(Object.keys(graph), (f) => graph[f])).toEqual([["a", "b", "c", "a"]]);
  });

  it("has no import cycle among the models", () => {
    expect(cyclesAmong(modulesIn("models"), importsOf)).toEqual([]);
  });

  it("has lib import nothing from the models or the routes", () => {
    const upward = modulesIn("lib").flatMap((file) =>
      importsOf(file)
        .filter((f) => f.startsWith("models/") || f.startsWith("routes/"))
        .map((f) => `${file} → ${f}`),
    );
    expect(upward).toEqual([]);
  });

  it("has the models import nothing from the routes", () => {
    const upward = modulesIn("models").flatMap((file) =>
      importsOf(file)
        .filter((f) => f.startsWith("routes/"))
        .map((f) => `${file} → ${f}`),
    );
    expect(upward).toEqual([]);
  });
});
