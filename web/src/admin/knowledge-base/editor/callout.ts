import { Node, mergeAttributes } from '@tiptap/core';

/** The tones the server renders (server/src/knowledge-base/render: CALLOUT_TONES). */
export const CALLOUT_TONES = ['info', 'tip', 'warning', 'danger'] as const;
export type CalloutTone = (typeof CALLOUT_TONES)[number];

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    callout: {
      /** Wraps the selected blocks in a callout, or unwraps them if they already are in one. */
      toggleCallout: (tone?: CalloutTone) => ReturnType;
    };
  }
}

/**
 * A highlighted box (note, tip, warning, danger) around block content. Stored
 * as `{ type: 'callout', attrs: { tone } }` in the Tiptap JSON, which the server
 * renders as `<div class="kb-callout kb-callout-<tone>" role="note">`; the
 * editor uses the same markup so what authors see matches the help center.
 */
export const Callout = Node.create({
  name: 'callout',
  group: 'block',
  content: 'block+',
  defining: true,

  addAttributes() {
    return {
      tone: {
        default: 'info',
        parseHTML: (element) => CALLOUT_TONES.find((tone) => element.classList.contains(`kb-callout-${tone}`)) ?? 'info',
        renderHTML: (attributes) => ({ class: `kb-callout kb-callout-${attributes.tone as string}`, role: 'note' }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div.kb-callout' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes), 0];
  },

  addCommands() {
    return {
      toggleCallout:
        (tone = 'info') =>
        ({ commands }) =>
          commands.toggleWrap(this.name, { tone }),
    };
  },
});
