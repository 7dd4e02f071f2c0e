import { Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    video: {
      /** Inserts a video player; `src` must already be a player URL (checkVideoUrl). */
      setVideo: (attrs: { src: string; title?: string }) => ReturnType;
    };
  }
}

/**
 * An embedded video (YouTube, Vimeo or Bilibili), stored as
 * `{ type: 'video', attrs: { src, title } }`, which the server renders as
 * `<div class="kb-video"><iframe src="…">` for the allowed players only.
 * The editor shows a labelled placeholder rather than the player: no
 * third-party page runs inside the editor (the preview shows the real one).
 */
export const Video = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      src: { default: null },
      title: { default: '' },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'div[data-video-src]',
        getAttrs: (element) => ({ src: element.getAttribute('data-video-src'), title: element.getAttribute('data-video-title') ?? '' }),
      },
    ];
  },

  renderHTML({ node }) {
    const { src, title } = node.attrs as { src: string | null; title: string };
    return ['div', { class: 'kb-video-placeholder', 'data-video-src': src ?? '', 'data-video-title': title }, `▶ ${title || src || ''}`];
  },

  addCommands() {
    return {
      setVideo:
        (attrs) =>
        ({ commands }) =>
          commands.insertBlock({ type: this.name, attrs }),
    };
  },
});
