// markdown-it plugins that ship no type declarations.
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';

  const plugin: PluginSimple;
  export default plugin;
}
declare module 'markdown-it-image-figures' {
  import type { PluginWithOptions } from 'markdown-it';

  const plugin: PluginWithOptions<Record<string, unknown>>;
  export default plugin;
}
declare module 'markdown-it-attrs' {
  import type { PluginWithOptions } from 'markdown-it';

  const plugin: PluginWithOptions<Record<string, unknown>>;
  export default plugin;
}
