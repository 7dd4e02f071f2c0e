import { definePlugin } from '@kefu/plugin-sdk';
import { z } from 'zod';
import { Migration0001Notes } from '../migrations/Migration0001_notes.ts';
import { ExampleNoteSchema } from './note.entity.ts';
import { typeDefs } from './schema.graphql.ts';

const settings = z.object({
  greeting: z.string().min(1).max(200).default('Hello from the example plugin'),
  /** Longest note accepted by addExampleNote. */
  maxNoteLength: z.number().int().min(1).max(10_000).default(500),
  welcomeNewUsers: z.boolean().default(true),
});

/**
 * The example plugin uses every hook of the SDK: settings, an entity with its
 * migration, schema + guarded resolvers, an event handler, HTTP routes and a
 * plugin event. Copy it to start a plugin of your own.
 */
export default definePlugin({
  id: 'example',
  version: '0.1.0',
  compatibility: '^0.1.0',
  description: 'Demonstrates every plugin hook: schema, entity, migration, event handler, routes, settings.',
  settings,
  entities: [ExampleNoteSchema],
  migrations: [{ name: 'Migration0001_notes', class: Migration0001Notes }],
  register(ctx) {
    const { guard } = ctx.graphql;
    ctx.graphql.extendSchema(typeDefs);
    ctx.graphql.addResolvers({
      Query: {
        exampleGreeting: guard('authenticated', () => ctx.settings.greeting),
        exampleNotes: guard('workspace.use', (_parent, args: { limit: number }, context) =>
          context.em.find(ExampleNoteSchema, {}, { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(args.limit, 1), 100) }),
        ),
      },
      Mutation: {
        addExampleNote: guard('workspace.use', async (_parent, args: { body: string }, context) => {
          const body = args.body.trim();
          if (!body || body.length > ctx.settings.maxNoteLength) {
            throw Object.assign(new Error(`body must be 1–${ctx.settings.maxNoteLength} characters`), {
              extensions: { code: 'BAD_USER_INPUT' },
            });
          }
          const note = context.em.create(ExampleNoteSchema, { body, authorId: context.viewer!.id });
          await context.em.flush();
          await ctx.events.publish('noteAdded', { noteId: note.id }, context.viewer!.id);
          return note;
        }),
      },
    });

    ctx.events.on('user.created', async (event) => {
      if (!ctx.settings.welcomeNewUsers) return;
      const em = ctx.database.fork();
      em.create(ExampleNoteSchema, { body: `Welcome, user ${event.payload.userId}`, authorId: null });
      await em.flush();
      ctx.logger.info({ userId: event.payload.userId }, 'welcomed a new user');
    });

    ctx.http.routes(async (app) => {
      app.get('/notes/count', async () => ({ count: await ctx.database.fork().count(ExampleNoteSchema, {}) }));
      app.post<{ Body: { text?: unknown } }>('/echo', async (request, reply) => {
        if (typeof request.body?.text !== 'string') return reply.code(400).send({ error: 'text must be a string' });
        return { echoed: request.body.text };
      });
    });
  },
});
