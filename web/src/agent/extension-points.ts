import type { Editor } from '@tiptap/vue-3';
import { markRaw, shallowReactive, type Component } from 'vue';
import type { ComposerMode } from './composer/composer-mode.ts';

/**
 * Named places in the agent workspace that later features fill without
 * editing the workspace itself: tools go into the composer toolbar, the
 * notification center into the shell header. (Attachments are not an extra:
 * they change what the composer sends, so the composer has them built in.)
 */

/**
 * Props every component in the composer toolbar receives. On a ticket page
 * `ticketId` is set; on a live conversation `conversationId` is, plus
 * `ticketId` once the conversation belongs to a ticket.
 */
export interface ComposerToolbarExtraProps {
  editor: Editor;
  ticketId: string | null;
  conversationId: string | null;
  mode: ComposerMode;
}

const composerToolbar = shallowReactive<Component[]>([]);
const shellHeader = shallowReactive<Component[]>([]);

function adder(list: Component[]) {
  return (component: Component): (() => void) => {
    const raw = markRaw(component);
    list.push(raw);
    return () => {
      const index = list.indexOf(raw);
      if (index >= 0) list.splice(index, 1);
    };
  };
}

/** `agent.composer.toolbar` — e.g. a plugin's tool next to the canned-response picker. Returns a remover. */
export const addComposerToolbarExtra = adder(composerToolbar);
/** `agent.shell.header` — e.g. the notification bell. Returns a remover. */
export const addShellHeaderExtra = adder(shellHeader);

export const extensionPoints = { composerToolbar: composerToolbar as readonly Component[], shellHeader: shellHeader as readonly Component[] };
