// Static site of all 評価書. No data logic here: src/content.config.ts loads the assessments through the
// project's loader and validator; src/site/build-site.ts runs this build inside `pia build`.
// PIA_BASE: the path the site is published under (a city's subdirectory, e.g. /kurashi/hyoka/); buildSite sets it
// from its options, the environment or 基本パス in the site configuration (pia-site.yaml).
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

const base = process.env.PIA_BASE || '/';

// Fonts: src/site/fonts.ts subsets them to the characters of the built pages (no @fontsource CSS, no CDN).
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
  vite: { build: { assetsInlineLimit: 0 } },
});
