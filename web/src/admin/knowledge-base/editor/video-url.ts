import type { Client } from '@urql/vue';
import { KbVideoEmbedDocument, type KbVideoProvider } from '../../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../../graphql/problems.ts';

export type VideoProvider = KbVideoProvider;

export type VideoUrlCheck =
  | { ok: true; src: string; provider: VideoProvider }
  | { ok: false; reason: 'notUrl' }
  | { ok: false; reason: 'host'; host: string }
  | { ok: false; reason: 'notVideo'; provider: VideoProvider }
  /** No verdict (offline, signed out…): the problem says why. */
  | { ok: false; reason: 'problem'; problem: Problem };

type Refusal = { reason: 'notUrl' } | { reason: 'host'; host: string } | { reason: 'notVideo'; provider: VideoProvider };
const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && ['notUrl', 'host', 'notVideo'].includes((value as { reason?: unknown }).reason as string);

/**
 * What the video dialog makes of a pasted address: the player URL to store,
 * or why it is refused. The server decides (`kbVideoEmbed`): the allow-list
 * lives only there, next to the renderer that would drop anything else.
 */
export async function checkVideoUrl(client: Client, input: string): Promise<VideoUrlCheck> {
  if (!input.trim()) return { ok: false, reason: 'notUrl' };
  const result = await client.query(KbVideoEmbedDocument, { url: input }, { requestPolicy: 'network-only' }).toPromise();
  const embed = result.data?.kbVideoEmbed;
  if (embed) return { ok: true, src: embed.embedUrl, provider: embed.provider };
  const refusal = result.error?.graphQLErrors[0]?.extensions?.video;
  if (isRefusal(refusal)) return { ok: false, ...refusal };
  const problem: Problem = result.error ? problemFromError(result.error) : { code: 'NETWORK', message: 'No data', fields: [] };
  return { ok: false, reason: 'problem', problem };
}
