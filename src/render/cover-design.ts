/**
 * The cover's design, as numbers the template draws: a 1600 × 2400 page (the 2:3 portrait
 * stores ask for), the title large in a column well inside a thin frame, a short rule, the
 * authors and the year. With a cover picture, the picture fills the top half, edge to edge,
 * and the words are set below it. Pure.
 */
import {
  type Box,
  blockHeight,
  type CoverFaces,
  type CoverText,
  placeLines,
  setBlock,
  type TextBlock,
} from './cover-layout.js';

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2400;
/** The frame's centre line, inset from the page's edges, and its width. */
export const FRAME = { inset: 100, stroke: 6 };
/** The text column: no ink of the title, subtitle or authors lies outside it. */
export const COLUMN = { left: 220, right: 1380 };

export interface CoverWords {
  title: string;
  subtitle: string | undefined;
  authors: string[];
  year: string | undefined;
}

export interface CoverDesign extends CoverText {
  width: number;
  height: number;
  centre: number;
  frame: { x: number; y: number; width: number; height: number; stroke: number } | undefined;
  picture: { x: number; y: number; width: number; height: number } | undefined;
  rule: { x: number; y: number; width: number; height: number };
  year: { text: string; y: number; size: number } | undefined;
  /** Where the title may go; the tests hold the set lines to it. */
  titleBox: Box;
}

const TITLE = { leading: 1.12, min: 64 };
const SUBTITLE = { size: 60, min: 44, leading: 1.25, maxLines: 3 };
const AUTHOR = { size: 64, min: 44, leading: 1.25, maxLines: 2 };

export function coverDesign(words: CoverWords, faces: CoverFaces, picture: boolean): CoverDesign {
  const column = COLUMN.right - COLUMN.left;
  // With a picture, the words share the lower part of the page; without, the title has the
  // upper two thirds and sits in their middle.
  const titleBox = picture
    ? { ...COLUMN, top: 1340, bottom: 1900 }
    : { ...COLUMN, top: 300, bottom: 1380 };
  const subtitleSet = words.subtitle
    ? setBlock(words.subtitle, faces.subtitle, column, 260, {
        max: SUBTITLE.size,
        ...SUBTITLE,
      })
    : undefined;
  const subtitleRoom = subtitleSet ? blockHeight(subtitleSet, SUBTITLE.leading) + 60 : 0;
  const titleSet = setBlock(
    words.title,
    faces.title,
    column,
    titleBox.bottom - titleBox.top - subtitleRoom,
    { max: picture ? 120 : 150, min: TITLE.min, leading: TITLE.leading, maxLines: 5 },
  );
  const titleHeight = blockHeight(titleSet, TITLE.leading);
  const words_height = titleHeight + subtitleRoom;
  const top = picture
    ? titleBox.top
    : Math.round(titleBox.top + (titleBox.bottom - titleBox.top - words_height) / 2);
  const title = placeLines(titleSet, top, TITLE.leading);
  const subtitle = subtitleSet
    ? placeLines(subtitleSet, top + titleHeight + 60, SUBTITLE.leading)
    : undefined;
  const ruleY = picture ? 1960 : 1500;
  const authorSet = setBlock(words.authors.join(', '), faces.author, column, 200, {
    max: AUTHOR.size,
    ...AUTHOR,
  });
  const author: TextBlock = placeLines(authorSet, ruleY + 90, AUTHOR.leading);
  return {
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
    centre: COVER_WIDTH / 2,
    frame: picture
      ? undefined
      : {
          x: FRAME.inset,
          y: FRAME.inset,
          width: COVER_WIDTH - 2 * FRAME.inset,
          height: COVER_HEIGHT - 2 * FRAME.inset,
          stroke: FRAME.stroke,
        },
    picture: picture ? { x: 0, y: 0, width: COVER_WIDTH, height: 1240 } : undefined,
    rule: { x: COVER_WIDTH / 2 - 120, y: ruleY, width: 240, height: 8 },
    title,
    subtitle,
    author,
    year: words.year ? { text: words.year, y: picture ? 2300 : 2160, size: 52 } : undefined,
    titleBox,
  };
}
