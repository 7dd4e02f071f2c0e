import { describe, expect, it } from 'vitest';
import { embedUrl, videoProvider } from './video-embed.ts';

// The web editor asks the server (kbVideoEmbed), which answers with this same module.
describe('video embeds', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['  https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=1  ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871'],
    ['https://www.bilibili.com/video/BV1GJ411x7h7/?spm=1', 'bilibili', 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0'],
  ])('accepts %s', (input, provider, embed) => {
    expect(videoProvider(input)).toBe(provider);
    expect(embedUrl(input)).toBe(embed);
  });

  it.each([
    ['https://www.youtube.com/channel/UC123', 'youtube'],
    ['https://vimeo.com/about', 'vimeo'],
    ['https://www.bilibili.com/anime/', 'bilibili'],
  ])('knows the site of %s but finds no video in it', (input, provider) => {
    expect(videoProvider(input)).toBe(provider);
    expect(embedUrl(input)).toBeNull();
  });

  it.each(['https://evil.example/embed/x', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ', 'javascript:alert(1)', 'ftp://vimeo.com/1', 'not a url', ''])(
    'refuses %s',
    (input) => {
      expect(videoProvider(input)).toBeNull();
      expect(embedUrl(input)).toBeNull();
    },
  );
});
