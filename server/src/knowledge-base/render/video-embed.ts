/**
 * Turns a video page or player URL into the embeddable player URL of an
 * allowed host, or null. Accepting page URLs lets editors paste what their
 * browser shows; YouTube always goes through the no-cookie domain.
 */
export function embedUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  const id = (pattern: RegExp, value: string | null | undefined) => (value && pattern.test(value) ? value : null);

  if (host === 'www.youtube-nocookie.com' || host === 'www.youtube.com' || host === 'youtube.com' || host === 'm.youtube.com' || host === 'youtu.be') {
    const candidate =
      host === 'youtu.be'
        ? url.pathname.slice(1)
        : url.pathname.startsWith('/embed/')
          ? url.pathname.slice('/embed/'.length)
          : url.searchParams.get('v');
    const videoId = id(/^[A-Za-z0-9_-]{6,20}$/, candidate);
    return videoId ? `https://www.youtube-nocookie.com/embed/${videoId}` : null;
  }
  if (host === 'vimeo.com' || host === 'www.vimeo.com' || host === 'player.vimeo.com') {
    const videoId = id(/^\d{1,15}$/, url.pathname.split('/').filter(Boolean).pop());
    return videoId ? `https://player.vimeo.com/video/${videoId}` : null;
  }
  if (host === 'www.bilibili.com' || host === 'bilibili.com' || host === 'player.bilibili.com') {
    const fromPage = url.pathname.match(/^\/video\/(BV[A-Za-z0-9]{8,12})/)?.[1];
    const bvid = id(/^BV[A-Za-z0-9]{8,12}$/, fromPage ?? url.searchParams.get('bvid'));
    return bvid ? `https://player.bilibili.com/player.html?bvid=${bvid}&autoplay=0` : null;
  }
  return null;
}
