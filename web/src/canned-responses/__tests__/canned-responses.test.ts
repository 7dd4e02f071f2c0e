import { afterEach, describe, expect, it, vi } from 'vitest';
import { composerEditor, openTicket } from '../../agent/__tests__/ticket-helpers.ts';
import { settle } from '../../testing/render-app.ts';

const refund = { id: 'cr-1', title: 'Refund policy', shortcut: 'refund', text: 'Hi {{ customer.firstName }}, refunds take 5 days.', actions: null };
const solve = { id: 'cr-2', title: 'Solved, thanks', shortcut: 'thanks', text: 'Glad we could help.', actions: { addTags: ['done'] } };
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const responders = {
  CannedResponseOptions: (variables: Record<string, unknown>) => ({
    data: { cannedResponses: [refund, solve].filter((item) => !variables.search || item.shortcut.startsWith(String(variables.search))) },
  }),
  RenderCannedResponse: () => ({ data: { renderCannedResponse: { body: doc('Hi Carol, refunds take 5 days.') } } }),
  ApplyCannedResponse: () => ({ data: { applyCannedResponse: { body: doc('Glad we could help.') } } }),
};

const option = (title: string) =>
  [...document.querySelectorAll('#canned-list [role="option"]')].find((item) => item.textContent?.includes(title)) as HTMLElement;

describe('canned responses in the composer', () => {
  let unmount: () => void = () => {};
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('typing ::shortcut offers matching responses and inserts the one rendered for this ticket', async () => {
    const app = await openTicket(responders);
    unmount = () => app.wrapper.unmount();
    const editor = composerEditor();
    editor.commands.focus();
    editor.commands.insertContent('::ref');
    await vi.waitFor(() => expect(option('Refund policy')).toBeTruthy());
    expect(app.callsTo('CannedResponseOptions').some((call) => call.variables.search === 'ref')).toBe(true);
    expect(option('Solved, thanks')).toBeUndefined();
    option('Refund policy').dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
    expect(app.callsTo('RenderCannedResponse')[0]?.variables).toEqual({ id: 'cr-1', ticketId: 'ticket-1' });
    // Placeholders come filled from the server; the typed shortcut is gone.
    expect(editor.getText()).toBe('Hi Carol, refunds take 5 days.');
    expect(app.callsTo('ApplyCannedResponse')).toHaveLength(0);
    expect(document.querySelector('#canned-list')).toBeNull();
  });

  it('/ at the start of a word opens the picker too', async () => {
    const app = await openTicket(responders);
    unmount = () => app.wrapper.unmount();
    const editor = composerEditor();
    editor.commands.focus();
    editor.commands.insertContent('/than');
    await vi.waitFor(() => expect(option('Solved, thanks')).toBeTruthy());
  });

  it('the toolbar button lists responses; one with field actions is applied to the ticket', async () => {
    const app = await openTicket(responders);
    unmount = () => app.wrapper.unmount();
    const toggle = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Canned responses') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await vi.waitFor(() => expect(option('Solved, thanks')).toBeTruthy());
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Search canned responses');
    option('Solved, thanks').dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
    expect(app.callsTo('ApplyCannedResponse')[0]?.variables).toEqual({ ticketId: 'ticket-1', id: 'cr-2' });
    expect(composerEditor().getText()).toBe('Glad we could help.');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });
});
