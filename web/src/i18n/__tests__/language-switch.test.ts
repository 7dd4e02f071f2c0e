import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, emptyInbox, viewer } from '../../testing/fixtures.ts';
import { renderApp, settle } from '../../testing/render-app.ts';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

async function chooseLanguage({ wrapper }: Rendered, locale: string): Promise<void> {
  const select = wrapper.find('select');
  await select.setValue(locale);
  await settle();
}

describe('language switcher', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('translates the page, sets <html lang> and remembers the choice', async () => {
    const rendered = await renderApp('/', { SessionBoot: boot(null) });
    expect(rendered.wrapper.find('h1').text()).toBe('How can we help?');

    await chooseLanguage(rendered, 'zh-CN');

    expect(rendered.wrapper.find('h1').text()).toBe('有什么可以帮您？');
    expect(rendered.wrapper.text()).toContain('搜索功能即将推出。');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('kefu.locale')).toBe('zh-CN');
    // Signed out: nothing to save on the server.
    expect(rendered.callsTo('UpdateProfile')).toHaveLength(0);
  });

  it('starts in the remembered language on the next visit', async () => {
    localStorage.setItem('kefu.locale', 'zh-TW');
    const { wrapper } = await renderApp('/', { SessionBoot: boot(null) });
    expect(wrapper.find('h1').text()).toBe('需要什麼協助？');
    expect((wrapper.find('select').element as HTMLSelectElement).value).toBe('zh-TW');
  });

  it('saves the choice to the profile when signed in', async () => {
    const rendered = await renderApp('/agent/inbox', {
      ...emptyInbox(),
      SessionBoot: boot(viewer('agent')),
      UpdateProfile: (variables) => ({
        data: { updateProfile: { ...viewer('agent').user, locale: (variables.input as { locale: string }).locale } },
      }),
    });

    await chooseLanguage(rendered, 'zh-TW');

    await vi.waitFor(() => expect(rendered.callsTo('UpdateProfile')).toHaveLength(1));
    expect(rendered.callsTo('UpdateProfile')[0]?.variables).toEqual({ input: { locale: 'zh-TW' } });
    expect(rendered.wrapper.text()).toContain('我的工單');
  });

  it('lets the saved profile language win over this browser’s choice', async () => {
    localStorage.setItem('kefu.locale', 'en');
    const { wrapper } = await renderApp('/agent/inbox', { ...emptyInbox(), SessionBoot: boot(viewer('agent', { locale: 'zh-CN' })) });
    expect(wrapper.text()).toContain('我的工单');
    expect(localStorage.getItem('kefu.locale')).toBe('zh-CN');
  });
});
