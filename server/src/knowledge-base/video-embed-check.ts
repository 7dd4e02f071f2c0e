import { z } from 'zod';
import { KefuError } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { embedUrl, parseVideoUrl, videoProvider, type VideoProvider } from './render/video-embed.ts';

/** The `KbVideoEmbed` GraphQL object: the player URL an article stores for a pasted address. */
export interface VideoEmbed {
  provider: VideoProvider;
  embedUrl: string;
}

/**
 * Why an address cannot be embedded, as `extensions.video` of the
 * BAD_USER_INPUT error, so the editor can explain it in the user's language
 * without knowing the allow-list itself.
 */
export type VideoRefusal = { reason: 'notUrl' } | { reason: 'host'; host: string } | { reason: 'notVideo'; provider: VideoProvider };

const PROVIDER_NAMES: Record<VideoProvider, string> = { youtube: 'YouTube', vimeo: 'Vimeo', bilibili: 'Bilibili' };
const input = z.object({ url: z.string().trim().min(1, 'is required').max(2000, 'is too long') });

const refused = (refusal: VideoRefusal, message: string) =>
  new KefuError('BAD_USER_INPUT', `url: ${message}`, { fields: [{ field: 'url', message }], video: refusal });

/**
 * Checks a pasted video address against the server's allow-list (the one the
 * renderer, the sanitizer and the CSP follow) and turns it into the player URL
 * to store; refuses anything else with the reason.
 */
export function checkVideoEmbed(rawUrl: unknown): VideoEmbed {
  const { url } = parseInput(input, { url: rawUrl });
  const parsed = parseVideoUrl(url);
  if (!parsed) throw refused({ reason: 'notUrl' }, 'Enter the full address of the video, starting with https://.');
  const provider = videoProvider(url);
  if (!provider) {
    const names = Object.values(PROVIDER_NAMES);
    const allowed = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    throw refused({ reason: 'host', host: parsed.hostname }, `Videos from ${parsed.hostname} cannot be embedded: only ${allowed} are allowed.`);
  }
  const src = embedUrl(url);
  if (!src) throw refused({ reason: 'notVideo', provider }, `This ${PROVIDER_NAMES[provider]} address does not point to a video.`);
  return { provider, embedUrl: src };
}
