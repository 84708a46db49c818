/**
 * The package's own folder: one level up from wherever this code runs, as the bundles
 * sit directly in lib/ (see scripts/bundle.mjs) and the sources directly in src/.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);
