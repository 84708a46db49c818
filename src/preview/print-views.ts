/**
 * The browser tabs showing a print view, by language: while a language has one, the preview
 * prints its PDF again after each change. A tab says when it opens and when it leaves.
 */

/** At most this many open print views are counted per language. */
const MAX_PRINT_TABS = 64;
/** How many closed print view tabs are remembered. */
const MAX_CLOSED_TABS = 256;

export class PrintViews {
  private readonly views = new Map<string, Set<string>>();
  /** Tabs that said they closed: a request of theirs that arrives later opens nothing. */
  private readonly gone = new Set<string>();

  /** Tab `tab` shows the print view of `lang`; false if that tab has already closed. */
  open(lang: string, tab: string): boolean {
    if (this.gone.has(tab)) return false;
    const tabs = this.views.get(lang) ?? new Set<string>();
    // Tabs that vanish without a word (a crash) stay counted; this bounds them.
    if (tabs.size < MAX_PRINT_TABS) tabs.add(tab);
    this.views.set(lang, tabs);
    return true;
  }

  /** Tab `tab` no longer shows the print view of `lang`; true if it was the last one. */
  close(lang: string, tab: string): boolean {
    this.gone.add(tab);
    // Only the latest closings can still race a request; forget the oldest.
    if (this.gone.size > MAX_CLOSED_TABS) {
      this.gone.delete(this.gone.values().next().value as string);
    }
    const tabs = this.views.get(lang);
    tabs?.delete(tab);
    if (tabs?.size !== 0) return false;
    this.views.delete(lang);
    return true;
  }

  /** Whether some tab shows the print view of `lang`. */
  has(lang: string): boolean {
    return this.views.has(lang);
  }
}
