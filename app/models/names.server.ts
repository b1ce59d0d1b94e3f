// Rules for the names people sign with: pseudonyms, usernames and pen names.

export const MAX_NAME_LENGTH = 40;

/** Names nobody may take, whatever their spelling. */
export const RESERVED_NAMES = [
  "admin",
  "administrator",
  "moderator",
  "mod",
  "editor",
  "staff",
  "picket",
  "anonymous",
  "anon",
  "system",
  "branch secretary",
];

// Control characters, and characters that draw nothing or reverse text (zero-width spaces
// and joiners, bidirectional marks, soft hyphens, variation selectors...).
const INVISIBLE_OR_CONTROL =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u034F\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F\u180B-\u180D]|[\u{E0100}-\u{E01EF}]/u;

/** Why a name cannot be used as written, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.trim().length === 0) return "Write a name, or choose Anonymous.";
  if ([...name].length > MAX_NAME_LENGTH) return `A name can be at most ${MAX_NAME_LENGTH} characters long.`;
  if (INVISIBLE_OR_CONTROL.test(name)) return "A name cannot contain control or invisible characters.";
  if (name !== name.trim()) return "A name cannot start or end with a space.";
  if (/\s{2,}/.test(name)) return "A name cannot contain several spaces in a row.";
  if (!/[\p{L}\p{N}]/u.test(name)) return "A name needs at least one letter or digit.";
  if (/[◆◇#]/.test(name)) return "A name cannot contain ◆, ◇ or # (# starts a tripcode secret).";
  return null;
}

// Letters and digits that look alike, folded onto one form so "Adm1n" is "admin".
const LOOKALIKES: Record<string, string> = {
  "0": "o",
  "1": "l",
  i: "l",
  "|": "l",
  "!": "l",
  "3": "e",
  "4": "a",
  "@": "a",
  "5": "s",
  $: "s",
  "7": "t",
  "8": "b",
  "9": "g",
  // Cyrillic and Greek letters drawn like Latin ones.
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "l",
  ј: "j",
  ѕ: "s",
  к: "k",
  м: "m",
  т: "t",
  в: "b",
  н: "h",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  τ: "t",
  κ: "k",
  ι: "l",
  υ: "u",
  χ: "x",
};

/**
 * The key two names share when a reader could mistake one for the other: case, accents,
 * spacing, punctuation and lookalike letters are folded away.
 */
export function nameKey(name: string): string {
  const folded = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let key = "";
  for (const ch of folded) key += LOOKALIKES[ch] ?? ch;
  return key
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const RESERVED_KEYS = new Set(RESERVED_NAMES.map(nameKey));

/** True when the name folds onto one nobody may take. */
export function isReservedName(name: string): boolean {
  return RESERVED_KEYS.has(nameKey(name));
}

/** Splits `name#secret` into the shown name and the tripcode secret. */
export function splitTripcode(input: string): { name: string; secret: string | null } {
  const at = input.indexOf("#");
  if (at === -1) return { name: input.trim(), secret: null };
  return { name: input.slice(0, at).trim(), secret: input.slice(at + 1) };
}
