import type { AnyExtension } from '@tiptap/core';
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit';

/**
 * The base every Kefu editor starts from: Tiptap's StarterKit with links that
 * do not open on click (in an editor a click places the cursor). Each editor
 * narrows or widens it — messages have no headings, articles headings 2–4 —
 * and whatever an editor allows, the server's renderer must know too
 * (`server/src/conversations/rich-text.ts`,
 * `server/src/knowledge-base/render/tiptap-html.ts`).
 */
export function richTextKit(options: Partial<StarterKitOptions> = {}): AnyExtension {
  const { link, ...rest } = options;
  return StarterKit.configure({ ...rest, link: link === false ? false : { openOnClick: false, ...link } });
}
