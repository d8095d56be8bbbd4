import type { Plugin } from 'vite';

/**
 * The built deck's Content-Security-Policy: scripts only from the deck's own files (no inline
 * script, no eval), nothing from any other origin. Styles may be inline because mermaid puts a
 * <style> element in every diagram and reveal.js positions slides with style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the policy to every HTML page of the build (not to the dev server, whose client is inline). */
export function cspPlugin(policy = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'ci-cd-deck-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head' },
    ],
  };
}
