import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../src/knowledge-base/render/sanitize.ts';
import { renderArticleBody, type TiptapNode } from '../src/knowledge-base/render/tiptap-html.ts';

/** Everything in parsed HTML that could run script or load foreign content. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const safeUrl = /^(https?:\/\/(?!evil\.example)|mailto:|tel:|\/(?!\/)|#)/i;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (['script', 'style', 'svg', 'math', 'object', 'embed', 'form', 'meta', 'base', 'link'].includes(name)) found.push(`<${name}>`);
      for (const [key, value] of Object.entries(attributes)) {
        if (key.startsWith('on') || key === 'style' || key === 'srcdoc') found.push(`${name}[${key}]`);
        if ((key === 'href' || key === 'src') && !safeUrl.test(value)) found.push(`${name}[${key}=${value}]`);
        if (key === 'src' && name === 'img' && !value.startsWith('/attachments/')) found.push(`img[src=${value}]`);
        if (value.includes('..')) found.push(`${name}[${key}=${value}]`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

const doc = (...content: TiptapNode[]): TiptapNode => ({ type: 'doc', content });
const p = (...content: TiptapNode[]): TiptapNode => ({ type: 'paragraph', content });
const text = (value: string, marks?: TiptapNode['marks']): TiptapNode => ({ type: 'text', text: value, marks });
const link = (href: string) => text('click', [{ type: 'link', attrs: { href } }]);

describe('article rendering', () => {
  it('renders headings with unique ids, a TOC, lists, code, tables, callouts and plain text', () => {
    const rendered = renderArticleBody(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Reset your password')] },
        p(text('Open '), text('Settings', [{ type: 'bold' }]), text('.')),
        { type: 'heading', attrs: { level: 3 }, content: [text('重置密码')] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Reset your password')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
        { type: 'codeBlock', attrs: { language: 'bash' }, content: [text('echo "<hi>"')] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [p(text('A'))] }] }] },
        { type: 'callout', attrs: { tone: 'warning' }, content: [p(text('Careful'))] },
      ),
    );
    expect(rendered.toc).toEqual([
      { id: 'h-reset-your-password', text: 'Reset your password', level: 2 },
      { id: 'h-重置密码', text: '重置密码', level: 3 },
      { id: 'h-reset-your-password-2', text: 'Reset your password', level: 3 },
    ]);
    expect(rendered.html).toContain('<h2 id="h-reset-your-password">Reset your password</h2>');
    expect(rendered.html).toContain('<strong>Settings</strong>');
    expect(rendered.html).toContain('<ul><li><p>one</p></li></ul>');
    expect(rendered.html).toContain('<pre><code class="language-bash">echo "&lt;hi&gt;"</code></pre>');
    expect(rendered.html).toContain('<th colspan="2">');
    expect(rendered.html).toContain('<div class="kb-callout kb-callout-warning" role="note">');
    expect(rendered.plainText.split('\n')).toEqual([
      'Reset your password', 'Open Settings.', '重置密码', 'Reset your password', 'one', 'echo "<hi>"', 'A', 'Careful',
    ]);
  });

  it('embeds video only from the allowed hosts, through the no-cookie player', () => {
    const html = renderArticleBody(
      doc(
        { type: 'youtube', attrs: { src: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } },
        { type: 'video', attrs: { src: 'https://vimeo.com/76979871' } },
        { type: 'video', attrs: { src: 'https://www.bilibili.com/video/BV1GJ411x7h7' } },
        { type: 'video', attrs: { src: 'https://evil.example/embed/x' } },
      ),
    ).html;
    expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(html).toContain('src="https://player.vimeo.com/video/76979871"');
    expect(html).toContain('src="https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=0"');
    expect(html).not.toContain('evil.example');
    expect(html.match(/<iframe/g)).toHaveLength(3);
  });

  it('keeps images and downloads from the attachment store only', () => {
    const html = renderArticleBody(
      doc(
        { type: 'image', attrs: { src: '/attachments/2026/a.png', alt: 'Settings page' } },
        { type: 'image', attrs: { src: 'https://tracker.example/pixel.gif' } },
        { type: 'image', attrs: { src: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+' } },
        { type: 'fileAttachment', attrs: { href: '/attachments/2026/guide.pdf', name: 'Guide.pdf' } },
        { type: 'fileAttachment', attrs: { href: 'https://evil.example/x.exe', name: 'x.exe' } },
      ),
    ).html;
    expect(html).toContain('<img src="/attachments/2026/a.png" alt="Settings page" loading="lazy" />');
    expect(html).toContain('<a class="kb-file" href="/attachments/2026/guide.pdf" download="">Guide.pdf</a>');
    expect(html).not.toMatch(/tracker|data:|evil/);
  });
});

describe('XSS payloads', () => {
  const hostileDocs: [string, TiptapNode][] = [
    ['script in text', doc(p(text('<script>alert(1)</script>')))],
    ['javascript: link', doc(p(link('javascript:alert(1)')))],
    ['JaVaScRiPt: with whitespace', doc(p(link(' \tJaVaScRiPt:alert(1)')))],
    ['data: link', doc(p(link('data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==')))],
    ['vbscript: link', doc(p(link('vbscript:msgbox(1)')))],
    ['attribute breakout in href', doc(p(link('https://x.example/" onmouseover="alert(1)')))],
    ['attribute breakout in image alt', doc({ type: 'image', attrs: { src: '/attachments/a.png', alt: '" onerror="alert(1)' } })],
    ['heading text with markup', doc({ type: 'heading', attrs: { level: 2 }, content: [text('<img src=x onerror=alert(1)>')] })],
    ['code language injection', doc({ type: 'codeBlock', attrs: { language: '"><script>alert(1)</script>' }, content: [text('x')] })],
    ['callout tone injection', doc({ type: 'callout', attrs: { tone: 'x" onclick="alert(1)' }, content: [p(text('x'))] })],
    ['video javascript: src', doc({ type: 'video', attrs: { src: 'javascript:alert(1)' } })],
    ['image javascript: src', doc({ type: 'image', attrs: { src: 'javascript:alert(1)' } })],
    ['attachment path traversal', doc({ type: 'image', attrs: { src: '/attachments/../graphql' } })],
    ['protocol-relative link', doc(p(link('//evil.example/phish')))],
  ];
  it.each(hostileDocs)('renders %s harmlessly', (_name, hostile) => {
    const { html } = renderArticleBody(hostile);
    expect(dangers(html)).toEqual([]);
  });

  // Raw HTML through the sanitizer alone (the last line of defence).
  const hostileHtml: [string, string][] = [
    ['script tag', '<p>hi</p><script>alert(1)</script>'],
    ['event handler', '<p onclick="alert(1)">hi</p><img src="/attachments/a.png" onerror="alert(1)">'],
    ['javascript: href', '<a href="javascript:alert(1)">x</a><a href="jav&#x09;ascript:alert(1)">y</a>'],
    ['data: href', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ['foreign iframe', '<iframe src="https://evil.example/"></iframe><iframe src="//evil.example/"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg><svg><script>alert(1)</script></svg>'],
    ['math/mxss', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['style attribute and tag', '<p style="background:url(javascript:alert(1))">x</p><style>body{background:url(//evil.example/x)}</style>'],
    ['object/embed', '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">'],
    ['form and meta refresh', '<form action="https://evil.example"><input name="q"></form><meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['base tag', '<base href="https://evil.example/">'],
  ];
  it.each(hostileHtml)('sanitizes %s', (_name, hostile) => {
    expect(dangers(sanitizeArticleHtml(hostile))).toEqual([]);
  });

  it('the danger detector itself flags each payload before sanitizing', () => {
    for (const [name, hostile] of hostileHtml) expect(dangers(hostile), name).not.toEqual([]);
  });

  it('keeps allowed embeds and links intact (the sanitizer is not simply dropping everything)', () => {
    const html = sanitizeArticleHtml(
      '<p><a href="https://example.com/x">x</a> <a href="/help/en/articles/a">a</a> <a href="mailto:help@example.com">m</a></p><div class="kb-video"><iframe src="https://player.vimeo.com/video/1"></iframe></div>',
    );
    expect(html).toContain('<a href="https://example.com/x" rel="noopener noreferrer nofollow">x</a>');
    expect(html).toContain('<a href="/help/en/articles/a">a</a>');
    expect(html).toContain('href="mailto:help@example.com"');
    expect(html).toContain('<iframe src="https://player.vimeo.com/video/1"');
  });
});
