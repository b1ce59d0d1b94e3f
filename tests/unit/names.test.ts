import { describe, expect, it } from "vitest";
import { isReservedName, MAX_NAME_LENGTH, nameKey, nameProblem, splitTripcode } from "~/models/names.server";

describe("nameProblem", () => {
  it("allows at most 40 characters", () => {
    expect(MAX_NAME_LENGTH).toBe(40);
  });

  it.each(["", " ", "   ", "\u3000"])("refuses an empty or blank name (%j)", (name) => {
    expect(nameProblem(name)).toMatch(/write a name/i);
  });

  it("refuses a name over 40 characters", () => {
    expect(nameProblem("A".repeat(41))).toMatch(/at most 40/);
    expect(nameProblem("Grumpy Postal Officer of the Night Shifts")).toMatch(/at most 40/);
  });

  it.each([
    ["NUL", "Ann\u0000"],
    ["BEL", "Ann\u0007Bob"],
    ["newline", "Ann\nBob"],
    ["tab", "Ann\tBob"],
    ["DEL", "Ann\u007FBob"],
  ])("refuses a control character (%s)", (_what, name) => {
    expect(nameProblem(name)).toMatch(/control or invisible/);
  });

  it.each([
    ["zero-width space", "Ro\u200Bsa"],
    ["zero-width joiner", "Ro\u200Dsa"],
    ["right-to-left override", "Ro\u202Esa"],
    ["soft hyphen", "Ro\u00ADsa"],
    ["byte-order mark", "Ro\uFEFFsa"],
    ["leading byte-order mark", "\uFEFFRosa"],
    ["trailing zero-width space", "Rosa\u200B"],
    ["variation selector", "Rosa\uFE0F"],
    ["Hangul filler", "Ro\u3164sa"],
  ])("refuses an invisible character (%s)", (_what, name) => {
    expect(nameProblem(name)).toMatch(/control or invisible/);
  });

  it.each([" Rosa", "Rosa ", "  Rosa  "])("refuses leading or trailing spaces (%j)", (name) => {
    expect(nameProblem(name)).toMatch(/start or end with a space/);
  });

  it("refuses several spaces in a row", () => {
    expect(nameProblem("Half  Past Six")).toMatch(/several spaces/);
  });

  it.each(["...", "---", "?!?", "!!!", "@@@", "$$$", "|||"])("refuses a name of only punctuation (%j)", (name) => {
    expect(nameProblem(name)).not.toBeNull();
  });

  it.each(["Ann#secret", "#", "Ann ◆ Bob", "◆ABCDEFGH", "Ann ◇"])("refuses names containing # or ◆ (%j)", (name) => {
    expect(nameProblem(name)).not.toBeNull();
  });

  it.each(["Grumpy PO", "Siân", "Half Past Six", "rosa", "Zoë O'Neill", "Jo-Anne", "李明", "Shop Steward 2"])(
    "accepts %j",
    (name) => {
      expect(nameProblem(name)).toBeNull();
    },
  );

  it("accepts a name of exactly 40 characters", () => {
    const name = "Grumpy Postal Officer of the Night Shift";
    expect([...name]).toHaveLength(40);
    expect(nameProblem(name)).toBeNull();
  });

  it("counts characters, not UTF-16 units, so 40 accented or astral characters are fine", () => {
    expect(nameProblem("é".repeat(40))).toBeNull();
    expect(nameProblem("𝒜".repeat(40))).toBeNull();
    expect(nameProblem("𝒜".repeat(41))).toMatch(/at most 40/);
  });
});

describe("nameKey", () => {
  it.each(["Admin", "ADMIN", "Adm1n", "\u0410dmin", "A d m i n", "Àdmïn", "a.d.m.i.n", "\u0391DMIN"])(
    'folds %j onto the same key as "admin"',
    (name) => {
      expect(nameKey(name)).toBe(nameKey("admin"));
    },
  );

  it("folds rn onto m", () => {
    expect(nameKey("rn")).toBe(nameKey("m"));
    expect(nameKey("Ma rn ie")).toBe(nameKey("Mamie"));
  });

  it("folds vv onto w", () => {
    expect(nameKey("vvill")).toBe(nameKey("will"));
  });

  it("folds the digit 0 onto the letter o", () => {
    expect(nameKey("R0sa")).toBe(nameKey("Rosa"));
  });

  it("folds Cyrillic lookalikes onto Latin letters", () => {
    expect(nameKey("R\u043Es\u0430")).toBe(nameKey("Rosa")); // Cyrillic о and а
  });

  it("gives different names different keys", () => {
    expect(nameKey("rosa")).not.toBe(nameKey("rose"));
    expect(nameKey("Grumpy PO")).not.toBe(nameKey("Happy PO"));
    expect(nameKey("Ann")).not.toBe(nameKey("Anna"));
  });

  it("keeps letters outside Latin", () => {
    expect(nameKey("李明")).toBe("李明");
    expect(nameKey("李明")).not.toBe(nameKey("王明"));
  });
});

describe("isReservedName", () => {
  it.each([
    "Admin",
    "moderator",
    "M0derator",
    "Anonymous",
    "Editor",
    "ADMINISTRATOR",
    "Mod",
    "Branch Secretary",
    "Picket",
    "Anon",
    "St@ff",
  ])("reserves %j", (name) => {
    expect(isReservedName(name)).toBe(true);
  });

  it.each(["Grumpy PO", "Rosa", "Admiral", "Moderate"])("does not reserve %j", (name) => {
    expect(isReservedName(name)).toBe(false);
  });
});

describe("splitTripcode", () => {
  it("splits name#secret at the first #", () => {
    expect(splitTripcode("Ann#my secret")).toEqual({ name: "Ann", secret: "my secret" });
  });

  it("keeps later # signs in the secret", () => {
    expect(splitTripcode("Ann#a#b")).toEqual({ name: "Ann", secret: "a#b" });
  });

  it("gives a null secret when there is no #", () => {
    expect(splitTripcode("Ann")).toEqual({ name: "Ann", secret: null });
  });

  it("gives an empty secret for a trailing #", () => {
    expect(splitTripcode("Ann#")).toEqual({ name: "Ann", secret: "" });
  });

  it("trims the name but not the secret", () => {
    expect(splitTripcode(" Ann #  s ")).toEqual({ name: "Ann", secret: "  s " });
  });
});
