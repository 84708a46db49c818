/**
 * The last few reading views of each language, by version, so that a page showing one of
 * them is sent only what changed since (patch.ts). A patch is worked out once per pair of
 * versions, however many tabs ask for it.
 */
import type { Edition } from './outputs.js';
import { type Patch, patchFor } from './patch.js';

/** Versions kept per language: a tab more than this many saves behind gets the whole page. */
const KEPT = 4;

export class PageHistory {
  private readonly pages = new Map<string, Map<string, string>>();
  private readonly patches = new Map<string, Patch | undefined>();

  /** Keeps the edition's page; returns the version kept last before it, if any. */
  add(edition: Edition): string | undefined {
    const pages = this.pages.get(edition.lang) ?? new Map<string, string>();
    const latest = [...pages.keys()].at(-1);
    pages.delete(edition.token);
    pages.set(edition.token, edition.html);
    while (pages.size > KEPT) pages.delete(pages.keys().next().value as string);
    this.pages.set(edition.lang, pages);
    return latest === edition.token ? undefined : latest;
  }

  patch(lang: string, since: string, current: Edition): Patch | undefined {
    const old = this.pages.get(lang)?.get(since);
    if (old === undefined || since === current.token) return undefined;
    const key = `${lang}\0${since}\0${current.token}`;
    if (!this.patches.has(key)) {
      this.patches.set(key, patchFor(old, current.html));
      while (this.patches.size > KEPT)
        this.patches.delete(this.patches.keys().next().value as string);
    }
    return this.patches.get(key);
  }
}
