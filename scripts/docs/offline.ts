/**
 * Keeps the site offline. Redoc pages are built with `--inlineBundle` (no CDN
 * script); what Redoc still fetches at runtime is replaced here, and every page is
 * scanned for resources that would be loaded from another host.
 */

/** A neutral stand-in for the "API docs by Redocly" logo Redoc loads from its CDN after mounting. */
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#6b7280">Redocly</text></svg>`,
)}`;

/** Runtime asset URLs in Redoc's bundle, and what replaces them. */
const RUNTIME_ASSETS: Array<[RegExp, string]> = [[/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, LOGO]];

/** Hosts whose URLs in a page mean an asset would be fetched at runtime. */
const ASSET_HOSTS = /https?:\/\/(?:cdn\.redoc\.ly|fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net|unpkg\.com)\b[^\s"'`)]*/g;

/** An empty favicon, so browsers do not ask the server for /favicon.ico. */
export const FAVICON_LINK = `<link rel="icon" href="data:,">`;

export function makeOffline(html: string): string {
  const page = RUNTIME_ASSETS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), html);
  return /<link[^>]+rel=["']?icon/i.test(page) ? page : page.replace(/<head>/i, `<head>\n  ${FAVICON_LINK}`);
}

/** Redoc 3 posts usage telemetry from the reader's browser unless the page disables it (redocly.docs.yaml `telemetry: off`). */
export function redocTelemetryDisabled(html: string): boolean {
  return /__redoc_options\s*=\s*\{[^;]*"disableTelemetry":true/.test(html);
}

/** Every reference to a remote resource: `<script|link|img|...>` src/href, CSS `url(http…)`/`@import`, known asset CDNs. */
export function remoteReferences(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(
    /<(?:script|link|img|iframe|source|video|audio|embed|object|image)\b[^>]*?\s(?:src|href|srcset|data|xlink:href)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]+)/gi,
  ))
    found.add(match[1]!);
  for (const match of html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi)) found.add(match[1]!);
  for (const match of html.matchAll(/@import\s+["']((?:https?:)?\/\/[^"']+)/gi)) found.add(match[1]!);
  for (const match of html.matchAll(ASSET_HOSTS)) found.add(match[0]);
  return [...found];
}
