/**
 * The contents list's page numbers as the page itself reads and writes them. Both functions
 * are sent to the page whole (page.evaluate), so they use nothing from outside; they load
 * nothing in this process either (contents.ts, which reads a printed PDF, loads pdf-lib).
 */

/** The ids of the headings the list's entries lead to, in order, each once. */
export function contentsTargets(): string[] {
  const ids = [...document.querySelectorAll('.contents .toc-page')].map((box) =>
    decodeURIComponent((box.closest('a')?.getAttribute('href') ?? '').slice(1)),
  );
  return [...new Set(ids)];
}

/** Writes each entry's page number into its box, and names the entries whose heading has no page. */
export function fillPageNumbers(pages: Record<string, number>): {
  filled: number;
  missing: string[];
} {
  const boxes = [...document.querySelectorAll('.contents .toc-page')];
  const missing: string[] = [];
  for (const box of boxes) {
    const href = box.closest('a')?.getAttribute('href') ?? '';
    const id = decodeURIComponent(href.slice(1));
    const at = pages[id];
    if (at === undefined) missing.push(id);
    else box.textContent = ` ${at}`;
  }
  return { filled: boxes.length, missing };
}
