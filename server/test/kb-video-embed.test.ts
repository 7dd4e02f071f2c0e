import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticleBody } from '../src/knowledge-base/render/tiptap-html.ts';
import { startTestKefu, TestClient, type TestKefu } from '../src/testing/index.ts';

const EMBED = `query($url: String!) { kbVideoEmbed(url: $url) { provider embedUrl } }`;

describe('kbVideoEmbed: the editor asks the server which videos an article may embed', () => {
  let t: TestKefu;
  let agent: TestClient;
  beforeAll(async () => {
    t = await startTestKefu();
    // knowledge.edit: agents write articles too.
    agent = (await t.signedIn('agent')).client;
  });
  afterAll(() => t.close());

  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871'],
    ['  https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333  ', 'bilibili', 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0'],
  ])('turns %s into the player the renderer keeps', async (url, provider, embedUrl) => {
    const { kbVideoEmbed } = await agent.data(EMBED, { url });
    expect(kbVideoEmbed).toEqual({ provider, embedUrl });
    // What the editor stores is what readers get: the renderer and sanitizer keep this player.
    const { html } = renderArticleBody({ type: 'doc', content: [{ type: 'video', attrs: { src: kbVideoEmbed.embedUrl } }] });
    expect(html).toContain(`src="${embedUrl.replace(/&/g, '&amp;')}"`);
  });

  it('refuses a host outside the allow-list, an address with no video and a non-address, saying why', async () => {
    const refusal = async (url: string) => {
      const result = await agent.gql(EMBED, { url });
      expect(result.data).toBeNull();
      return result.errors?.[0];
    };
    const foreign = await refusal('https://videos.example.com/watch?v=dQw4w9WgXcQ');
    expect(foreign?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'url', message: 'Videos from videos.example.com cannot be embedded: only YouTube, Vimeo and Bilibili are allowed.' }],
      video: { reason: 'host', host: 'videos.example.com' },
    });
    // A look-alike host is another host.
    expect((await refusal('https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ'))?.extensions?.video).toEqual({ reason: 'host', host: 'youtube.com.evil.example' });
    expect((await refusal('https://www.youtube.com/channel/UC123'))?.extensions?.video).toEqual({ reason: 'notVideo', provider: 'youtube' });
    expect((await refusal('javascript:alert(1)'))?.extensions?.video).toEqual({ reason: 'notUrl' });
    expect((await refusal('youtube'))?.extensions?.video).toEqual({ reason: 'notUrl' });
    expect((await refusal(' '))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'url', message: 'is required' }] });
  });

  it('answers knowledge-base editors only: customers are refused, anonymous visitors must sign in', async () => {
    const customer = (await t.signedIn('customer')).client;
    const anonymous = new TestClient(t.url);
    const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const asCustomer = await customer.gql(EMBED, { url });
    expect(asCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asCustomer.data).toBeNull();
    const asAnonymous = await anonymous.gql(EMBED, { url });
    expect(asAnonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(asAnonymous.data).toBeNull();
  });
});
