import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { groupByKeys, loaderFor } from '../graphql/loaders.ts';
import type { UserRow } from '../users/user.loader.ts';
import type { TeamRow } from './teams.service.ts';

const isStaff = (context: KefuContext) => !!context.viewer && context.viewer.role !== 'customer';

export const teamMembersLoader = (context: KefuContext) =>
  loaderFor<string, UserRow[]>(context, 'teamMembers', async (teamIds) =>
    groupByKeys(teamIds, await context.services.teams.membersOf(context.em, teamIds), (row) => row.teamId),
  );

export const userTeamsLoader = (context: KefuContext) =>
  loaderFor<string, TeamRow[]>(context, 'userTeams', async (userIds) =>
    groupByKeys(userIds, await context.services.teams.teamsOf(context.em, userIds), (row) => row.userId),
  );

export const teamsResolvers = {
  Query: {
    teams: guard('workspace.use', (_parent, _args, context) => context.services.teams.list(context.em)),
    team: guard('workspace.use', (_parent, args: { id: unknown }, context) => context.services.teams.get(context.em, args.id)),
    agents: guard('workspace.use', (_parent, args, context) => context.services.teams.agents(context.em, args)),
  },
  Mutation: {
    createTeam: mutation('teams.manage', (_parent, args: { input: unknown }, context) => context.services.teams.create(context.em, context.viewer!, args.input)),
    updateTeam: mutation('teams.manage', (_parent, args: { input: unknown }, context) => context.services.teams.update(context.em, args.input)),
    deleteTeam: mutation('teams.manage', (_parent, args: { id: unknown }, context) => context.services.teams.delete(context.em, context.viewer!, args.id)),
    setTeamMembers: mutation('teams.manage', (_parent, args: { teamId: unknown; userIds: unknown }, context) =>
      context.services.teams.setMembers(context.em, context.viewer!, args.teamId, args.userIds),
    ),
    addTeamMember: mutation('teams.manage', (_parent, args: { teamId: unknown; userId: unknown }, context) =>
      context.services.teams.addMember(context.em, context.viewer!, args.teamId, args.userId),
    ),
    removeTeamMember: mutation('teams.manage', (_parent, args: { teamId: unknown; userId: unknown }, context) =>
      context.services.teams.removeMember(context.em, context.viewer!, args.teamId, args.userId),
    ),
  },
  Team: {
    members: (team: TeamRow, _args: unknown, context: KefuContext) => teamMembersLoader(context).load(team.id),
    memberCount: async (team: TeamRow, _args: unknown, context: KefuContext) => (await teamMembersLoader(context).load(team.id)).length,
  },
  User: {
    // Team structure is internal: customers see no teams, not even their own account's (none).
    teams: (user: { id: string }, _args: unknown, context: KefuContext) => (isStaff(context) ? userTeamsLoader(context).load(user.id) : []),
  },
};
