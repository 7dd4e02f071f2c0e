import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../testing/render-app.ts';
import { hit } from '../../help-center/__tests__/fixtures.ts';
import { customer, customerMessage, ticketDetail, typeRichText } from './portal-fixtures.ts';

const types = () => ({
  data: {
    ticketTypes: [
      { id: 'type-1', key: 'order', name: 'Order' },
      { id: 'type-9', key: 'warranty', name: 'Warranty claim' },
    ],
  },
});

async function openForm(responders: Parameters<typeof renderApp>[1] = {}) {
  const rendered = await renderApp('/portal/tickets/new', {
    SessionBoot: boot(customer),
    PortalTicketTypes: types,
    SuggestArticles: () => ({ data: { suggestArticles: [] } }),
    ...responders,
  });
  await vi.waitFor(() => expect(rendered.wrapper.find('#ticket-subject').exists()).toBe(true));
  await settle();
  return rendered;
}

const submit = async (wrapper: Awaited<ReturnType<typeof renderApp>>['wrapper']) => {
  await wrapper.find('form.ticket-form').trigger('submit');
  await settle();
};

describe('portal: submit a request', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('labels every field, including the rich-text description and the type picker', async () => {
    const { wrapper } = await openForm();
    expect(wrapper.find('h1').text()).toBe('Submit a request');
    expect(wrapper.find('label[for="ticket-subject"]').text()).toMatch(/^Subject/);
    expect(wrapper.find('label[for="ticket-type"]').text()).toBe('Type of request');
    const editor = wrapper.find('.ticket-form .ProseMirror');
    expect(editor.attributes('role')).toBe('textbox');
    expect(wrapper.find(`#${editor.attributes('aria-labelledby')}`).text()).toMatch(/^Description/);
    // Seeded types are translated; an admin's own type keeps its name.
    const options = wrapper.findAll('#ticket-type option').map((option) => option.text());
    expect(options).toEqual(['Choose a type (optional)', 'Order', 'Warranty claim']);
  });

  it('offers formatting as named buttons that say whether their format is on', async () => {
    const { wrapper } = await openForm();
    const toolbar = wrapper.find('.ticket-form [role="toolbar"]');
    expect(toolbar.attributes('aria-label')).toBe('Formatting');
    expect(toolbar.findAll('button').map((button) => button.attributes('aria-label'))).toEqual(['Bold', 'Italic', 'Bulleted list', 'Numbered list']);
    const bold = toolbar.find('button[aria-label="Bold"]');
    expect(bold.attributes('aria-pressed')).toBe('false');

    await bold.trigger('click');
    await settle();
    expect(bold.attributes('aria-pressed')).toBe('true');
    typeRichText('ticket-description-label', 'Urgent');
    await settle();
    expect(wrapper.find('.ticket-form .ProseMirror strong').text()).toBe('Urgent');
  });

  it('checks subject and description before calling the server', async () => {
    const { wrapper, callsTo } = await openForm();
    await wrapper.find('#ticket-subject').setValue('   ');
    await submit(wrapper);
    expect(wrapper.text()).toContain('Subject is required.');
    expect(wrapper.text()).toContain('Description is required.');
    expect(callsTo('PortalSubmitTicket')).toEqual([]);

    typeRichText('ticket-description-label', 'It broke.');
    await settle();
    expect(wrapper.text()).not.toContain('Description is required.');
  });

  it('submits the request and opens it', async () => {
    const { wrapper, router, callsTo } = await openForm({
      PortalSubmitTicket: () => ({ data: { submitTicket: { id: 'ticket-7', reference: '#1007' } } }),
      PortalTicket: () => ticketDetail([customerMessage()], { id: 'ticket-7', reference: '#1007', subject: 'Parcel lost' }),
      PortalMarkRead: () => ({ data: null }),
    });
    await wrapper.find('#ticket-subject').setValue('  Parcel lost ');
    await wrapper.find('#ticket-type').setValue('type-9');
    typeRichText('ticket-description-label', 'Order 42 never arrived.');
    await submit(wrapper);

    expect(callsTo('PortalSubmitTicket').map((call) => call.variables)).toEqual([
      {
        input: {
          subject: 'Parcel lost',
          typeId: 'type-9',
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Order 42 never arrived.' }] }] },
        },
      },
    ]);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets/ticket-7'));
    await vi.waitFor(() => expect(document.body.textContent).toContain('Request #1007 received. We will reply here.'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Parcel lost'));
  });

  it('suggests help articles while the customer types and sends the one they opened with the request', async () => {
    const stopNavigation = (event: Event) => event.preventDefault();
    document.addEventListener('click', stopNavigation);
    try {
      const { wrapper, callsTo } = await openForm({
        SuggestArticles: () => ({ data: { suggestArticles: [hit('a3', 'Track your <mark>parcel</mark>', 'Use the tracking link.')] } }),
        RecordSuggestionOpen: () => ({ data: { recordSuggestionOpen: 'open-9' } }),
        PortalSubmitTicket: () => ({ data: { submitTicket: { id: 'ticket-8', reference: '#1008' } } }),
        PortalTicket: () => ticketDetail([customerMessage()], { id: 'ticket-8', reference: '#1008' }),
        PortalMarkRead: () => ({ data: null }),
      });
      await wrapper.find('#ticket-subject').setValue('Parcel lost');
      await vi.waitFor(() => expect(wrapper.find('.ticket-form a mark').exists()).toBe(true), { timeout: 5_000 });
      expect(callsTo('SuggestArticles').at(-1)?.variables).toMatchObject({ text: 'Parcel lost' });
      await wrapper.find('.ticket-form a').trigger('click');
      await settle();
      expect(callsTo('RecordSuggestionOpen')[0]?.variables).toMatchObject({ input: { articleId: 'a3', surface: 'contact_form' } });

      typeRichText('ticket-description-label', 'Still not here.');
      await submit(wrapper);
      expect(callsTo('PortalSubmitTicket')[0]?.variables.input).toMatchObject({ subject: 'Parcel lost', suggestionOpenId: 'open-9' });
    } finally {
      document.removeEventListener('click', stopNavigation);
    }
  });

  it('leaves the type out when none is chosen, and hides the picker when there are no types', async () => {
    const { wrapper, callsTo } = await openForm({
      PortalTicketTypes: () => ({ data: { ticketTypes: [] } }),
      PortalSubmitTicket: () => graphqlError('INTERNAL', 'later'),
    });
    expect(wrapper.find('#ticket-type').exists()).toBe(false);
    await wrapper.find('#ticket-subject').setValue('Question');
    typeRichText('ticket-description-label', 'Hello');
    await submit(wrapper);
    expect(callsTo('PortalSubmitTicket')[0]?.variables.input).not.toHaveProperty('typeId');
  });

  it('shows the server’s field problems under the fields', async () => {
    const { wrapper, router } = await openForm({
      PortalSubmitTicket: () =>
        graphqlError('BAD_USER_INPUT', 'subject: Too long', { fields: [{ field: 'subject', message: 'Too long' }] }),
    });
    await wrapper.find('#ticket-subject').setValue('Question');
    typeRichText('ticket-description-label', 'Hello');
    await submit(wrapper);
    expect(wrapper.find('[role="alert"]').text()).toContain('Some fields need attention');
    expect(wrapper.find('.ticket-form').text()).toContain('Too long');
    expect(router.currentRoute.value.path).toBe('/portal/tickets/new');
  });

  it('is translated (zh-CN)', async () => {
    const { wrapper } = await renderApp('/portal/tickets/new', {
      SessionBoot: boot({ ...customer, user: { ...customer.user, locale: 'zh-CN' } }),
      PortalTicketTypes: types,
    });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('提交请求'));
    await submit(wrapper);
    expect(wrapper.text()).toContain('请填写主题。');
    expect(wrapper.text()).toContain('请填写描述。');
    expect(wrapper.findAll('#ticket-type option').map((option) => option.text())[1]).toBe('订单');
  });
});
