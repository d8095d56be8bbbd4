import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

// A script's text inside <script>…</script> must not close the element early.
const safeScript = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * `npm run build:single`: the deck as one HTML file that opens from disk (file://) with no
 * network: every script, style, font and diagram inlined. Its policy allows exactly the inline
 * scripts it carries (by hash) and still nothing from anywhere else.
 */
export function singleFilePlugin(): Plugin {
  return {
    name: 'ci-cd-deck-single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = Object.values(bundle).find((file) => file.type === 'asset' && file.fileName === 'index.html');
      if (!page || page.type !== 'asset') return;
      let html = String(page.source);
      const hashes: string[] = [];
      const take = (href: string) => {
        const name = href.replace(/^\.\//, '');
        const file = bundle[name];
        if (!file) throw new Error(`single-file build: ${name} is not in the bundle`);
        // Rollup's bundle is a plain record of output files: removing an inlined one is the API.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
        delete bundle[name];
        // With code splitting off, Vite 8 leaves its preload marker in place of the (empty) list
        // of files to preload; nothing needs preloading in a single file.
        return file.type === 'chunk' ? file.code.replace(/__VITE_PRELOAD__/g, 'void 0') : String(file.source);
      };
      html = html.replace(/<link rel="modulepreload"[^>]*>\n?/g, '');
      // No files beside it: the icon would be a failed request.
      html = html.replace(/\s*<link rel="icon"[^>]*>/g, '');
      html = html.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, (_m, src: string) => {
        const code = safeScript(take(src));
        hashes.push(sha256(code));
        return `<script type="module">${code}</script>`;
      });
      html = html.replace(
        /<link rel="stylesheet" crossorigin href="([^"]+)">/g,
        (_m, href: string) => `<style>${take(href)}</style>`,
      );
      const policy = CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'",
        `script-src 'self' ${hashes.join(' ')}`,
      ).replace("font-src 'self'", "font-src 'self' data:");
      html = html.replace(
        /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/,
        `$1${policy.replace(/'/g, '&#39;')}$2`,
      );
      page.source = html;
    },
  };
}
