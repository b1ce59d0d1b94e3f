// A voice's mark: a small shape in a colour, derived from its label, so that a reader can follow
// one speaker through a busy thread at a glance. The shape alone tells marks apart for readers
// who do not see colour; the label beside it is always there.

/** Shapes and colours a mark is drawn from (app/styles/app.css draws them). */
export const MARK_SHAPES = 8;
export const MARK_HUES = 8;

/** The mark of a voice label ("Anonymous ·7F3A", "rosa"): the same label, the same mark. */
export function voiceMark(label: string): { shape: number; hue: number } {
  // FNV-1a: a fast, well-spread hash of the label's characters.
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash >>>= 0;
  return { shape: hash % MARK_SHAPES, hue: Math.floor(hash / MARK_SHAPES) % MARK_HUES };
}

/** The mark's class names. */
export function voiceMarkClass(label: string): string {
  const { shape, hue } = voiceMark(label);
  return `mark shape-${shape} hue-${hue}`;
}
