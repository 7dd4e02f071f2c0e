import { Node, mergeAttributes } from '@tiptap/core';

export const CALLOUT_TYPES = ['info', 'tip', 'warning'] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selected blocks in a callout, or unwraps them if they already are in one. */
      toggleCallout: (type?: CalloutType) => ReturnType;
    };
  }
}

/**
 * A highlighted box (note, tip, warning) around block content. Stored as
 * `{ type: 'callout', attrs: { type } }` in the Tiptap JSON; the server renders
 * it as `<div data-callout="…">` (its allow-list names the same node and attribute).
 */
export const Callout = Node.create({
  name: 'callout',
  group: 'block',
  content: 'block+',
  defining: true,

  addAttributes() {
    return {
      type: {
        default: 'info',
        parseHTML: (element) => {
          const value = element.getAttribute('data-callout');
          return CALLOUT_TYPES.includes(value as CalloutType) ? value : 'info';
        },
        renderHTML: (attributes) => ({ 'data-callout': attributes.type }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-callout]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { class: 'callout' }), 0];
  },

  addCommands() {
    return {
      toggleCallout:
        (type = 'info') =>
        ({ commands }) =>
          commands.toggleWrap(this.name, { type }),
    };
  },
});
