// Muting a voice, as a reader: kept in this browser alone (localStorage), so the page every
// reader shares stays the same bytes for everyone. A voice is what the page already shows of
// it: a poster tag (one thread only), a pseudonym with or without its tripcode, a member's name.
import { createContext, useContext, useMemo, useSyncExternalStore } from "react";

const STORAGE_KEY = "picket-muted-voices";

/** Muted voices: named ones everywhere, and any voice in one thread (by the post's slug). */
type MutedVoices = { everywhere: string[]; threads: Record<string, string[]> };

export type Mutes = {
  isMuted: (voice: string) => boolean;
  mute: (voice: string, everywhere: boolean) => void;
  unmute: (voice: string) => void;
};

/** An anonymous poster tag is the same voice in one thread only: it cannot be muted everywhere. */
export const isNamedVoice = (voice: string) => voice !== "" && !voice.startsWith("Anonymous");

function parse(stored: string | null): MutedVoices {
  try {
    const parsed = JSON.parse(stored ?? "null") as Partial<MutedVoices> | null;
    return {
      everywhere: Array.isArray(parsed?.everywhere) ? parsed.everywhere.filter((v) => typeof v === "string") : [],
      threads: parsed?.threads && typeof parsed.threads === "object" ? parsed.threads : {},
    };
  } catch {
    return { everywhere: [], threads: {} };
  }
}

/** What is stored, as text (the same text is the same snapshot); "" when storage cannot be read. */
function stored(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Tells this tab's threads of a change made here (other tabs hear the storage event). */
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function change(next: (current: MutedVoices) => MutedVoices) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next(parse(stored()))));
  } catch {
    // Storage refused (private mode, full): nothing is muted.
  }
  for (const listener of listeners) listener();
}

/** The reader's muted voices on the thread `slug`; null on the server and before the page runs (and without JavaScript). */
export function useMutes(slug: string): Mutes | null {
  const text = useSyncExternalStore(subscribe, stored, () => null);
  return useMemo(() => {
    if (text === null) return null;
    const muted = parse(text);
    const here = new Set([...muted.everywhere, ...(muted.threads[slug] ?? [])]);
    return {
      isMuted: (voice) => voice !== "" && here.has(voice),
      mute: (voice, everywhere) =>
        change((current) =>
          everywhere
            ? { ...current, everywhere: [...new Set([...current.everywhere, voice])] }
            : {
                ...current,
                threads: { ...current.threads, [slug]: [...new Set([...(current.threads[slug] ?? []), voice])] },
              },
        ),
      unmute: (voice) =>
        change((current) => {
          const threads = { ...current.threads, [slug]: (current.threads[slug] ?? []).filter((v) => v !== voice) };
          if (threads[slug].length === 0) delete threads[slug];
          return { everywhere: current.everywhere.filter((v) => v !== voice), threads };
        }),
    };
  }, [text, slug]);
}

export const MuteContext = createContext<Mutes | null>(null);

/** The comment's menu entry to mute its voice (once the page runs in the browser). */
export function MuteMenu({ voice }: { voice: string }) {
  const mutes = useContext(MuteContext);
  if (!mutes || voice === "") return null;
  return (
    <details className="mute-menu">
      <summary className="link-button">Mute</summary>
      <button type="button" className="link-button" onClick={() => mutes.mute(voice, false)}>
        Mute {voice} in this thread
      </button>
      {isNamedVoice(voice) ? (
        <button type="button" className="link-button" onClick={() => mutes.mute(voice, true)}>
          Mute {voice} everywhere
        </button>
      ) : null}
    </details>
  );
}

/** A muted comment's one line: opened, it shows the comment, and offers to unmute its voice. */
export function MutedComment({ voice, children }: { voice: string; children: React.ReactNode }) {
  const mutes = useContext(MuteContext);
  return (
    <details className="muted-comment">
      <summary>
        <span className="meta">You muted {voice}: show</span>
      </summary>
      {children}
      <button type="button" className="link-button" onClick={() => mutes?.unmute(voice)}>
        Unmute {voice}
      </button>
    </details>
  );
}
