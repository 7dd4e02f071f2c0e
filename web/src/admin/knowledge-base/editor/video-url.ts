// The server's own allow-list (the renderer drops any other embed), imported
// rather than copied so the two cannot drift apart.
import { embedUrl, videoProvider, type VideoProvider } from '../../../../../server/src/knowledge-base/render/video-embed.ts';

export type { VideoProvider };

export type VideoUrlCheck =
  | { ok: true; src: string; provider: VideoProvider }
  | { ok: false; reason: 'notUrl' }
  | { ok: false; reason: 'host'; host: string }
  | { ok: false; reason: 'notVideo'; provider: VideoProvider };

/** What the video dialog makes of a pasted address: the player URL to store, or why it is refused. */
export function checkVideoUrl(input: string): VideoUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'notUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'notUrl' };
  const provider = videoProvider(input);
  if (!provider) return { ok: false, reason: 'host', host: url.hostname };
  const src = embedUrl(input);
  return src ? { ok: true, src, provider } : { ok: false, reason: 'notVideo', provider };
}
