/** Where an edition's citations and cross-references are written, for the checks. */
import type { Token } from 'markdown-it';
import type { CitationMeta, CrossrefMeta, LabelKind } from './citations.js';
import type { Cursor } from './source-text.js';

export interface CitationRef {
  keys: string[];
  line: number;
  column: number;
}

export interface CrossrefRef {
  label: string;
  kind: LabelKind;
  /** Whether a figure, table or equation of the edition has the label. */
  found: boolean;
  line: number;
  column: number;
}

export function collectCitations(
  inline: Token,
  cursor: Cursor,
  doc: { citations: CitationRef[]; crossrefs: CrossrefRef[] },
): void {
  for (const child of inline.children ?? []) {
    if (child.type === 'citation') {
      const meta = child.meta as CitationMeta;
      const at = cursor.next(child.content);
      doc.citations.push({ keys: meta.items.map((item) => item.key), ...at });
    } else if (child.type === 'crossref') {
      const meta = child.meta as CrossrefMeta;
      const at = cursor.next(child.content);
      doc.crossrefs.push({
        label: meta.label,
        kind: meta.kind,
        found: meta.number !== undefined,
        ...at,
      });
    }
  }
}
