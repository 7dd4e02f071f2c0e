import { describe, expect, it } from 'vitest';
import { renderBody, sanitize, textToDoc } from './rich-text.ts';

const doc = (...content: unknown[]) => ({ type: 'doc', content });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

describe('message bodies (Tiptap JSON → sanitized HTML)', () => {
  it('renders formatting, links and mentions, and extracts text and mentioned users', () => {
    const rendered = renderBody(
      doc(paragraph(text('Hello '), text('world', [{ type: 'bold' }]), text(' '), { type: 'mention', attrs: { id: 'user-1', label: 'Ann' } }), paragraph(text('see docs', [{ type: 'link', attrs: { href: 'https://example.com/a' } }]))),
    );
    expect(rendered.html).toMatch(/^<p>Hello <strong>world<\/strong> <span [^>]+>@Ann<\/span><\/p><p><a [^>]+>see docs<\/a><\/p>$/);
    expect(rendered.html).toContain('data-id="user-1"');
    expect(rendered.html).toContain('href="https://example.com/a"');
    expect(rendered.html).toContain('rel="noopener noreferrer nofollow"');
    expect(rendered.text).toBe('Hello world @Ann\nsee docs');
    expect(rendered.mentionedUserIds).toEqual(['user-1']);
  });

  it('renders every node and mark the composer offers', () => {
    const item = (...content: unknown[]) => ({ type: 'listItem', content: [paragraph(...content)] });
    const rendered = renderBody(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
        { type: 'orderedList', attrs: { start: 3 }, content: [item(text('three'))] },
        { type: 'bulletList', content: [item(text('a', [{ type: 'italic' }]), text('c', [{ type: 'code' }]))] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1 < 2;')] },
        { type: 'blockquote', content: [paragraph(text('q'), { type: 'hardBreak' }, text('r', [{ type: 'strike' }, { type: 'underline' }]))] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: 'https://x.test/a.png', alt: 'A', title: 'T' } },
        paragraph(text('link', [{ type: 'link', attrs: { href: 'https://e.test/?a=1&b=2' } }])),
      ),
    );
    expect(rendered.html).toBe(
      '<h2>Title</h2><ol start="3"><li><p>three</p></li></ol><ul><li><p><em>a</em><code>c</code></p></li></ul>' +
        '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre><blockquote><p>q<br /><u><s>r</s></u></p></blockquote><hr />' +
        '<img src="https://x.test/a.png" alt="A" title="T" />' +
        '<p><a target="_blank" rel="noopener noreferrer nofollow" href="https://e.test/?a=1&amp;b=2">link</a></p>',
    );
  });

  it('escapes markup inside text nodes', () => {
    const rendered = renderBody(doc(paragraph(text('<script>alert(1)</script><img src=x onerror=alert(1)>'))));
    expect(rendered.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('drops javascript: and data: URLs from links and images', () => {
    const rendered = renderBody(
      doc(
        paragraph(text('click', [{ type: 'link', attrs: { href: 'javascript:alert(document.cookie)' } }])),
        paragraph(text('x', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }])),
        { type: 'image', attrs: { src: 'data:text/html;base64,PHNjcmlwdD4=', alt: 'a" onerror="alert(1)' } },
      ),
    );
    expect(rendered.html).not.toMatch(/javascript|data:|src=/i);
    // The attribute-breaking quote stays inside the alt value, escaped and inert.
    expect(rendered.html).toContain('alt="a&quot; onerror=&quot;alert(1)"');
  });

  it('refuses unknown node types, bad structure and empty documents', () => {
    expect(() => renderBody(doc({ type: 'iframe', attrs: { src: 'https://evil.example' } }))).toThrow(/BAD_USER_INPUT|not a valid document/);
    expect(() => renderBody({ type: 'paragraph' })).toThrow(/Tiptap document/);
    expect(() => renderBody(doc(paragraph()))).toThrow(/empty/);
    expect(() => renderBody('<p>hi</p>')).toThrow(/Tiptap document/);
  });

  it('the sanitizer strips handlers, scripts, styles and foreign tags from any HTML', () => {
    const dirty = '<p onclick="x()" style="color:red">a<script>alert(1)</script><iframe src="//evil"></iframe><svg onload=alert(1)></svg><a href="javascript:x">b</a></p>';
    expect(sanitize(dirty)).toBe('<p>a<a rel="noopener noreferrer nofollow" target="_blank">b</a></p>');
  });

  it('turns plain text into paragraphs and line breaks', () => {
    expect(renderBody(textToDoc('line 1\nline 2\n\nnext')).html).toBe('<p>line 1<br />line 2</p><p>next</p>');
  });
});
