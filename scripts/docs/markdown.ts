/**
 * A tiny Markdown-to-HTML converter for the docs site (README sections, ERRATA):
 * ATX headings, paragraphs, fenced code, ordered and unordered lists (nested, with
 * indented or lazy continuation lines), pipe tables, horizontal rules, and inline
 * code, bold, italics and links. No raw HTML passes through: everything is escaped.
 */

export interface MarkdownOptions {
  /** Rewrites link targets (e.g. `openapi/ERRATA.md` -> `errata.html`). */
  rewriteLink?: (href: string) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Inline Markdown: `code`, **bold**, *italic*, [text](href). */
export function inlineMarkdown(text: string, options: MarkdownOptions = {}): string {
  // Code spans first (their content is literal), kept aside as placeholders so that
  // emphasis and links may span them (`**Runs where `fetch` does**`).
  const spans: string[] = [];
  const withoutCode = text.replace(/\u0000/g, "").replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, __, content: string) => {
    spans.push(`<code>${escapeHtml(content.replace(/^ (.*) $/, "$1"))}</code>`);
    return `\u0000${spans.length - 1}\u0000`;
  });
  return emphasis(withoutCode, options).replace(/\u0000(\d+)\u0000/g, (_, index: string) => spans[Number(index)]!);
}

function emphasis(text: string, options: MarkdownOptions): string {
  let html = escapeHtml(text);
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => {
    const target = options.rewriteLink ? options.rewriteLink(href) : href;
    return `<a href="${target.replace(/"/g, "&quot;")}">${label}</a>`;
  });
  html = html.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>");
  html = html.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, "$1<em>$2</em>");
  return html;
}

const FENCE = /^(\s*)(```|~~~)\s*([\w+-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || LIST_ITEM.test(line) || line.trimStart().startsWith("|");
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

export function markdownToHtml(markdown: string, options: MarkdownOptions = {}): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      const indent = fence[1]!.length;
      for (i++; i < lines.length && !new RegExp(`^\\s*${fence[2]}\\s*$`).test(lines[i]!); i++)
        body.push(lines[i]!.slice(Math.min(indent, indentOf(lines[i]!))));
      i++;
      const language = fence[3] ? ` class="language-${escapeHtml(fence[3])}"` : "";
      html.push(`<pre><code${language}>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const content = inlineMarkdown(heading[2]!, options);
      html.push(`<h${level} id="${slug(heading[2]!)}">${content}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      html.push("<hr>");
      i++;
      continue;
    }
    if (line.trimStart().startsWith("|") && TABLE_SEPARATOR.test(lines[i + 1] ?? "")) {
      const head = tableCells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.trimStart().startsWith("|"); i++) rows.push(tableCells(lines[i]!));
      html.push(
        `<table><thead><tr>${head.map((cell) => `<th>${inlineMarkdown(cell, options)}</th>`).join("")}</tr></thead>` +
          `<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${inlineMarkdown(cell, options)}</td>`).join("")}</tr>`).join("")}</tbody></table>`,
      );
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      i = list(lines, i, html, options);
      continue;
    }
    const paragraph: string[] = [line.trim()];
    for (i++; i < lines.length && !isBlank(lines[i]) && !startsBlock(lines[i]!); i++) paragraph.push(lines[i]!.trim());
    html.push(`<p>${inlineMarkdown(paragraph.join("\n"), options)}</p>`);
  }
  return html.join("\n");
}

/** Renders the list starting at `start`; returns the index of the first line after it. */
function list(lines: string[], start: number, html: string[], options: MarkdownOptions): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const baseIndent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const sameList = (match: RegExpExecArray | null) => match !== null && match[1]!.length === baseIndent && /\d/.test(match[2]!) === ordered;
  const items: string[] = [];
  let i = start;
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i]!);
    if (!sameList(match)) break;
    const contentIndent = baseIndent + match![2]!.length + 1;
    const body: string[] = [match![3]!];
    let loose = false;
    for (i++; i < lines.length; i++) {
      const next = lines[i]!;
      if (isBlank(next)) {
        // A blank line continues the item only if the next non-blank line is indented under it.
        let j = i;
        while (j < lines.length && isBlank(lines[j])) j++;
        if (j < lines.length && indentOf(lines[j]!) > baseIndent) {
          body.push("");
          loose = true;
          continue;
        }
        break;
      }
      if (indentOf(next) > baseIndent) {
        body.push(next.slice(Math.min(contentIndent, indentOf(next))));
        continue;
      }
      // Lazy continuation: an unindented line that is not a new block, right after text.
      if (!startsBlock(next) && !isBlank(body.at(-1))) {
        body.push(next.trim());
        continue;
      }
      break;
    }
    let content = markdownToHtml(body.join("\n"), options);
    if (!loose) content = content.replace(/^<p>([\s\S]*?)<\/p>/, "$1");
    items.push(`<li>${content}</li>`);
    // Blank lines between items of the same list.
    let j = i;
    while (j < lines.length && isBlank(lines[j])) j++;
    if (j > i && j < lines.length && sameList(LIST_ITEM.exec(lines[j]!))) i = j;
  }
  const startNumber = ordered ? Number.parseInt(first[2]!, 10) : 1;
  html.push(ordered ? `<ol${startNumber !== 1 ? ` start="${startNumber}"` : ""}>${items.join("\n")}</ol>` : `<ul>${items.join("\n")}</ul>`);
  return i;
}
