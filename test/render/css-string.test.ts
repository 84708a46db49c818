import { describe, expect, it } from 'vitest';
import { cssString } from '../../src/render/templates.js';

describe('css_string, the template filter for text in stylesheets', () => {
  it('quotes plain text as it is', () => {
    expect(cssString('La Cina e le smart city: il Grande Fratello ti guarda (?)')).toBe(
      '"La Cina e le smart city: il Grande Fratello ti guarda (?)"',
    );
  });
  it('escapes quotes and backslashes, so the string cannot end early', () => {
    expect(cssString('A "quoted" \\ title')).toBe('"A \\22 quoted\\22  \\5c  title"');
  });
  it('escapes "<", so no text can close the <style> element around it', () => {
    expect(cssString('</style><script>x</script>')).not.toContain('<');
  });
  it('makes line breaks spaces', () => {
    expect(cssString('one\ntwo')).toBe('"one two"');
  });
});
