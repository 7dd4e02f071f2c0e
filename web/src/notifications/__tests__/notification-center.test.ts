import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotificationFieldsFragment } from '../../graphql/generated.ts';
import { boot, emptyInbox, viewer } from '../../testing/fixtures.ts';
import { renderApp, settle } from '../../testing/render-app.ts';
import { agentResponders } from '../../agent/__tests__/agent-fixtures.ts';
import { editorContext, kbArticle, metrics } from '../../admin/knowledge-base/__tests__/fixtures.ts';

function notification(id: string, overrides: Partial<NotificationFieldsFragment> = {}): NotificationFieldsFragment {
  return {
    id,
    kind: 'assigned',
    ticket: { id: 'ticket-7', reference: '#1007', subject: 'Parcel lost' },
    article: null,
    actor: { name: 'Bo Agent' },
    data: {},
    read: false,
    createdAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

const listed = [
  notification('n1'),
  notification('n2', { kind: 'reminder_due', actor: null, data: { reminderId: 'r1', note: 'Call the courier' } }),
  notification('n3', { kind: 'customer_replied', actor: { name: 'Carol Customer' }, read: true }),
];

function responders(overrides = {}) {
  return {
    ...emptyInbox(),
    ...agentResponders(),
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 2 } }),
    Notifications: () => ({ data: { notifications: { nodes: listed.map((item) => ({ ...item })), pageInfo: { endCursor: 'c3', hasNextPage: false } }, unreadNotificationCount: 2 } }),
    MarkNotificationRead: (variables: Record<string, unknown>) => ({ data: { markNotificationRead: { id: variables.id, read: variables.read } } }),
    MarkAllNotificationsRead: () => ({ data: { markAllNotificationsRead: 2 } }),
    AgentTicket: () => ({ data: { ticket: null } }),
    ...overrides,
  };
}

const bell = () => document.querySelector('.notification-center__bell') as HTMLButtonElement;
const items = () => [...document.querySelectorAll('.notification')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
const buttonNamed = (name: string, within: ParentNode = document) =>
  [...within.querySelectorAll('button')].find((button) => button.textContent?.trim() === name) as HTMLButtonElement;

describe('notification center', () => {
  let unmount: () => void = () => {};
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('shows the unread count in the header and counts live notifications', async () => {
    const app = await renderApp('/agent/inbox', responders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    expect(bell().getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('.notification-center__badge')?.textContent).toBe('2');

    app.subscriptions.emit('NotificationAdded', { notificationAdded: notification('n9', { kind: 'mentioned' }) });
    await settle();
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread');
  });

  it('lists notifications linking to their tickets, marks one read and all read', async () => {
    const app = await renderApp('/agent/inbox', responders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    bell().click();
    await settle();
    expect(bell().getAttribute('aria-expanded')).toBe('true');
    expect(app.callsTo('Notifications')[0]?.variables).toMatchObject({ first: 20, after: null });
    expect(items()[0]).toContain('Bo Agent assigned #1007 Parcel lost to you');
    expect(items()[1]).toContain('Reminder: #1007 Parcel lost');
    expect(items()[1]).toContain('Call the courier');
    expect(items()[2]).toContain('Carol Customer replied on #1007 Parcel lost');
    const link = document.querySelector('[data-notification-id="n1"] a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/agent/tickets/ticket-7');
    expect(document.querySelectorAll('.notification--unread')).toHaveLength(2);

    // A live notification goes on top of the open list.
    app.subscriptions.emit('NotificationAdded', { notificationAdded: notification('n9', { kind: 'ticket_updated', actor: { name: 'Cy Agent' } }) });
    await settle();
    expect(items()[0]).toContain('Cy Agent updated #1007 Parcel lost');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread');

    buttonNamed('Mark as read', document.querySelector('[data-notification-id="n2"]')!).click();
    await settle();
    expect(app.callsTo('MarkNotificationRead')[0]?.variables).toEqual({ id: 'n2', read: true });
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread');
    expect(document.querySelector('[data-notification-id="n2"]')?.classList.contains('notification--unread')).toBe(false);

    buttonNamed('Mark all as read').click();
    await settle();
    expect(app.callsTo('MarkAllNotificationsRead')).toHaveLength(1);
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
    expect(document.querySelectorAll('.notification--unread')).toHaveLength(0);
  });

  it('opening a notification marks it read, closes the panel and goes to the ticket', async () => {
    const app = await renderApp('/agent/inbox', responders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    bell().click();
    await settle();
    (document.querySelector('[data-notification-id="n1"] a') as HTMLAnchorElement).click();
    await settle();
    await vi.waitFor(() => expect(app.router.currentRoute.value.path).toBe('/agent/tickets/ticket-7'), { timeout: 5000 });
    expect(app.callsTo('MarkNotificationRead')[0]?.variables).toEqual({ id: 'n1', read: true });
    expect(bell().getAttribute('aria-expanded')).toBe('false');
  });

  it('a stale article of mine names the article and opens it in the knowledge-base editor', async () => {
    const stale = notification('n5', {
      kind: 'article_stale',
      ticket: null,
      actor: null,
      article: { id: 'a1', translations: [{ locale: 'en', title: 'Reset your password' }, { locale: 'zh-CN', title: '重置密码' }] },
      data: { reviewAt: '2026-11-01T00:00:00.000Z' },
    });
    const gone = notification('n6', { kind: 'article_stale', ticket: null, actor: null, article: null, read: true });
    const app = await renderApp(
      '/agent/inbox',
      responders({
        Notifications: () => ({ data: { notifications: { nodes: [stale, gone], pageInfo: { endCursor: 'c2', hasNextPage: false } }, unreadNotificationCount: 1 } }),
        KbEditorContext: editorContext,
        KbArticleEditor: () => ({ data: { kbArticle: { ...kbArticle(), metrics } } }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 2 unread'));
    bell().click();
    await settle();
    expect(items()[0]).toContain('“Reset your password” is past its review date');
    // Deleted since: said so, and nothing to follow.
    expect(items()[1]).toContain('An article you owned was due for review (it has since been deleted)');
    expect(document.querySelector('[data-notification-id="n6"] a')).toBeNull();

    const link = document.querySelector('[data-notification-id="n5"] a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/admin/knowledge-base/articles/a1');
    link.click();
    await vi.waitFor(() => expect(app.router.currentRoute.value.path).toBe('/admin/knowledge-base/articles/a1'), { timeout: 5000 });
    expect(app.callsTo('MarkNotificationRead')[0]?.variables).toEqual({ id: 'n5', read: true });
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Reset your password'));
  });

  it('is in Chinese for a zh-CN agent', async () => {
    const stale = notification('n5', {
      kind: 'article_stale',
      ticket: null,
      actor: null,
      article: { id: 'a1', translations: [{ locale: 'en', title: 'Reset your password' }, { locale: 'zh-CN', title: '重置密码' }] },
    });
    const app = await renderApp(
      '/agent/inbox',
      responders({
        SessionBoot: boot(viewer('agent', { locale: 'zh-CN' })),
        Notifications: () => ({ data: { notifications: { nodes: [stale], pageInfo: { endCursor: 'c1', hasNextPage: false } }, unreadNotificationCount: 2 } }),
      }),
    );
    unmount = () => {
      app.wrapper.unmount();
      localStorage.clear();
    };
    await vi.waitFor(() => expect(bell().getAttribute('aria-label')).toBe('通知，2 条未读'));
    bell().click();
    await settle();
    // The article's title in the viewer's language.
    expect(items()[0]).toContain('“重置密码”已过复核日期');
  });
});
