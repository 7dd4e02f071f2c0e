import { Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    fileAttachment: {
      /** Inserts a download link to an uploaded file (`href` = `/attachments/<id>`). */
      setFileAttachment: (attrs: { href: string; name: string }) => ReturnType;
    };
  }
}

/**
 * A downloadable file, stored as `{ type: 'fileAttachment', attrs: { href, name } }`,
 * which the server renders as `<p><a class="kb-file" href="/attachments/<id>" download>name</a></p>`
 * (and records as one of the article's files, readable by its readers).
 */
export const FileAttachment = Node.create({
  name: 'fileAttachment',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      href: { default: null },
      name: { default: '' },
    };
  },

  parseHTML() {
    return [{ tag: 'a.kb-file[href]', getAttrs: (element) => ({ href: element.getAttribute('href'), name: element.textContent?.trim() ?? '' }) }];
  },

  renderHTML({ node }) {
    const { href, name } = node.attrs as { href: string | null; name: string };
    return ['p', { class: 'kb-file-block' }, ['a', { class: 'kb-file', href: href ?? '', download: '' }, name || href || '']];
  },

  addCommands() {
    return {
      setFileAttachment:
        (attrs) =>
        ({ commands }) =>
          commands.insertBlock({ type: this.name, attrs }),
    };
  },
});
