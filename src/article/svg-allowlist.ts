/**
 * What an SVG image may hold: drawing elements and their presentation attributes. Nothing
 * that runs (script, event handlers, animation that can rewrite a link), embeds another
 * document (foreignObject) or loads anything (external href, url(), @import).
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Namespaces of editors' private data (Inkscape, Sodipodi, Illustrator, RDF metadata): inert. */
export const INERT_NAMESPACES = new Set([
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://purl.org/dc/elements/1.1/',
  'http://creativecommons.org/ns#',
  'http://ns.adobe.com/AdobeIllustrator/10.0/',
  'http://ns.adobe.com/Extensibility/1.0/',
  'http://ns.adobe.com/Graphs/1.0/',
  'http://ns.adobe.com/SaveForWeb/1.0/',
  'http://ns.adobe.com/Variables/1.0/',
  'http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/',
]);

export const SVG_ELEMENTS = words(`
  svg g defs symbol use title desc metadata style path rect circle ellipse line
  polyline polygon text tspan textPath linearGradient radialGradient stop pattern
  clipPath mask marker image view filter feBlend feColorMatrix feComponentTransfer
  feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight
  feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge
  feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
  feTurbulence
`);

export const SVG_ATTRIBUTES = words(`
  id class style lang tabindex version baseProfile viewBox preserveAspectRatio width
  height x y transform role focusable aria-label aria-labelledby aria-describedby
  aria-hidden href enable-background requiredExtensions systemLanguage zoomAndPan d
  pathLength points cx cy r rx ry x1 y1 x2 y2 dx dy rotate textLength lengthAdjust
  startOffset method spacing side refX refY markerWidth markerHeight markerUnits
  orient offset gradientUnits gradientTransform spreadMethod fx fy fr patternUnits
  patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
  filterUnits primitiveUnits result in in2 mode type values operator k1 k2 k3 k4
  stdDeviation edgeMode order kernelMatrix divisor bias targetX targetY preserveAlpha
  surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength
  scale xChannelSelector yChannelSelector radius baseFrequency numOctaves seed
  stitchTiles azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle
  tableValues slope intercept amplitude exponent filterRes alignment-baseline
  baseline-shift clip clip-path clip-rule color color-interpolation
  color-interpolation-filters color-profile color-rendering cursor direction display
  dominant-baseline fill fill-opacity fill-rule filter flood-color flood-opacity font
  font-family font-size font-size-adjust font-stretch font-style font-variant
  font-weight glyph-orientation-horizontal glyph-orientation-vertical image-rendering
  kerning letter-spacing lighting-color marker-end marker-mid marker-start mask
  opacity overflow paint-order pointer-events shape-rendering stop-color stop-opacity
  stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin
  stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration
  text-rendering transform-origin unicode-bidi vector-effect visibility word-spacing
  writing-mode mix-blend-mode isolation media title
`);
