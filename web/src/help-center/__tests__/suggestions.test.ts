import { afterEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { boot, viewer } from '../../testing/fixtures.ts';
import { renderComponent, settle } from '../../testing/render-app.ts';
import ArticleSuggestions from '../components/ArticleSuggestions.vue';
import DeflectionSuggestions from '../components/DeflectionSuggestions.vue';
import { hit } from './fixtures.ts';

// The links open a new tab; happy-dom must not try to navigate.
const stopNavigation = (event: Event) => event.preventDefault();

describe('DeflectionSuggestions', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.removeEventListener('click', stopNavigation);
  });

  it('suggests articles for the subject being typed and emits the id of the opened suggestion', async () => {
    document.addEventListener('click', stopNavigation);
    const props = reactive({ text: 'I', locale: 'zh-CN' });
    const { wrapper, inner, callsTo } = await renderComponent(DeflectionSuggestions, props, {
      SuggestArticles: () => ({ data: { suggestArticles: [hit('a1', '<mark>重置</mark>密码的方法', '')] } }),
      RecordSuggestionOpen: () => ({ data: { recordSuggestionOpen: 'open-42' } }),
    });
    expect(callsTo('SuggestArticles')).toHaveLength(0); // too short to ask

    props.text = '忘记密码 怎么重置';
    await vi.waitFor(() => expect(wrapper.find('a').exists()).toBe(true));
    expect(callsTo('SuggestArticles')).toHaveLength(1);
    expect(callsTo('SuggestArticles')[0]?.variables).toEqual({ text: '忘记密码 怎么重置', locale: 'zh-CN', limit: 5 });
    expect(wrapper.find('a mark').text()).toBe('重置');

    await wrapper.find('a').trigger('click');
    await settle();
    expect(callsTo('RecordSuggestionOpen')[0]?.variables).toEqual({
      input: { articleId: 'a1', query: '忘记密码 怎么重置', surface: 'contact_form', locale: 'zh-CN' },
    });
    expect(inner.emitted('opened')).toEqual([['open-42']]);
  });
});

describe('ArticleSuggestions (agent assist)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.removeEventListener('click', stopNavigation);
  });

  it('inserts an article as a link or as its text, recording agent_assist', async () => {
    document.addEventListener('click', stopNavigation);
    const { wrapper, inner, callsTo } = await renderComponent(ArticleSuggestions, { text: 'How do I get a refund?', locale: 'en' }, {
      SessionBoot: boot(viewer('agent')),
      SuggestArticles: () => ({ data: { suggestArticles: [hit('a7', 'Get a <mark>refund</mark>', 'Refunds take 5 days.')] } }),
      RecordSuggestionOpen: () => ({ data: { recordSuggestionOpen: 'open-1' } }),
      KbArticleText: () => ({
        data: { kbArticle: { id: 'a7', translation: { locale: 'en', title: 'Get a refund', url: '/help/en/articles/article-a7', plainText: 'Refunds take 5 days.' } } },
      }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('Insert link'));
    const button = (label: string) => wrapper.findAll('button').find((item) => item.text().startsWith(label))!;

    await button('Insert link').trigger('click');
    await settle();
    const url = new URL('/help/en/articles/article-a7', window.location.origin).href;
    expect(inner.emitted('insert-link')).toEqual([[{ url, title: 'Get a refund' }]]);

    await button('Insert text').trigger('click');
    await settle();
    expect(callsTo('KbArticleText')[0]?.variables).toEqual({ id: 'a7', locale: 'en' });
    expect(inner.emitted('insert-text')).toEqual([[{ text: 'Refunds take 5 days.', title: 'Get a refund', url }]]);
    expect(callsTo('RecordSuggestionOpen').map((call) => (call.variables.input as { surface: string }).surface)).toEqual([
      'agent_assist',
      'agent_assist',
    ]);
  });
});
