import type { Editor, Range } from '@tiptap/core';
import type { Client } from '@urql/vue';
import {
  ApplyCannedResponseDocument,
  CannedResponseOptionsDocument,
  RenderCannedResponseDocument,
  type CannedResponseOptionsQuery,
} from '../graphql/generated.ts';

export type CannedOption = CannedResponseOptionsQuery['cannedResponses'][number];

export async function searchCanned(client: Client, search: string): Promise<CannedOption[]> {
  const result = await client.query(CannedResponseOptionsDocument, { search: search || null }, { requestPolicy: 'network-only' }).toPromise();
  return result.data?.cannedResponses ?? [];
}

/**
 * Asks the server for the response filled in for this ticket and puts it
 * into the editor (replacing `range`, the typed `::shortcut`, when given).
 * A response with field actions is *applied* (fields change in the same
 * transaction); one without is only rendered, so choosing it changes nothing
 * on the ticket. Returns false when the server refused.
 */
export async function insertCanned(client: Client, editor: Editor, ticketId: string, option: CannedOption, range?: Range): Promise<boolean> {
  if (range) editor.chain().focus().deleteRange(range).run();
  const body = option.actions
    ? (await client.mutation(ApplyCannedResponseDocument, { ticketId, id: option.id }).toPromise()).data?.applyCannedResponse.body
    : (await client.query(RenderCannedResponseDocument, { id: option.id, ticketId }, { requestPolicy: 'network-only' }).toPromise()).data
        ?.renderCannedResponse.body;
  const content = (body as { content?: unknown[] } | undefined)?.content;
  if (!content) return false;
  editor.chain().focus().insertContent(content as Parameters<Editor['commands']['insertContent']>[0]).run();
  return true;
}
