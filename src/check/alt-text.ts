/** Rules about images' alt text, in each language. Pure. */
import type { EditionSource } from '../article/load.js';
import type { ImageRef } from '../markdown/parsed-document.js';
import { type Finding, finding, type Place } from './findings.js';

export const MAX_ALT_LENGTH = 250;

const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif|heic)$/i;
/** Names cameras, phones and screenshot tools give files: IMG_2041, DSC00012, PXL_2023… */
const DEVICE_NAME =
  /^(?:img|dsc[nf]?|dcim|pxl|mvimg|photo|image|screenshot|screen shot|schermata|bildschirmfoto|capture)[\s_-]*\d/i;

/** Optional article + a word for "image" + "of" (or a colon, or nothing more), in several languages. */
const IMAGE_OF = new RegExp(
  [
    String.raw`^(?:(?:an?|the|this|una?|un['’]|l['’]|il|lo|la|questa|questo|ein|eine|das|une|le|el|uma?|o)\s*)?`,
    '(images?|pictures?|photos?|photographs?|graphics?|illustrations?|immagin[ei]|foto(?:grafi[ae])?|illustrazion[ei]|bild|abbildung|photographie|imagen|fotografía|ilustración|imagem)',
    String.raw`(?:\s*:|\s+(?:of|showing|di|del|dello|della|dei|degli|delle|raffigurante|che mostra|von|vom|zeigt|de|du|des|da|do|dos|das)(?=\s|$)|\s+d['’]|\s*[.!]?$)`,
  ].join(''),
  'iu',
);

export function checkAltText(edition: EditionSource): Finding[] {
  const images = edition.doc.images.flatMap((image) =>
    altFindings(image, { file: edition.file, line: image.line, column: image.column }),
  );
  const cover = edition.meta.cover;
  if (!cover) return images;
  // The cover picture is checked as a figure without caption, at the line of `cover`.
  const picture = { ...cover, caption: undefined, figure: false, decorative: false };
  const at = { file: edition.file, line: cover.line, column: cover.column };
  return [...images, ...altFindings(picture, at, COVER_ALT_HINT)];
}

const COVER_ALT_HINT =
  'describe what the cover picture shows: cover: { image: images/cover.jpg, alt: "A tram crossing the bridge" }';

function altFindings(image: ImageRef, at: Place, missingHint?: string): Finding[] {
  if (image.decorative) {
    if (image.alt === '') return [];
    return [
      finding(
        'alt-decorative-text',
        at,
        `decorative image "${image.src}" has alt text, which is not published`,
        'a decorative image is published with alt=""; remove the text, or remove {.decorative} if the image carries meaning',
      ),
    ];
  }
  if (image.alt === '') {
    return [
      finding(
        'alt-missing',
        at,
        `image "${image.src}" has no alt text`,
        missingHint ??
          'describe what the image shows between the brackets: ![A tram crossing the bridge](images/x.png); if it is purely decorative, write ![](images/x.png){.decorative}',
      ),
    ];
  }
  return [
    fileName(image, at),
    imageOf(image, at),
    tooLong(image, at),
    sameAsCaption(image, at),
  ].filter((f): f is Finding => f !== undefined);
}

function fileName(image: ImageRef, at: Place): Finding | undefined {
  if (!looksLikeFileName(image.alt, image.src)) return undefined;
  return finding(
    'alt-file-name',
    at,
    `alt text "${image.alt}" is a file name, not a description`,
    'describe what the image shows, as you would to someone who cannot see it',
  );
}

export function looksLikeFileName(alt: string, src: string): boolean {
  const base = (src.split(/[/\\]/).pop() ?? src).toLowerCase();
  const stem = base.replace(/\.[^.]+$/, '');
  const text = alt.trim().toLowerCase();
  if (text === base || text === stem || safeDecode(base) === text) return true;
  if (IMAGE_EXTENSION.test(text) || DEVICE_NAME.test(text)) return true;
  // One word joined by underscores, or by hyphens with digits: chart_1, map-2021-v2.
  return !/\s/.test(text) && (text.includes('_') || (text.includes('-') && /\d/.test(text)));
}

function imageOf(image: ImageRef, at: Place): Finding | undefined {
  const match = IMAGE_OF.exec(image.alt.trim());
  if (!match) return undefined;
  const onlyThat = image.alt.trim().replace(/[.!]$/, '').length === match[0].trim().length;
  return finding(
    'alt-image-of',
    at,
    onlyThat
      ? `alt text "${image.alt}" says only that this is an image`
      : `alt text starts with "${match[0].trim()}": screen readers already announce an image`,
    'start with what the image shows: "A tram crossing the bridge", not "Image of a tram crossing the bridge"',
  );
}

function tooLong(image: ImageRef, at: Place): Finding | undefined {
  const length = [...image.alt].length;
  if (length <= MAX_ALT_LENGTH) return undefined;
  return finding(
    'alt-too-long',
    at,
    `alt text is ${length} characters long (more than ${MAX_ALT_LENGTH})`,
    'keep the alt text to a sentence or two; put the details in the caption or the text',
  );
}

function sameAsCaption(image: ImageRef, at: Place): Finding | undefined {
  if (!image.caption || normalize(image.caption) !== normalize(image.alt)) return undefined;
  return finding(
    'alt-same-as-caption',
    at,
    'alt text repeats the caption',
    'a screen reader reads both: let the alt text describe what the image shows and the caption say what it means',
  );
}

/** For comparing texts: case, spacing, quote marks and final punctuation do not count. */
export function normalize(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLocaleLowerCase()
      // Each language's typographer curls quotes its own way (“” in English, «» in Italian).
      .replace(/[“”„‟«»‹›"]/g, '"')
      .replace(/[‘’‚‛']/g, "'")
      .replace(/\s+/g, ' ')
      .replace(/[\s.!?:;…]+$/u, '')
      .trim()
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
