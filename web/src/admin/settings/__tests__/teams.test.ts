import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type GraphqlReply } from '../../../testing/render-app.ts';
import { buttonNamed, byId, click, dialog, feedbackOf, openSelect, pick, submitFormOf, text, type } from './helpers.ts';

const admin = viewer('admin');
const support = { id: 'team-1', name: 'Support', description: 'First line', memberCount: 2 };
const billing = { id: 'team-2', name: 'Billing', description: null, memberCount: 0 };
const member = (id: string, name: string, role = 'agent') => ({ id, name, email: `${id}@example.com`, role, active: true });

function responders(overrides: Record<string, (variables: Record<string, unknown>) => GraphqlReply> = {}) {
  return {
    SessionBoot: boot(admin),
    SettingsTeams: () => ({ data: { teams: [billing, support] } }),
    SettingsTeam: () => ({ data: { team: { ...support, members: [member('agent-1', 'Bo Agent'), member('sup-1', 'Sam Supervisor', 'supervisor')] } } }),
    AgentSearch: () => ({ data: { agents: [member('agent-1', 'Bo Agent'), member('agent-2', 'Cy Agent')].map(({ id, name, email }) => ({ id, name, email })) } }),
    ...overrides,
  };
}

describe('settings: teams', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists the teams with their member counts and links each to its page', async () => {
    const { wrapper } = await renderApp('/admin/settings/teams', responders());
    await vi.waitFor(() => expect(wrapper.text()).toContain('Support'));
    const rows = wrapper.findAll('tbody tr').map((row) => row.text());
    expect(rows[0]).toContain('Billing');
    expect(rows[0]).toContain('No members');
    expect(rows[1]).toContain('First line');
    expect(rows[1]).toContain('2 members');
    expect(wrapper.find('a[href="/admin/settings/teams/team-1"]').exists()).toBe(true);
    // The settings tabs mark where the admin is.
    expect(wrapper.find('nav[aria-label="Settings pages"] [aria-current="page"]').text()).toBe('Teams');
  });

  it('deletes a team only after a confirmation that says what happens to its tickets', async () => {
    const app = await renderApp('/admin/settings/teams', responders({ DeleteTeam: () => ({ data: { deleteTeam: true } }) }));
    await vi.waitFor(() => expect(app.wrapper.text()).toContain('Support'));
    await click('Delete the team Support');
    expect(dialog()?.textContent).toContain('Delete the team Support?');
    expect(dialog()?.textContent).toContain('Its tickets and conversations keep their assignee and lose the team.');
    await click('Cancel', dialog()!);
    expect(app.callsTo('DeleteTeam')).toHaveLength(0);

    await click('Delete the team Support');
    await click('Delete', dialog()!);
    expect(app.callsTo('DeleteTeam')[0]?.variables).toEqual({ id: 'team-1' });
    await vi.waitFor(() => expect(text()).toContain('Team Support deleted.'));
    expect(app.callsTo('SettingsTeams').length).toBeGreaterThanOrEqual(2); // reloaded
  });

  it('creates a team, shows a taken name next to the field, then opens the new team', async () => {
    let attempts = 0;
    const app = await renderApp(
      '/admin/settings/teams',
      responders({
        CreateTeam: () =>
          ++attempts === 1
            ? graphqlError('CONFLICT', 'A team with this name already exists.')
            : { data: { createTeam: { id: 'team-9', name: 'Escalations', description: 'L2', memberCount: 0 } } },
        SettingsTeam: () => ({ data: { team: { id: 'team-9', name: 'Escalations', description: 'L2', memberCount: 0, members: [] } } }),
      }),
    );
    await settle();
    await click('New team');
    type(byId('create-team-name'), 'Support');
    type(byId<HTMLTextAreaElement>('create-team-description'), 'L2');
    await submitFormOf(byId('create-team-name'));
    await vi.waitFor(() => expect(feedbackOf(byId('create-team-name'))).toBe('A team with this name already exists.'));

    type(byId('create-team-name'), 'Escalations');
    await submitFormOf(byId('create-team-name'));
    expect(app.callsTo('CreateTeam').at(-1)?.variables).toEqual({ input: { name: 'Escalations', description: 'L2' } });
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/admin/settings/teams/team-9'));
    await vi.waitFor(() => expect(text()).toContain('No members yet.'));
    expect(text()).toContain('Team Escalations created.');
  });

  it('renames a team; a refused name is explained next to the field', async () => {
    let attempts = 0;
    const app = await renderApp(
      '/admin/settings/teams/team-1',
      responders({
        UpdateTeam: (variables) =>
          ++attempts === 1
            ? graphqlError('BAD_USER_INPUT', 'name: is required', { fields: [{ field: 'name', message: 'must be at most 80 characters' }] })
            : { data: { updateTeam: { ...support, ...(variables.input as object) } } },
      }),
    );
    await vi.waitFor(() => expect(byId('team-name').value).toBe('Support'));
    expect(app.wrapper.find('h1').text()).toBe('Support');
    type(byId('team-name'), 'First line support');
    await submitFormOf(byId('team-name'));
    await vi.waitFor(() => expect(feedbackOf(byId('team-name'))).toBe('must be at most 80 characters'));

    await submitFormOf(byId('team-name'));
    expect(app.callsTo('UpdateTeam').at(-1)?.variables).toEqual({ input: { id: 'team-1', name: 'First line support', description: 'First line' } });
    await vi.waitFor(() => expect(app.wrapper.find('h1').text()).toBe('First line support'));
    expect(text()).toContain('Team saved.');
  });

  it('adds a member found by searching staff and removes another', async () => {
    const app = await renderApp(
      '/admin/settings/teams/team-1',
      responders({
        AddTeamMember: () => ({
          data: { addTeamMember: { id: 'team-1', memberCount: 3, members: [member('agent-1', 'Bo Agent'), member('agent-2', 'Cy Agent'), member('sup-1', 'Sam Supervisor', 'supervisor')] } },
        }),
        RemoveTeamMember: () => ({ data: { removeTeamMember: { id: 'team-1', memberCount: 2, members: [member('agent-2', 'Cy Agent'), member('sup-1', 'Sam Supervisor', 'supervisor')] } } }),
      }),
    );
    await vi.waitFor(() => expect(text()).toContain('Sam Supervisor'));
    expect(text()).toContain('Members (2)');

    // Members already in the team are not offered.
    expect((await openSelect('team-member-search')).map((option) => option.textContent)).toEqual(['Cy Agent <agent-2@example.com>']);
    await pick('team-member-search', 'Cy Agent');
    await submitFormOf(byId('team-member-search'));
    expect(app.callsTo('AddTeamMember')[0]?.variables).toEqual({ teamId: 'team-1', userId: 'agent-2' });
    await vi.waitFor(() => expect(text()).toContain('Members (3)'));
    expect(text()).toContain('Cy Agent added to the team.');

    await click('Remove Bo Agent from the team');
    expect(app.callsTo('RemoveTeamMember')[0]?.variables).toEqual({ teamId: 'team-1', userId: 'agent-1' });
    await vi.waitFor(() => expect(text()).toContain('Members (2)'));
    expect(buttonNamed('Remove Bo Agent from the team')).toBeUndefined();
  });

  it('deletes the team from its page after confirming, back to the list', async () => {
    const app = await renderApp('/admin/settings/teams/team-1', responders({ DeleteTeam: () => ({ data: { deleteTeam: true } }) }));
    await vi.waitFor(() => expect(text()).toContain('Sam Supervisor'));
    await click('Delete team…');
    expect(dialog()?.textContent).toContain('keep their assignee and lose the team');
    await click('Delete', dialog()!);
    expect(app.callsTo('DeleteTeam')[0]?.variables).toEqual({ id: 'team-1' });
    await vi.waitFor(() => expect(app.router.currentRoute.value.name).toBe('admin-settings-teams'));
  });

  it('is not open to agents', async () => {
    const { router } = await renderApp('/admin/settings/teams', { SessionBoot: boot(viewer('agent')) });
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
  });
});
