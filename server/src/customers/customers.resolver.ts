import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { loadUser } from '../users/user.loader.ts';
import { ticketLoaders } from '../tickets/ticket.loaders.ts';
import { attributeDefinitions, setAttributeDefinitions } from './customer-attributes.ts';
import type { CustomerRow } from './customers.service.ts';
import type { OrganizationRow } from './organizations.service.ts';

type Args = Record<string, any>;
const isStaff = (context: KefuContext) => !!context.viewer && context.viewer.role !== 'customer';
const page = (args: Args) => ({ first: args.first ?? 25, after: args.after ?? null });

export const customersResolvers = {
  Query: {
    customers: guard('workspace.use', (_parent, args: Args, context) => context.services.customers.list(context.em, args)),
    customer: guard('workspace.use', (_parent, args: Args, context) => context.services.customers.get(context.em, args.id)),
    organizations: guard('workspace.use', (_parent, args: Args, context) => context.services.organizations.list(context.em, args)),
    organization: guard('workspace.use', (_parent, args: Args, context) => context.services.organizations.get(context.em, args.id)),
    customerAttributeDefinitions: guard('workspace.use', (_parent, _args, context) => attributeDefinitions(context.em)),
  },
  Mutation: {
    createCustomer: mutation('workspace.use', (_parent, args: Args, context) => context.services.customers.create(context.em, context.viewer, args.input)),
    updateCustomer: mutation('workspace.use', (_parent, args: Args, context) => context.services.customers.update(context.em, context.viewer!, args.input)),
    mergeCustomers: mutation('customers.merge', (_parent, args: Args, context) =>
      context.services.customers.merge(context.em, context.viewer!, args.sourceId, args.targetId),
    ),
    createOrganization: mutation('workspace.use', (_parent, args: Args, context) => context.services.organizations.create(context.em, args.input)),
    updateOrganization: mutation('workspace.use', (_parent, args: Args, context) => context.services.organizations.update(context.em, args.input)),
    deleteOrganization: mutation('settings.manage', (_parent, args: Args, context) => context.services.organizations.delete(context.em, args.id)),
    setCustomerAttributeDefinitions: mutation('settings.manage', (_parent, args: Args, context) => setAttributeDefinitions(context.em, args.definitions)),
  },
  Customer: {
    // A customer reaches their own profile through Ticket.requester; internal data stays with staff.
    attributes: (customer: CustomerRow, _args: Args, context: KefuContext) => (isStaff(context) ? customer.attributes : {}),
    user: (customer: CustomerRow, _args: Args, context: KefuContext) => (isStaff(context) ? loadUser(context, customer.userId) : null),
    organization: (customer: CustomerRow, _args: Args, context: KefuContext) =>
      customer.organizationId ? ticketLoaders(context).organization.get(customer.organizationId) : null,
    mergedInto: (customer: CustomerRow, _args: Args, context: KefuContext) =>
      customer.mergedIntoId && isStaff(context) ? ticketLoaders(context).customer.load(customer.mergedIntoId) : null,
    tickets: (customer: CustomerRow, args: Args, context: KefuContext) =>
      context.services.ticketQueries.list(context.em, context.viewer!, { filter: { requesterId: customer.id }, sort: { field: 'createdAt', direction: 'desc' }, ...page(args) }),
    conversations: (customer: CustomerRow, args: Args, context: KefuContext) =>
      context.services.conversations.ofCustomer(context.em, context.viewer!, customer.id, page(args).first, page(args).after),
  },
  Organization: {
    customers: (organization: OrganizationRow, args: Args, context: KefuContext) =>
      isStaff(context) ? context.services.customers.list(context.em, { filter: { organizationId: organization.id }, ...page(args) }) : { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
    tickets: (organization: OrganizationRow, args: Args, context: KefuContext) =>
      context.services.ticketQueries.list(context.em, context.viewer!, { filter: { organizationId: organization.id }, sort: { field: 'createdAt', direction: 'desc' }, ...page(args) }),
  },
};
