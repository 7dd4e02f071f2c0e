import type { Editor, Range } from '@tiptap/core';
import type { Client } from '@urql/vue';
import {
  ApplyCannedResponseDocument,
  CannedResponseOptionsDocument,
  RenderCannedResponseDocument,
  type CannedResponseOptionsQuery,
} from '../graphql/generated.ts';

export type CannedOption = CannedResponseOptionsQuery['cannedResponses'][number];

/** Where the response goes: a ticket, or a live conversation that has no ticket (yet). */
export interface CannedTarget {
  ticketId: string | null;
  conversationId: string | null;
}

export async function searchCanned(client: Client, search: string): Promise<CannedOption[]> {
  const result = await client.query(CannedResponseOptionsDocument, { search: search || null }, { requestPolicy: 'network-only' }).toPromise();
  return result.data?.cannedResponses ?? [];
}

/**
 * Asks the server for the response filled in for this ticket (or ticketless
 * conversation) and puts it into the editor (replacing `range`, the typed
 * `::shortcut`, when given). A response with field actions is *applied* on a
 * ticket (fields change in the same transaction); otherwise it is only
 * rendered, so choosing it changes nothing — a conversation without a ticket
 * has no fields to change. Returns false when the server refused.
 */
export async function insertCanned(client: Client, editor: Editor, target: CannedTarget, option: CannedOption, range?: Range): Promise<boolean> {
  if (range) editor.chain().focus().deleteRange(range).run();
  const { ticketId, conversationId } = target;
  const renderFor = ticketId ? { ticketId } : { conversationId };
  const body =
    option.actions && ticketId
      ? (await client.mutation(ApplyCannedResponseDocument, { ticketId, id: option.id }).toPromise()).data?.applyCannedResponse.body
      : (await client.query(RenderCannedResponseDocument, { id: option.id, ...renderFor }, { requestPolicy: 'network-only' }).toPromise()).data
          ?.renderCannedResponse.body;
  const content = (body as { content?: unknown[] } | undefined)?.content;
  if (!content) return false;
  editor.chain().focus().insertContent(content as Parameters<Editor['commands']['insertContent']>[0]).run();
  return true;
}
