import { Extension, type Content } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    insertBlock: {
      /** Inserts content at the cursor, or after the selected node instead of replacing it. */
      insertBlock: (content: Content) => ReturnType;
    };
  }
}

/**
 * An image, file or video just inserted stays selected; inserting the next
 * one would replace it. Uploads and embeds go after a selected node instead.
 */
export const InsertBlock = Extension.create({
  name: 'insertBlock',

  addCommands() {
    return {
      insertBlock:
        (content) =>
        ({ state, commands }) =>
          state.selection instanceof NodeSelection ? commands.insertContentAt(state.selection.to, content) : commands.insertContent(content),
    };
  },
});
