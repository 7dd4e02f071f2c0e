import type { TocHeading } from '../article.entity.ts';
import { ATTACHMENT_PATH_PREFIX, CALLOUT_TONES, isAllowedAttachmentPath, sanitizeArticleHtml } from './sanitize.ts';
import { embedUrl } from './video-embed.ts';

/**
 * Tiptap JSON → HTML for articles. A small mapper instead of Tiptap's own
 * renderers (messages use its static renderer): those need the editor's exact
 * extension list on the server, and articles use editor-only nodes (callouts,
 * video players, attachment downloads); here every node type we accept is listed, its
 * text and attributes are escaped, and the result still goes through the
 * allow-list sanitizer. Unknown nodes render their children; unknown marks
 * are ignored.
 *
 * Supported nodes: doc, paragraph, text, heading, bulletList, orderedList,
 * listItem, taskList, taskItem, blockquote, codeBlock, horizontalRule, hardBreak,
 * table, tableRow, tableHeader, tableCell, image, callout {tone}, youtube/video
 * {src}, fileAttachment {href, name}. Marks: bold, italic, strike, underline,
 * code, link {href, target}, subscript, superscript, highlight.
 */
export interface TiptapNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type?: string; attrs?: Record<string, unknown> }[];
  content?: TiptapNode[];
}

export interface RenderedArticle {
  html: string;
  plainText: string;
  toc: TocHeading[];
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const attr = (value: unknown) => escapeHtml(String(value ?? ''));

const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;

/** Heading anchor: letters and digits of any script, dashes between words. */
export function headingId(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `h-${slug || 'section'}`;
}

function nodeText(node: TiptapNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(nodeText).join('');
}

class Renderer {
  readonly toc: TocHeading[] = [];
  readonly #usedIds = new Map<string, number>();

  uniqueId(base: string): string {
    const seen = this.#usedIds.get(base) ?? 0;
    this.#usedIds.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  }

  children(node: TiptapNode): string {
    return (node.content ?? []).map((child) => this.node(child)).join('');
  }

  node(node: TiptapNode): string {
    const a = node.attrs ?? {};
    switch (node.type) {
      case 'text':
        return this.text(node);
      case 'paragraph':
        return `<p>${this.children(node)}</p>`;
      case 'heading': {
        // The page title is the only h1; body headings start at h2.
        const level = Math.min(6, Math.max(2, Number(a.level) || 2));
        const text = nodeText(node).trim();
        const id = this.uniqueId(headingId(text));
        if (text) this.toc.push({ id, text, level });
        return `<h${level} id="${attr(id)}">${this.children(node)}</h${level}>`;
      }
      case 'bulletList':
      case 'taskList':
        return `<ul>${this.children(node)}</ul>`;
      case 'orderedList': {
        const start = Number(a.start);
        return Number.isInteger(start) && start > 1 ? `<ol start="${start}">${this.children(node)}</ol>` : `<ol>${this.children(node)}</ol>`;
      }
      case 'listItem':
      case 'taskItem':
        return `<li>${this.children(node)}</li>`;
      case 'blockquote':
        return `<blockquote>${this.children(node)}</blockquote>`;
      case 'codeBlock': {
        const language = typeof a.language === 'string' && /^[a-z0-9+#-]{1,30}$/i.test(a.language) ? a.language.toLowerCase() : '';
        const code = escapeHtml(nodeText(node));
        return language ? `<pre><code class="language-${language}">${code}</code></pre>` : `<pre><code>${code}</code></pre>`;
      }
      case 'horizontalRule':
        return '<hr>';
      case 'hardBreak':
        return '<br>';
      case 'table':
        return `<table><tbody>${this.children(node)}</tbody></table>`;
      case 'tableRow':
        return `<tr>${this.children(node)}</tr>`;
      case 'tableHeader':
      case 'tableCell': {
        const tag = node.type === 'tableHeader' ? 'th' : 'td';
        const span = (name: string) => {
          const value = Number(a[name]);
          return Number.isInteger(value) && value > 1 && value < 100 ? ` ${name}="${value}"` : '';
        };
        return `<${tag}${span('colspan')}${span('rowspan')}>${this.children(node)}</${tag}>`;
      }
      case 'image': {
        const src = typeof a.src === 'string' ? a.src : '';
        if (!isAllowedAttachmentPath(src)) return '';
        const alt = typeof a.alt === 'string' ? a.alt : '';
        const title = typeof a.title === 'string' ? ` title="${attr(a.title)}"` : '';
        return `<img src="${attr(src)}" alt="${attr(alt)}"${title} loading="lazy">`;
      }
      case 'callout': {
        const tone = CALLOUT_TONES.includes(a.tone as never) ? (a.tone as string) : 'info';
        return `<div class="kb-callout kb-callout-${tone}" role="note">${this.children(node)}</div>`;
      }
      case 'youtube':
      case 'video': {
        const src = typeof a.src === 'string' ? embedUrl(a.src) : null;
        if (!src) return '';
        const title = typeof a.title === 'string' && a.title ? a.title : 'Video';
        return `<div class="kb-video"><iframe src="${attr(src)}" title="${attr(title)}" allowfullscreen loading="lazy"></iframe></div>`;
      }
      case 'fileAttachment': {
        const href = typeof a.href === 'string' ? a.href : '';
        if (!href.startsWith(ATTACHMENT_PATH_PREFIX) || !isAllowedAttachmentPath(href)) return '';
        const name = typeof a.name === 'string' && a.name ? a.name : href.split('/').pop() || 'file';
        return `<p><a class="kb-file" href="${attr(href)}" download>${escapeHtml(name)}</a></p>`;
      }
      default:
        return this.children(node);
    }
  }

  text(node: TiptapNode): string {
    let html = escapeHtml(node.text ?? '');
    for (const mark of node.marks ?? []) html = this.mark(mark, html);
    return html;
  }

  mark(mark: { type?: string; attrs?: Record<string, unknown> }, inner: string): string {
    switch (mark.type) {
      case 'bold':
        return `<strong>${inner}</strong>`;
      case 'italic':
        return `<em>${inner}</em>`;
      case 'strike':
        return `<s>${inner}</s>`;
      case 'underline':
        return `<u>${inner}</u>`;
      case 'code':
        return `<code>${inner}</code>`;
      case 'subscript':
        return `<sub>${inner}</sub>`;
      case 'superscript':
        return `<sup>${inner}</sup>`;
      case 'highlight':
        return `<mark>${inner}</mark>`;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href.trim() : '';
        if (!SAFE_LINK.test(href)) return inner;
        const target = mark.attrs?.target === '_blank' ? ' target="_blank"' : '';
        return `<a href="${attr(href)}"${target}>${inner}</a>`;
      }
      default:
        return inner;
    }
  }
}

const BLOCKS = new Set([
  'paragraph', 'heading', 'listItem', 'taskItem', 'blockquote', 'codeBlock', 'tableRow', 'callout', 'horizontalRule',
]);

/** Text for search, diffs and "insert as text": one line per block. */
export function tiptapToPlainText(doc: TiptapNode): string {
  const lines: string[] = [];
  let current = '';
  const walk = (node: TiptapNode) => {
    if (node.type === 'text') {
      current += node.text ?? '';
      return;
    }
    if (node.type === 'hardBreak') {
      current += '\n';
      return;
    }
    if (node.type === 'tableCell' || node.type === 'tableHeader') {
      if (current && !current.endsWith(' ')) current += ' ';
    }
    for (const child of node.content ?? []) walk(child);
    if (BLOCKS.has(node.type ?? '') && current.trim()) {
      lines.push(current.trim());
      current = '';
    }
  };
  walk(doc);
  if (current.trim()) lines.push(current.trim());
  return lines.join('\n');
}

export function renderArticleBody(doc: TiptapNode): RenderedArticle {
  const renderer = new Renderer();
  const raw = renderer.node(doc.type === 'doc' ? doc : { type: 'doc', content: [doc] });
  return { html: sanitizeArticleHtml(raw), plainText: tiptapToPlainText(doc), toc: renderer.toc };
}
