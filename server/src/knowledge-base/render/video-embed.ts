/**
 * Which video URLs an article may embed: the one allow-list, used by the
 * renderer and — through the `kbVideoEmbed` query (video-embed-check.ts) —
 * by the web editor's video dialog, so the editor refuses exactly what the
 * renderer would drop.
 */

export type VideoProvider = 'youtube' | 'vimeo' | 'bilibili';

/** Page and player hosts of each provider (what editors paste from their browser). */
const PROVIDER_HOSTS: Record<VideoProvider, readonly string[]> = {
  youtube: ['www.youtube-nocookie.com', 'www.youtube.com', 'youtube.com', 'm.youtube.com', 'youtu.be'],
  vimeo: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
  bilibili: ['www.bilibili.com', 'bilibili.com', 'player.bilibili.com'],
};

export function parseVideoUrl(input: string): URL | null {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function providerOf(url: URL): VideoProvider | null {
  const host = url.hostname.toLowerCase();
  return (Object.keys(PROVIDER_HOSTS) as VideoProvider[]).find((provider) => PROVIDER_HOSTS[provider].includes(host)) ?? null;
}

/** The allowed video site an http(s) URL belongs to, or null (another host, or not a URL). */
export function videoProvider(input: string): VideoProvider | null {
  const url = parseVideoUrl(input);
  return url ? providerOf(url) : null;
}

/**
 * Turns a video page or player URL into the embeddable player URL of an
 * allowed host, or null. Accepting page URLs lets editors paste what their
 * browser shows; YouTube always goes through the no-cookie domain.
 */
export function embedUrl(input: string): string | null {
  const url = parseVideoUrl(input);
  if (!url) return null;
  const id = (pattern: RegExp, value: string | null | undefined) => (value && pattern.test(value) ? value : null);

  switch (providerOf(url)) {
    case 'youtube': {
      const host = url.hostname.toLowerCase();
      const candidate =
        host === 'youtu.be'
          ? url.pathname.slice(1)
          : url.pathname.startsWith('/embed/')
            ? url.pathname.slice('/embed/'.length)
            : url.searchParams.get('v');
      const videoId = id(/^[A-Za-z0-9_-]{6,20}$/, candidate);
      return videoId ? `https://www.youtube-nocookie.com/embed/${videoId}` : null;
    }
    case 'vimeo': {
      const videoId = id(/^\d{1,15}$/, url.pathname.split('/').filter(Boolean).pop());
      return videoId ? `https://player.vimeo.com/video/${videoId}` : null;
    }
    case 'bilibili': {
      const fromPage = url.pathname.match(/^\/video\/(BV[A-Za-z0-9]{8,12})/)?.[1];
      const bvid = id(/^BV[A-Za-z0-9]{8,12}$/, fromPage ?? url.searchParams.get('bvid'));
      return bvid ? `https://player.bilibili.com/player.html?bvid=${bvid}&autoplay=0` : null;
    }
    default:
      return null;
  }
}
