import type { ResolverMap } from '@kefu/plugin-sdk';
import { authResolvers } from '../auth/auth.resolver.ts';
import { conversationsResolvers } from '../conversations/conversations.resolver.ts';
import { customersResolvers } from '../customers/customers.resolver.ts';
import { helpCenterResolvers } from '../knowledge-base/help-center.resolver.ts';
import { knowledgeBaseResolvers } from '../knowledge-base/knowledge-base.resolver.ts';
import { searchResolvers } from '../search/search.resolver.ts';
import { setupResolvers } from '../setup/setup.resolver.ts';
import { systemResolvers } from '../system/system.resolver.ts';
import { teamsResolvers } from '../teams/teams.resolver.ts';
import { ticketsResolvers } from '../tickets/tickets.resolver.ts';
import { usersResolvers } from '../users/users.resolver.ts';
import { DateTimeScalar, JSONScalar } from './scalars.ts';

/** Every feature's resolvers; add a feature here when you add its folder. */
export const coreResolvers = [
  authResolvers,
  setupResolvers,
  usersResolvers,
  systemResolvers,
  teamsResolvers,
  customersResolvers,
  ticketsResolvers,
  conversationsResolvers,
  knowledgeBaseResolvers,
  helpCenterResolvers,
  searchResolvers,
] as unknown as ResolverMap[];

export const scalarResolvers = { DateTime: DateTimeScalar, JSON: JSONScalar };
