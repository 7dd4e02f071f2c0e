import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { acceptedUpload, chooseFiles, dropFiles, refusedUpload, textFile } from '../../testing/files.ts';
import { renderApp, settle, type RestReply } from '../../testing/render-app.ts';
import { agentMessage, agentReceipt, customer, customerMessage, ticketDetail, typeRichText } from './portal-fixtures.ts';

const buttonNamed = (text: string) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text) as HTMLButtonElement;
const chipNames = () => [...document.querySelectorAll('.attachment-chip__name')].map((name) => name.textContent);

describe('portal: attachments', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends files chosen on the new-request form with the request, once they are uploaded', async () => {
    let finish: () => void = () => {};
    const { wrapper, callsTo } = await renderApp(
      '/portal/tickets/new',
      {
        SessionBoot: boot(customer),
        PortalTicketTypes: () => ({ data: { ticketTypes: [] } }),
        SuggestArticles: () => ({ data: { suggestArticles: [] } }),
        PortalSubmitTicket: () => ({ data: { submitTicket: { id: 'ticket-7', reference: '#1007' } } }),
        PortalTicket: () => ticketDetail([customerMessage()], { id: 'ticket-7' }),
        PortalMarkRead: () => ({ data: null }),
      },
      {
        rest: {
          'POST /attachments': (fields) => {
            const file = fields.file as File;
            if (file.name === 'virus.exe') return refusedUpload(415, 'this type of file is not accepted');
            return new Promise<RestReply>((resolve) => (finish = () => resolve(acceptedUpload(file, 'att-receipt'))));
          },
        },
      },
    );
    await vi.waitFor(() => expect(wrapper.find('#ticket-subject').exists()).toBe(true));
    await wrapper.find('#ticket-subject').setValue('Broken cup');
    typeRichText('ticket-description-label', 'Photo of the receipt attached.');

    expect(buttonNamed('Attach files').type).toBe('button');
    chooseFiles(document.querySelector<HTMLInputElement>('.new-ticket input[type="file"]')!, [textFile('receipt.txt'), textFile('virus.exe')]);
    await settle();
    expect(chipNames()).toEqual(['receipt.txt', 'virus.exe']);
    expect(document.querySelector('.attachment-chip--failed [role="alert"]')?.textContent).toBe('This type of file is not accepted.');
    // Still uploading: the request waits (Ctrl+Enter in the editor as well as the button).
    expect(buttonNamed('Submit request').disabled).toBe(true);
    await wrapper.find('form.ticket-form').trigger('submit');
    await settle();
    expect(callsTo('PortalSubmitTicket')).toEqual([]);

    finish();
    await settle();
    await wrapper.find('form.ticket-form').trigger('submit');
    await settle();
    expect(callsTo('PortalSubmitTicket')[0]?.variables.input).toMatchObject({ subject: 'Broken cup', attachmentIds: ['att-receipt'] });
  });

  it('speaks the customer’s language (zh-TW)', async () => {
    const { wrapper } = await renderApp(
      '/portal/tickets/new',
      {
        SessionBoot: boot({ ...customer, user: { ...customer.user, locale: 'zh-TW' } }),
        PortalTicketTypes: () => ({ data: { ticketTypes: [] } }),
        SuggestArticles: () => ({ data: { suggestArticles: [] } }),
      },
      { rest: { 'POST /attachments': () => refusedUpload(413, 'is larger than 26214400 bytes') } },
    );
    await vi.waitFor(() => expect(wrapper.find('h1').exists()).toBe(true));
    expect(buttonNamed('新增附件')).toBeDefined();
    chooseFiles(document.querySelector<HTMLInputElement>('.new-ticket input[type="file"]')!, [textFile('影片.txt')]);
    await settle();
    expect(document.querySelector('.attachment-chip [role="alert"]')?.textContent).toBe('檔案太大，無法上傳。');
    expect(document.querySelector('.attachment-chip__remove')?.getAttribute('aria-label')).toBe('移除 影片.txt');
  });

  it('sends a file dropped on the reply box with the reply, and shows every message’s files as download links', async () => {
    const sent = customerMessage({
      id: 'message-3',
      html: '<p>Here it is.</p>',
      createdAt: '2026-11-21T11:00:00.000Z',
      attachments: [{ id: 'att-9', filename: 'photo.txt', contentType: 'text/plain', size: 5, isImage: false, url: '/attachments/att-9' }],
    });
    const reply = agentMessage({
      attachments: [{ id: 'att-2', filename: 'label.png', contentType: 'image/png', size: 2048, isImage: true, url: '/attachments/att-2' }],
    });
    const { wrapper, callsTo } = await renderApp(
      '/portal/tickets/ticket-1',
      {
        SessionBoot: boot(customer),
        PortalTicket: () => ticketDetail([customerMessage(), reply]),
        PortalMarkRead: () => ({ data: { markConversationRead: agentReceipt('ignored') } }),
        PortalSendReply: () => ({ data: { sendMessage: sent } }),
      },
      { rest: { 'POST /attachments': (fields) => acceptedUpload(fields.file as File, 'att-9') } },
    );
    await vi.waitFor(() => expect(wrapper.findAll('li.message')).toHaveLength(2));

    const agentLink = wrapper.find('li[data-message-id="message-2"] a[href="/attachments/att-2"]');
    expect(agentLink.attributes('aria-label')).toBe('Download label.png (2 kB)');
    expect(agentLink.find('img').exists()).toBe(true);

    typeRichText('reply-label', 'Here it is.');
    dropFiles(document.querySelector('.reply .ProseMirror')!, [textFile('photo.txt')]);
    await settle();
    expect(chipNames()).toEqual(['photo.txt']);
    await wrapper.findAll('button').find((button) => button.text() === 'Send reply')!.trigger('click');
    await settle();

    expect(callsTo('PortalSendReply')[0]?.variables.input).toMatchObject({ kind: 'reply', attachmentIds: ['att-9'] });
    expect(chipNames()).toEqual([]);
    await vi.waitFor(() => expect(wrapper.find('li[data-message-id="message-3"] a[href="/attachments/att-9"]').exists()).toBe(true));
    expect(wrapper.find('li[data-message-id="message-3"] .attachment-link__type').text()).toBe('TXT');
  });
});
