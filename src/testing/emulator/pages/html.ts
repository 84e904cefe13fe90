/**
 * Server-rendered HTML for the emulator's own pages (the dashboard, the hosted checkout page):
 * every interpolated value goes through `escapeHtml`, and JSON embedded in a page through
 * `jsonForScript`, so an object field can never become markup.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** JSON safe inside `<script type="application/json">`: no `</script>` or `<!--` can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A URL fit for an `href`, or `undefined`: only absolute http(s) URLs. Escaping keeps a value
 * from breaking out of the attribute but not a `javascript:` or `data:` URL from running when
 * clicked, and a state file or seed can hold anything.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link when the URL is safe to follow; otherwise the URL as plain text, marked so. */
export function linkOrText(url: unknown, label: string): string {
  const href = safeHref(url);
  return href !== undefined
    ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`
    : `<span class="unsafe-url" title="not an http(s) URL: not linked">${escapeHtml(String(url ?? ''))}</span>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `3 min ago`, `in 2 h`: how far `ms` is from `nowMs`, in the largest whole unit. */
export function relativeTime(ms: number, nowMs: number): string {
  const seconds = Math.round((ms - nowMs) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 45
      ? [abs, 's']
      : abs < 45 * 60
        ? [Math.round(abs / 60), 'min']
        : abs < 36 * 3600
          ? [Math.round(abs / 3600), 'h']
          : [Math.round(abs / 86400), 'd'];
  if (abs < 5) return 'just now';
  return seconds < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/**
 * A timestamp as people read it: `4 Dec 2026, 18:46:06 UTC · 3 min ago` (relative to the
 * emulator's clock, so test clocks read right), the ISO value in `datetime` and the tooltip.
 * A value that is not a timestamp is shown as it is.
 */
export function readableTime(iso: unknown, nowMs: number): string {
  if (iso === null || iso === undefined || iso === '') return '<span class="muted">—</span>';
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return escapeHtml(iso);
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  return `<time datetime="${escapeHtml(d.toISOString())}" title="${escapeHtml(iso)}">${text} <span class="muted">· ${relativeTime(ms, nowMs)}</span></time>`;
}

/** An amount in minor units as people read it: `IDR 125,000`. */
export function money(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-US')}`;
}

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { margin: 0; background: #f6f7f9; color: #1d2330; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
header.bar { background: #1d2330; color: #fff; padding: .75rem 1.5rem; display: flex; gap: 1rem; align-items: baseline; }
header.bar a { color: #cfe0ff; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
code { font-size: .85em; }
button { padding: .35rem .8rem; border: 1px solid #3057d5; background: #3d63e0; color: #fff; border-radius: 4px; cursor: pointer; font: inherit; }
button.secondary { background: #fff; color: #3057d5; }
button:disabled { opacity: .5; cursor: default; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #e3e6eb; font-size: .8rem; }
.status-completed, .status-succeeded, .status-paid, .status-active { background: #d6f5df; }
.status-failed, .status-expired, .status-canceled, .status-void { background: #fde0e0; }
.status-open, .status-pending, .status-trialing, .status-draft { background: #fff3cd; }
.card { background: #fff; border: 1px solid #e3e6eb; border-radius: 8px; padding: 1.25rem; }
.muted { color: #667085; font-size: .85rem; }
.error { color: #b42318; }
.unsafe-url { color: #b42318; text-decoration: line-through; }
details pre { background: #f6f7f9; padding: .5rem; max-height: 20rem; overflow: auto; white-space: pre-wrap; word-break: break-all; }
.toolbar { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
`;

export function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

export function statusBadge(status: string): string {
  return `<span class="status status-${escapeHtml(status)}">${escapeHtml(status)}</span>`;
}
