import { guard, mutation } from '../graphql/guard.ts';

const notYet = (field: string) => () => {
  throw new Error(`${field} is not implemented yet`);
};

export const customersResolvers = {
  Query: {
    customers: guard('workspace.use', notYet('customers')),
    customer: guard('workspace.use', notYet('customer')),
    organizations: guard('workspace.use', notYet('organizations')),
    organization: guard('workspace.use', notYet('organization')),
    customerAttributeDefinitions: guard('workspace.use', notYet('customerAttributeDefinitions')),
  },
  Mutation: {
    createCustomer: mutation('workspace.use', notYet('createCustomer')),
    updateCustomer: mutation('workspace.use', notYet('updateCustomer')),
    mergeCustomers: mutation('customers.merge', notYet('mergeCustomers')),
    createOrganization: mutation('workspace.use', notYet('createOrganization')),
    updateOrganization: mutation('workspace.use', notYet('updateOrganization')),
    deleteOrganization: mutation('settings.manage', notYet('deleteOrganization')),
    setCustomerAttributeDefinitions: mutation('settings.manage', notYet('setCustomerAttributeDefinitions')),
  },
};
