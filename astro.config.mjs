// Static site of all 評価書. No data logic here: src/content.config.ts loads the assessments through the
// project's loader and validator; src/site/build-site.ts runs this build inside `pia build`.
// PIA_BASE: the path the site is published under (a city's subdirectory, e.g. /kurashi/hyoka/).
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

const base = process.env.PIA_BASE || '/';

// The @fontsource CSS lists each subset as woff2 and woff. Every browser in use reads woff2, so the woff copies
// only doubled the site (9 MB → 18 MB). Visitors download only the unicode-range subsets a page needs.
const woff2Only = {
  name: 'pia-woff2-only',
  enforce: 'pre',
  transform(code, id) {
    if (!/@fontsource[\\/].*\.css$/.test(id)) return undefined;
    return { code: code.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/g, ''), map: null };
  },
};

export default defineConfig({
  output: 'static',
  base: base.endsWith('/') ? base : `${base}/`,
  trailingSlash: 'ignore',
  // concurrency: pages are written while the next ones render (measured: 1,000 評価書 ≈ 1 s faster than 1).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  integrations: [mdx()],
  // No telemetry, no prefetch from other hosts, no dev toolbar: the site must not contact any other host.
  devToolbar: { enabled: false },
  prefetch: false,
  compressHTML: true,
  vite: { plugins: [woff2Only], build: { assetsInlineLimit: 0 } },
});
