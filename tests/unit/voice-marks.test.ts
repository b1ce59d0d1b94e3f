// A voice's mark: the same voice has the same mark wherever it appears, marks differ between
// voices, and every colour stands out from the page for readers who see colour poorly.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MARK_HUES, MARK_SHAPES, voiceMark, voiceMarkClass } from "~/components/voice-mark";

const css = readFileSync(new URL("../../app/styles/app.css", import.meta.url), "utf8");

/** WCAG's relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
/** The stylesheet's dark-theme blocks, and the rest (the light theme). */
function themes(text: string) {
  const opening = "@media (prefers-color-scheme: dark)";
  let dark = "";
  let light = "";
  let at = 0;
  for (let start = text.indexOf(opening); start !== -1; start = text.indexOf(opening, at)) {
    light += text.slice(at, start);
    let depth = 0;
    let end = text.indexOf("{", start);
    do {
      if (text[end] === "{") depth++;
      if (text[end] === "}") depth--;
      end++;
    } while (depth > 0 && end < text.length);
    dark += text.slice(start, end);
    at = end;
  }
  return { light: light + text.slice(at), dark };
}
const sheets = themes(css);

/** The colour `--name` in a theme. */
const cssColour = (name: string, theme: "light" | "dark" = "light") => {
  const found = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(sheets[theme]);
  if (!found) throw new Error(`--${name} is not in app.css for the ${theme} theme`);
  return found[1];
};

describe("voice marks", () => {
  it("gives a label the same mark every time, and a class per shape and colour", () => {
    expect(voiceMark("Anonymous ·7F3A")).toEqual(voiceMark("Anonymous ·7F3A"));
    expect(voiceMarkClass("rosa")).toMatch(/^mark shape-[0-7] hue-[0-7]$/);
  });

  it("spreads thirty poster tags of one thread over most shapes and colours", () => {
    const tags = Array.from({ length: 30 }, (_, i) => `Anonymous ·${(0x1000 + i * 7919).toString(36).toUpperCase()}`);
    const marks = tags.map(voiceMark);
    expect(new Set(marks.map((m) => m.shape)).size).toBeGreaterThanOrEqual(MARK_SHAPES - 2);
    expect(new Set(marks.map((m) => m.hue)).size).toBeGreaterThanOrEqual(MARK_HUES - 2);
    expect(new Set(marks.map((m) => `${m.shape}/${m.hue}`)).size).toBeGreaterThanOrEqual(20);
  });

  it("draws every shape and colour, each colour at least 3:1 against the page and the cards, in both themes", () => {
    for (let shape = 0; shape < MARK_SHAPES; shape++) expect(css).toContain(`.shape-${shape} {`);
    for (let hue = 0; hue < MARK_HUES; hue++) {
      expect(css).toContain(`.hue-${hue} {`);
      const colour = cssColour(`mark-${hue}`);
      for (const background of ["paper", "card"])
        expect(contrast(colour, cssColour(background))).toBeGreaterThanOrEqual(3);
    }
  });
});
