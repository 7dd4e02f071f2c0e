import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphqlError, settle, type Responder } from '../../testing/render-app.ts';
import { agentTicket } from '../../agent/__tests__/agent-fixtures.ts';
import { openTicket } from '../../agent/__tests__/ticket-helpers.ts';

const invited: Responder = (variables) => {
  const input = variables.input as { email: string | null };
  return {
    data: {
      inviteCustomer: {
        acceptUrl: '/portal/accept-invite#token=tok_secret',
        invite: { id: 'invite-1', email: input.email ?? 'carol@example.com', expiresAt: '2026-11-24T10:00:00.000Z' },
      },
    },
  };
};

const buttonNamed = (name: string) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === name);

describe('inviting the ticket’s customer to the portal', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('creates a link for the profile’s e-mail and shows it to copy, saying no e-mail is sent', async () => {
    const app = await openTicket({ InviteCustomer: invited });
    unmount = () => app.wrapper.unmount();
    buttonNamed('Invite to portal')!.click();
    await settle();
    expect((app.wrapper.find('#invite-portal-email').element as HTMLInputElement).value).toBe('carol@example.com');
    expect(app.wrapper.text()).toContain('Kefu does not send email yet');
    buttonNamed('Create invitation link')!.click();
    await settle();

    expect(app.callsTo('InviteCustomer').map((call) => call.variables.input)).toEqual([{ customerId: 'customer-1', email: 'carol@example.com' }]);
    // A full address the agent can paste anywhere, not the server's relative path.
    expect((app.wrapper.find('#invite-portal-link').element as HTMLInputElement).value).toBe(`${window.location.origin}/portal/accept-invite#token=tok_secret`);
    expect(app.wrapper.find('.invite-portal__result').text()).toContain('Send this link to carol@example.com yourself; Kefu does not send email yet.');
    buttonNamed('Copy link')!.click();
    await settle();
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/portal/accept-invite#token=tok_secret`);
    expect(buttonNamed('Create a new link')).toBeDefined();
  });

  it('explains a refusal (the e-mail already has an account) and keeps the form', async () => {
    const app = await openTicket({ InviteCustomer: () => graphqlError('CONFLICT', 'An account with this e-mail already exists.') });
    unmount = () => app.wrapper.unmount();
    buttonNamed('Invite to portal')!.click();
    await settle();
    buttonNamed('Create invitation link')!.click();
    await settle();
    expect(app.wrapper.find('.invite-portal [role="alert"]').text()).toBe('This customer already has a portal account, or another account uses this email.');
    expect(app.wrapper.find('#invite-portal-link').exists()).toBe(false);
  });

  it('offers no invitation to a customer who already has an account', async () => {
    const ticket = agentTicket();
    const app = await openTicket({ AgentTicket: () => ({ data: { ticket: { ...ticket, requester: { ...ticket.requester, user: { id: 'user-9' } } } } }) });
    unmount = () => app.wrapper.unmount();
    expect(app.wrapper.find('.invite-portal').text()).toBe('Has a portal account.');
    expect(buttonNamed('Invite to portal')).toBeUndefined();
  });
});
