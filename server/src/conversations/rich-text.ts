import { getSchema, type Extensions, type JSONContent } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Mention from '@tiptap/extension-mention';
import { Node } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import sanitizeHtml from 'sanitize-html';
import { badInput } from '../graphql/errors.ts';

/**
 * Message bodies arrive as Tiptap JSON. The server renders them itself (the
 * client's HTML is never trusted): JSON → ProseMirror schema check (unknown
 * nodes and marks are refused) → HTML with the same extensions the composer
 * uses → an allow-list sanitizer as the last word, so even a crafted JSON
 * attribute (a `javascript:` link, an `onerror`) cannot reach a browser.
 *
 * The HTML comes from Tiptap's static renderer, which turns each extension's
 * `renderHTML` output into a string. `@tiptap/html` would build a DOM for it
 * (happy-dom), which kept 16 MB of heap alive in every server for one string
 * per message, and a larger heap makes every full GC pause longer.
 */
const EXTENSIONS: Extensions = [
  StarterKit.configure({ link: { openOnClick: false, HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' } } }),
  Image,
  Mention.configure({
    HTMLAttributes: { class: 'mention' },
    renderHTML: ({ node, options }) => ['span', { ...options.HTMLAttributes, 'data-type': 'mention', 'data-id': node.attrs.id }, `@${node.attrs.label ?? node.attrs.id}`],
    renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
  }),
];
const schema = getSchema(EXTENSIONS);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'img', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    span: ['class', 'data-type', 'data-id'],
    ol: ['start', 'type'],
    code: ['class'],
    pre: ['class'],
  },
  allowedClasses: { span: ['mention'], code: [/^language-[a-z0-9-]+$/], pre: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/** At most this many characters of JSON per message body. */
const MAX_BODY_JSON = 200_000;

export interface RenderedBody {
  body: JSONContent;
  html: string;
  text: string;
  mentionedUserIds: string[];
}

export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** Validates and renders a Tiptap document; BAD_USER_INPUT on anything that is not one. */
export function renderBody(raw: unknown, field = 'body'): RenderedBody {
  if (!raw || typeof raw !== 'object' || (raw as JSONContent).type !== 'doc') throw badInput([{ field, message: 'must be a Tiptap document' }]);
  if (JSON.stringify(raw).length > MAX_BODY_JSON) throw badInput([{ field, message: 'is too long' }]);
  let node: Node;
  try {
    node = Node.fromJSON(schema, raw);
    node.check();
  } catch (error) {
    throw badInput([{ field, message: `is not a valid document (${(error as Error).message})` }]);
  }
  const text = node.textBetween(0, node.content.size, '\n', (leaf) => (leaf.type.name === 'mention' ? `@${leaf.attrs.label ?? leaf.attrs.id}` : leaf.type.name === 'hardBreak' ? '\n' : ''));
  if (!text.trim() && !hasImage(node)) throw badInput([{ field, message: 'is empty' }]);
  const mentioned = new Set<string>();
  node.descendants((child) => {
    if (child.type.name === 'mention' && typeof child.attrs.id === 'string') mentioned.add(child.attrs.id);
  });
  const html = sanitize(renderToHTMLString({ content: node, extensions: EXTENSIONS }));
  return { body: node.toJSON() as JSONContent, html, text, mentionedUserIds: [...mentioned] };
}

/** A plain-text body (channels, system lines) as a Tiptap document of paragraphs. */
export function textToDoc(text: string): JSONContent {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return {
    type: 'doc',
    content: paragraphs.map((paragraph) => {
      const lines = paragraph.split('\n');
      const content = lines.flatMap((line, index) => [
        ...(index > 0 ? [{ type: 'hardBreak' }] : []),
        ...(line ? [{ type: 'text', text: line }] : []),
      ]);
      return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
    }),
  };
}

function hasImage(node: Node): boolean {
  let found = false;
  node.descendants((child) => {
    if (child.type.name === 'image') found = true;
    return !found;
  });
  return found;
}

/**
 * A channel message's body (plugins give Tiptap JSON, plain text or HTML):
 * HTML is sanitized and kept for display, its text extracted for search.
 */
export function channelBody(input: { body?: unknown; text?: string; html?: string }): RenderedBody {
  if (input.body != null) return renderBody(input.body);
  if (input.html != null) {
    const html = sanitize(input.html);
    return { ...renderBody(textToDoc(html.replace(/<[^>]+>/g, ' ').trim() || ' ')), html };
  }
  return renderBody(textToDoc(input.text ?? ''));
}
