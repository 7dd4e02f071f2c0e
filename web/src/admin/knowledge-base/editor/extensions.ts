import type { AnyExtension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import Youtube from '@tiptap/extension-youtube';
import StarterKit from '@tiptap/starter-kit';
import { Callout } from './callout.ts';
import { FileAttachment } from './file-attachment.ts';
import { InsertBlock } from './insert-block.ts';
import { Video } from './video.ts';

/**
 * The article editor's schema. It must stay within what the server renders
 * (server/src/knowledge-base/render/tiptap-html.ts: nodes outside its list
 * are dropped): headings 2–4 (the article title is the page's h1), lists,
 * links, tables, code, blockquotes, callouts, images, downloadable files and
 * videos. New videos are `video` nodes; `youtube` (Tiptap's extension) stays
 * so articles written before keep theirs.
 */
export function articleExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
    Youtube.configure({ nocookie: true, controls: true, modestBranding: true }),
    Video,
    FileAttachment,
    Callout,
    InsertBlock,
  ];
}
