import sanitizeHtml from 'sanitize-html';

/** Video players an article may embed; everything else is stripped (also enforced by the CSP frame-src). */
export const VIDEO_EMBED_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com', 'player.bilibili.com'] as const;

/** Where uploaded images and files are served from (the attachment store). */
export const ATTACHMENT_PATH_PREFIX = '/attachments/';

const CALLOUT_TONES = ['info', 'tip', 'warning', 'danger'] as const;

const isAttachmentPath = (value: string) =>
  value.startsWith(ATTACHMENT_PATH_PREFIX) && !value.includes('..') && !/[\\\s]/.test(value);

/**
 * The allow-list every article's HTML passes through before it is stored or
 * served. The renderer already emits only these tags; the sanitizer is the
 * guarantee (and what protects HTML from any other source).
 */
// allowedEmptyAttributes exists in sanitize-html 2.x but is missing from its type definitions.
const OPTIONS: sanitizeHtml.IOptions & { allowedEmptyAttributes: string[] } = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 's', 'u', 'sub', 'sup', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'iframe', 'figure', 'figcaption', 'mark',
  ],
  allowedAttributes: {
    h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    a: ['href', 'rel', 'target', 'download', 'class'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    code: ['class'],
    div: ['class', 'role'],
    iframe: ['src', 'title', 'allowfullscreen', 'loading', 'referrerpolicy', 'sandbox', 'allow'],
  },
  allowedClasses: {
    code: ['language-*'],
    a: ['kb-file'],
    div: ['kb-video', 'kb-callout', ...CALLOUT_TONES.map((tone) => `kb-callout-${tone}`)],
  },
  // No style attribute and no <style>: CSS can exfiltrate or overlay the page.
  allowedStyles: {},
  allowedEmptyAttributes: ['alt', 'download', 'allowfullscreen'],
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [], iframe: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...VIDEO_EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // Contents of these are dropped entirely, not unwrapped as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'template', 'object', 'embed'],
  transformTags: {
    img: (tagName, attribs) => {
      // Images only from the attachment store: no tracking pixels, no data: URLs.
      if (!attribs.src || !isAttachmentPath(attribs.src)) return { tagName: 'span', attribs: {} };
      return { tagName, attribs: { ...attribs, loading: 'lazy' } };
    },
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:/i.test(href);
      const next: Record<string, string> = { ...attribs };
      if (external) next.rel = 'noopener noreferrer nofollow';
      else delete next.rel;
      if (next.target && next.target !== '_blank') delete next.target;
      if ('download' in next && !isAttachmentPath(href)) delete next.download;
      return { tagName, attribs: next };
    },
    iframe: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        sandbox: 'allow-scripts allow-same-origin allow-presentation',
        referrerpolicy: 'strict-origin-when-cross-origin',
        loading: 'lazy',
      },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'span' && !frame.text.trim(),
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

export function isAllowedAttachmentPath(value: string): boolean {
  return isAttachmentPath(value);
}

export { CALLOUT_TONES };
