import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settle } from '../../testing/render-app.ts';
import { isTypingTarget, keyOf } from '../keyboard/key-events.ts';
import { agentTicket, press } from './agent-fixtures.ts';
import { composerEditor, openTicket } from './ticket-helpers.ts';

describe('key strings', () => {
  const key = (init: Partial<KeyboardEvent>) => keyOf({ key: 'a', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init });

  it('keep typed characters and name modified or special keys', () => {
    expect(key({ key: 'j' })).toBe('j');
    expect(key({ key: 'J', shiftKey: true })).toBe('J');
    expect(key({ key: '?', shiftKey: true })).toBe('?');
    expect(key({ key: 'Enter' })).toBe('enter');
    expect(key({ key: 'Enter', ctrlKey: true })).toBe('mod+enter');
    expect(key({ key: 'Enter', metaKey: true })).toBe('mod+enter');
    expect(key({ key: 'r', ctrlKey: true })).toBe('mod+r');
  });

  it('treat text fields and editors as typing, not checkboxes or links', () => {
    const html = `
      <input id="text"><input id="search" type="search"><input id="box" type="checkbox"><textarea id="area"></textarea>
      <select id="sel"></select><div contenteditable="true"><p id="para">x</p></div><div id="role" role="textbox"></div><a id="link" href="#">l</a>`;
    document.body.innerHTML = html;
    const typing = (id: string) => isTypingTarget(document.getElementById(id));
    expect(['text', 'search', 'area', 'sel', 'para', 'role'].map(typing)).toEqual([true, true, true, true, true, true]);
    expect(['box', 'link'].map(typing)).toEqual([false, false]);
    expect(isTypingTarget(document.body)).toBe(false);
    document.body.innerHTML = '';
  });
});

describe('ticket page shortcuts', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  const modeChecked = () => (document.querySelector('input[name="composer-mode"]:checked') as HTMLInputElement | null)?.value;

  it('r and n focus the composer in reply or note mode, and the key is not typed', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const editorDom = composerEditor().view.dom;

    const n = press('n', {}, document.body);
    await settle();
    expect(n.defaultPrevented).toBe(true);
    expect(modeChecked()).toBe('note');
    expect(document.activeElement).toBe(editorDom);
    expect(document.querySelector('.composer')?.classList.contains('composer--note')).toBe(true);

    // Typing in the editor is typing: r stays a letter there.
    const typed = press('r', {}, editorDom);
    expect(typed.defaultPrevented).toBe(false);
    expect(modeChecked()).toBe('note');

    editorDom.blur();
    press('r', {}, document.body);
    await settle();
    expect(modeChecked()).toBe('reply');
    expect(document.activeElement).toBe(editorDom);
  });

  it('never fires single-key shortcuts in inputs, with Ctrl/⌘, or during IME composition', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const statusAfter = document.getElementById('composer-status-after') as HTMLSelectElement;
    press('n', {}, statusAfter);
    press('n', { ctrlKey: true }, document.body);
    press('n', { isComposing: true }, document.body);
    await settle();
    expect(modeChecked()).toBe('reply');
    press('e', {}, composerEditor().view.dom);
    press('e', {}, statusAfter);
    await settle();
    expect(app.callsTo('UpdateTicket')).toHaveLength(0);
  });

  it('Escape leaves the editor, after which single-key shortcuts work again', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const editorDom = composerEditor().view.dom;
    press('n', {}, document.body);
    await settle();
    expect(document.activeElement).toBe(editorDom);
    press('Escape', {}, editorDom);
    await settle();
    expect(document.activeElement?.id).toBe('main-content');
    press('e');
    await settle();
    expect(app.callsTo('UpdateTicket')[0]?.variables).toEqual({ input: { id: 'ticket-1', status: 'solved' } });
  });

  it('e solves the ticket', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    press('e', {}, document.body);
    await settle();
    expect(app.callsTo('UpdateTicket')[0]?.variables).toEqual({ input: { id: 'ticket-1', status: 'solved' } });
    await vi.waitFor(() => expect(document.querySelector('[data-testid="ticket-status"]')?.textContent).toBe('Solved'));
  });

  it('e explains when the status cannot move to solved', async () => {
    const app = await openTicket({ AgentTicket: () => ({ data: { ticket: agentTicket({ status: 'closed', allowedStatuses: [] }) } }) });
    unmount = () => app.wrapper.unmount();
    press('e', {}, document.body);
    await settle();
    expect(app.callsTo('UpdateTicket')).toHaveLength(0);
    expect(document.body.textContent).toContain('This ticket cannot be solved from its current status.');
  });

  it('Ctrl+Enter or ⌘+Enter sends from inside the editor only, without adding a line break', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const editor = composerEditor();
    editor.commands.insertContent('First answer');
    await settle();

    press('Enter', { ctrlKey: true }, document.body);
    await settle();
    expect(app.callsTo('SendMessage')).toHaveLength(0);

    const send = press('Enter', { ctrlKey: true }, editor.view.dom);
    await settle();
    expect(send.defaultPrevented).toBe(true);
    expect(app.callsTo('SendMessage')).toHaveLength(1);
    expect(JSON.stringify(app.callsTo('SendMessage')[0]?.variables)).not.toContain('hardBreak');

    editor.commands.insertContent('Second answer');
    press('Enter', { metaKey: true }, editor.view.dom);
    await settle();
    expect(app.callsTo('SendMessage')).toHaveLength(2);
    // Nothing to send: nothing is sent.
    press('Enter', { ctrlKey: true }, editor.view.dom);
    await settle();
    expect(app.callsTo('SendMessage')).toHaveLength(2);
  });

  it('lists the ticket and editor shortcuts in the ? dialog', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    press('?', { shiftKey: true }, document.body);
    await settle();
    const dialog = document.querySelector('[role="dialog"]')!;
    for (const text of ['Write a public reply', 'Write an internal note', 'Mark the ticket solved', 'Send', 'Show keyboard shortcuts']) {
      expect(dialog.textContent).toContain(text);
    }
    expect(dialog.textContent).not.toContain('Next ticket');
    const keys = [...dialog.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(keys).toEqual(expect.arrayContaining(['r', 'n', 'e', 'Ctrl', 'Enter', '?']));
  });
});
