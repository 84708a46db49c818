/** Language tags: an edition's file is named by its BCP 47 tag (`en.md`, `it.md`, `pt-BR.md`). */
const SIMPLE_TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

const KNOWN = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The canonical tag for a file's base name, or undefined when it is not a language tag.
 * The language itself must be one the platform knows, so "faq.md" or "toc.md" is not one.
 */
export function languageTagOf(baseName: string): string | undefined {
  if (!SIMPLE_TAG.test(baseName)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(baseName);
    const primary = canonical?.split('-')[0];
    return primary && KNOWN.of(primary) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** The language's own name for itself, e.g. "Italiano" for "it". */
export function endonym(lang: string): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** "19 February 2021" / "19 febbraio 2021" from an ISO date, in UTC so it never shifts a day. */
export function formatDate(isoDate: string, lang: string): string {
  // Plain "en" reads day-month-year ("19 February 2021"), as in the rest of the world.
  const locale = lang.toLowerCase() === 'en' ? 'en-GB' : lang;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}
