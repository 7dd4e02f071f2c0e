import { guard, mutation } from '../graphql/guard.ts';

const notYet = (field: string) => () => {
  throw new Error(`${field} is not implemented yet`);
};

export const teamsResolvers = {
  Query: {
    teams: guard('workspace.use', notYet('teams')),
    team: guard('workspace.use', notYet('team')),
    agents: guard('workspace.use', notYet('agents')),
  },
  Mutation: {
    createTeam: mutation('teams.manage', notYet('createTeam')),
    updateTeam: mutation('teams.manage', notYet('updateTeam')),
    deleteTeam: mutation('teams.manage', notYet('deleteTeam')),
    setTeamMembers: mutation('teams.manage', notYet('setTeamMembers')),
    addTeamMember: mutation('teams.manage', notYet('addTeamMember')),
    removeTeamMember: mutation('teams.manage', notYet('removeTeamMember')),
  },
};
