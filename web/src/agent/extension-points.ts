import type { Editor } from '@tiptap/vue-3';
import { markRaw, shallowReactive, type Component } from 'vue';
import type { ComposerMode } from './composer/composer-mode.ts';

/**
 * Named places in the agent workspace that later features fill without
 * editing the workspace itself: canned responses and attachments go into the
 * composer toolbar, the notification center into the shell header. Nothing
 * is registered yet; the slots render nothing until something is.
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

/** `agent.composer.toolbar` — e.g. the canned-response picker, the attachment button. Returns a remover. */
export const addComposerToolbarExtra = adder(composerToolbar);
/** `agent.shell.header` — e.g. the notification bell. Returns a remover. */
export const addShellHeaderExtra = adder(shellHeader);

export const extensionPoints = { composerToolbar: composerToolbar as readonly Component[], shellHeader: shellHeader as readonly Component[] };
