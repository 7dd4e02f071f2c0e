/** SDL added by the example plugin; `extend type` like the core's own feature files. */
export const typeDefs = /* GraphQL */ `
  type ExampleNote {
    id: ID!
    body: String!
    authorId: ID
    createdAt: DateTime!
  }

  extend type Query {
    "The configured greeting (any signed-in user)."
    exampleGreeting: String!
    "Notes, newest first (agents and above)."
    exampleNotes(limit: Int = 20): [ExampleNote!]!
  }

  extend type Mutation {
    addExampleNote(body: String!): ExampleNote!
  }
`;
