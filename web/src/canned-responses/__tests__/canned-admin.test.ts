import type { Editor } from '@tiptap/vue-3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentResponders, me } from '../../agent/__tests__/agent-fixtures.ts';
import type { CannedResponseEditFieldsFragment, CannedResponseListFieldsFragment } from '../../graphql/generated.ts';
import { boot, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../testing/render-app.ts';

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const PLACEHOLDERS = ['customer.name', 'customer.firstName', 'ticket.reference', 'agent.name'];
const supervisor = viewer('supervisor', { id: 'lead-1', name: 'Lu Lead' });

const listed = (overrides: Partial<CannedResponseListFieldsFragment>): CannedResponseListFieldsFragment => ({
  id: 'cr-1',
  title: 'Refund policy',
  shortcut: 'refund',
  text: 'Hi {{ customer.firstName }}, refunds take 5 days.',
  scope: 'personal',
  team: null,
  actions: null,
  viewerCanManage: true,
  ...overrides,
});
const refund = listed({});
const waiting = listed({ id: 'cr-2', title: 'Thanks for waiting', shortcut: 'wait', text: 'Thanks for waiting.', scope: 'global', viewerCanManage: false });
const billing = listed({
  id: 'cr-3',
  title: 'Billing hand-over',
  shortcut: null,
  scope: 'team',
  team: { id: 'team-1', name: 'Support' },
  actions: { status: 'pending', priority: null, addTags: ['billing'] },
});

const saved = (overrides: Partial<CannedResponseEditFieldsFragment> = {}): CannedResponseEditFieldsFragment => ({
  id: 'cr-9',
  title: 'Welcome',
  shortcut: 'hello',
  body: doc('Hello {{ customer.name }}'),
  scope: 'team',
  team: { id: 'team-1', name: 'Support' },
  actions: null,
  viewerCanManage: true,
  ...overrides,
});

/** Renders `{{ customer.name }}` like the server would for the sample (or for ticket-7's customer). */
function fakePreview(variables: Record<string, unknown>) {
  const input = variables.input as { body: { content: Array<{ content?: Array<{ text: string }> }> }; ticketId: string | null };
  const text = input.body.content.map((paragraph) => (paragraph.content ?? []).map((node) => node.text).join('')).join(' ');
  if (text.includes('{{ secret }}')) return graphqlError('BAD_USER_INPUT', 'body: "secret" is not a placeholder', { fields: [{ field: 'body', message: '"secret" is not a placeholder' }] });
  const name = input.ticketId === 'ticket-7' ? 'Mei Lin' : 'Alex Chen';
  return { data: { previewCannedResponse: { html: `<p>${text.replaceAll('{{ customer.name }}', name)}</p>` } } };
}

function responders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...agentResponders(),
    ManagedCannedResponses: () => ({ data: { cannedResponses: [refund, billing, waiting] } }),
    CannedResponseFormOptions: () => ({
      data: {
        cannedResponsePlaceholders: PLACEHOLDERS,
        me: { user: { id: me.user.id, teams: [{ id: 'team-1', name: 'Support' }] } },
        teams: [
          { id: 'team-1', name: 'Support' },
          { id: 'team-2', name: 'Billing' },
        ],
      },
    }),
    CannedPreviewTickets: () => ({
      data: { tickets: { nodes: [{ id: 'ticket-7', reference: '#1007', subject: 'Parcel late', requester: { id: 'customer-7', name: 'Mei Lin' } }] } },
    }),
    PreviewCannedResponse: fakePreview,
    CreateCannedResponse: () => ({ data: { createCannedResponse: saved() } }),
    UpdateCannedResponse: () => ({ data: { updateCannedResponse: saved() } }),
    DeleteCannedResponse: () => ({ data: { deleteCannedResponse: true } }),
    ...overrides,
  };
}

const text = () => document.body.textContent ?? '';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const buttonNamed = (name: string, root: ParentNode = document) =>
  [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === name || button.getAttribute('aria-label') === name) as HTMLButtonElement;
const radioLabels = (root: ParentNode = document) => [...root.querySelectorAll('label.n-radio')].map((label) => label.textContent?.trim());
const radio = (name: string) => [...document.querySelectorAll('label.n-radio')].find((label) => label.textContent?.trim() === name)!.querySelector('input')!;
const bodyEditor = () => (document.querySelector('.canned-form .ProseMirror') as HTMLElement & { editor: Editor }).editor;
const feedbackOf = (element: Element) => element.closest('.n-form-item')?.querySelector('.n-form-item-feedback')?.textContent?.trim();

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('canned responses page: list', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is in the agent navigation and lists responses with scope, shortcut and actions; only manageable ones can be edited or deleted', async () => {
    const app = await renderApp('/agent/inbox', { ...responders(), InboxViews: () => ({ data: { ticketViews: [] } }) });
    const navLink = document.querySelector('nav a[href="/agent/canned-responses"]') as HTMLAnchorElement;
    expect(navLink.textContent).toBe('Canned responses');
    await app.router.push('/agent/canned-responses');
    await vi.waitFor(() => expect(text()).toContain('Thanks for waiting'));
    expect(document.querySelector('h1')?.textContent).toBe('Canned responses');

    const row = (id: string) => document.querySelector(`[data-canned-id="${id}"]`)!;
    expect(row('cr-1').querySelector('a')?.getAttribute('href')).toBe('/agent/canned-responses/cr-1');
    expect(row('cr-1').textContent).toContain('::refund');
    expect(row('cr-1').textContent).toContain('Only me');
    expect(row('cr-3').textContent).toContain('Team: Support');
    expect(row('cr-3').textContent).toContain('Status: Pending');
    expect(row('cr-3').textContent).toContain('Tags: +billing');
    // A global response an agent may use but not manage: no link, no delete.
    expect(row('cr-2').querySelector('a')).toBeNull();
    expect(buttonNamed('Delete Thanks for waiting')).toBeUndefined();
    expect(row('cr-2').textContent).toContain('Supervisors and admins edit this one');
  });

  it('filters by scope and searches on the server', async () => {
    const app = await renderApp('/agent/canned-responses', responders());
    await vi.waitFor(() => expect(text()).toContain('Refund policy'));
    expect(app.callsTo('ManagedCannedResponses')[0]?.variables).toEqual({ search: null, scope: null });
    expect(radioLabels()).toEqual(['All', 'Only mine', 'Team', 'Everyone']);

    radio('Team').click();
    await vi.waitFor(() => expect(app.callsTo('ManagedCannedResponses').at(-1)?.variables).toEqual({ search: null, scope: 'team' }));

    type(document.querySelector('input[aria-label="Search canned responses"]') as HTMLInputElement, ' refu ');
    await vi.waitFor(() => expect(app.callsTo('ManagedCannedResponses').at(-1)?.variables).toEqual({ search: 'refu', scope: 'team' }));
  });

  it('deletes only after confirmation, then reloads the list', async () => {
    let remaining = [refund, billing, waiting];
    const app = await renderApp(
      '/agent/canned-responses',
      responders({
        ManagedCannedResponses: () => ({ data: { cannedResponses: remaining } }),
        DeleteCannedResponse: (variables) => {
          remaining = remaining.filter((response) => response.id !== variables.id);
          return { data: { deleteCannedResponse: true } };
        },
      }),
    );
    await vi.waitFor(() => expect(text()).toContain('Refund policy'));

    buttonNamed('Delete Refund policy').click();
    await settle();
    const dialog = () => document.querySelector('.n-dialog') as HTMLElement;
    expect(dialog().textContent).toContain('Delete “Refund policy”?');
    buttonNamed('Cancel', dialog()).click();
    await settle();
    expect(app.callsTo('DeleteCannedResponse')).toHaveLength(0);

    buttonNamed('Delete Refund policy').click();
    await settle();
    buttonNamed('Delete', dialog()).click();
    await vi.waitFor(() => expect(document.querySelector('[data-canned-id="cr-1"]')).toBeNull());
    expect(app.callsTo('DeleteCannedResponse')[0]?.variables).toEqual({ id: 'cr-1' });
    expect(text()).toContain('Deleted “Refund policy”.');
  });
});

describe('canned responses page: form', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function openNew(overrides: Record<string, Responder> = {}, session = me) {
    const app = await renderApp('/agent/canned-responses/new', { ...responders(overrides), SessionBoot: boot(session) });
    await vi.waitFor(() => expect(document.querySelector('.canned-form .ProseMirror')).not.toBeNull());
    await vi.waitFor(() => expect(text()).toContain('{{ customer.name }}'));
    return app;
  }

  it('offers only the scopes the viewer may use', async () => {
    await openNew();
    expect(radioLabels(document.querySelector('.canned-form')!)).toEqual(['Only me', 'My team']);
    radio('My team').click();
    await settle();
    // An agent picks among their own teams only.
    expect([...byId<HTMLSelectElement>('canned-team').options].map((option) => option.textContent)).toEqual(['Support']);
    document.body.innerHTML = '';

    await openNew({}, supervisor);
    expect(radioLabels(document.querySelector('.canned-form')!)).toEqual(['Only me', 'My team', 'Everyone']);
    radio('My team').click();
    await settle();
    expect([...byId<HTMLSelectElement>('canned-team').options].map((option) => option.textContent)).toEqual(['Support', 'Billing']);
  });

  it('creates a team response: placeholders insert on click, the server previews it, field actions are saved', async () => {
    const app = await openNew();
    type(byId('canned-title'), 'Welcome');
    type(byId('canned-shortcut'), 'hello');
    radio('My team').click();
    await settle();
    expect(byId<HTMLSelectElement>('canned-team').value).toBe('team-1');

    const editor = bodyEditor();
    editor.commands.focus('end');
    editor.commands.insertContent('Hello ');
    buttonNamed('Insert placeholder: Customer’s name').click();
    await settle();
    expect(editor.getText()).toBe('Hello {{ customer.name }}');

    // Rendered by the server for the sample customer, then for a chosen ticket.
    const preview = () => document.querySelector('[data-testid="canned-preview"]')!;
    await vi.waitFor(() => expect(preview().textContent).toBe('Hello Alex Chen'));
    expect(app.callsTo('PreviewCannedResponse').at(-1)?.variables).toEqual({ input: { body: doc('Hello {{ customer.name }}'), ticketId: null } });
    choose(byId('preview-ticket'), 'ticket-7');
    await vi.waitFor(() => expect(preview().textContent).toBe('Hello Mei Lin'));
    expect(app.callsTo('PreviewCannedResponse').at(-1)?.variables).toMatchObject({ input: { ticketId: 'ticket-7' } });

    choose(byId('canned-action-status'), 'pending');
    choose(byId('canned-action-assigneeId'), 'agent-2');
    buttonNamed('Save').closest('form')!.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(app.callsTo('CreateCannedResponse')).toHaveLength(1));
    expect(app.callsTo('CreateCannedResponse')[0]!.variables).toEqual({
      input: {
        title: 'Welcome',
        shortcut: 'hello',
        body: doc('Hello {{ customer.name }}'),
        scope: 'team',
        teamId: 'team-1',
        actions: { status: 'pending', assigneeId: 'agent-2' },
      },
    });
    await vi.waitFor(() => expect(app.router.currentRoute.value.name).toBe('agent-canned-responses'));
    expect(text()).toContain('Saved “Welcome”.');
  });

  it('shows the server’s refusals next to the fields they concern', async () => {
    let attempt = 0;
    const app = await openNew({
      CreateCannedResponse: () =>
        ++attempt === 1
          ? graphqlError('BAD_USER_INPUT', 'shortcut: must be 1–40 letters, digits, dashes or underscores; actions.assigneeId: must be an active staff user', {
              fields: [
                { field: 'shortcut', message: 'must be 1–40 letters, digits, dashes or underscores' },
                { field: 'actions.assigneeId', message: 'must be an active staff user' },
              ],
            })
          : graphqlError('CONFLICT', 'Another response in this scope already uses that shortcut.'),
    });
    type(byId('canned-title'), 'Welcome');
    type(byId('canned-shortcut'), 'hello there');
    bodyEditor().commands.insertContent('Hi');
    choose(byId('canned-action-assigneeId'), 'agent-3');
    const form = buttonNamed('Save').closest('form')!;
    form.dispatchEvent(new Event('submit'));

    await vi.waitFor(() => expect(feedbackOf(byId('canned-shortcut'))).toBe('must be 1–40 letters, digits, dashes or underscores'));
    expect(byId('canned-action-assigneeId-error').textContent).toBe('must be an active staff user');
    expect(byId('canned-action-assigneeId').getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('The server refused some fields');
    expect(app.router.currentRoute.value.name).toBe('agent-canned-response-new');

    form.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(feedbackOf(byId('canned-shortcut'))).toBe('Another response you can use already has this shortcut.'));
    expect(document.getElementById('canned-action-assigneeId-error')).toBeNull();
  });

  it('explains a template the server cannot render in the preview', async () => {
    await openNew();
    bodyEditor().commands.insertContent('Hi {{ secret }}');
    await vi.waitFor(() => expect(document.querySelector('[data-testid="canned-preview"]')?.textContent).toBe('The reply cannot be rendered: "secret" is not a placeholder'));
  });

  it('edits a saved response: fields start filled in, and every field is sent back (cleared ones as null)', async () => {
    const existing = saved({
      actions: { status: null, priority: 'high', type: null, assignee: { id: 'agent-99', name: 'Old Agent' }, team: null, addTags: ['vip'], removeTags: ['new'] },
    });
    const app = await renderApp(
      '/agent/canned-responses/cr-9',
      responders({ CannedResponseForEdit: () => ({ data: { cannedResponse: existing } }) }),
    );
    await vi.waitFor(() => expect(document.querySelector('.canned-form .ProseMirror')).not.toBeNull());
    expect(app.callsTo('CannedResponseForEdit')[0]?.variables).toEqual({ id: 'cr-9' });
    expect(document.querySelector('h1')?.textContent?.trim()).toBe('Edit “Welcome”');
    expect(byId<HTMLInputElement>('canned-title').value).toBe('Welcome');
    expect(byId<HTMLInputElement>('canned-shortcut').value).toBe('hello');
    expect(bodyEditor().getText()).toBe('Hello {{ customer.name }}');
    expect(byId<HTMLSelectElement>('canned-action-priority').value).toBe('high');
    // The saved assignee is offered even though the agent search does not list them.
    expect(byId<HTMLSelectElement>('canned-action-assigneeId').selectedOptions[0]?.textContent).toBe('Old Agent');

    type(byId('canned-title'), 'Welcome back');
    type(byId('canned-shortcut'), '');
    choose(byId('canned-action-priority'), '');
    buttonNamed('Save').closest('form')!.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(app.callsTo('UpdateCannedResponse')).toHaveLength(1));
    expect(app.callsTo('UpdateCannedResponse')[0]!.variables).toEqual({
      input: {
        id: 'cr-9',
        title: 'Welcome back',
        shortcut: null,
        body: doc('Hello {{ customer.name }}'),
        scope: 'team',
        teamId: 'team-1',
        actions: { assigneeId: 'agent-99', addTags: ['vip'], removeTags: ['new'] },
      },
    });
  });

  it('shows the page in Chinese', async () => {
    await openNew({}, viewer('agent', { ...me.user, locale: 'zh-CN' }));
    expect(document.querySelector('h1')?.textContent?.trim()).toBe('新建快捷回复');
    expect(buttonNamed('插入占位符：客户姓名')).toBeDefined();
  });
});
