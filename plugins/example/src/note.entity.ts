import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A note kept by the example plugin: shows a plugin owning a table. */
export const ExampleNoteSchema = defineEntity({
  name: 'ExampleNote',
  tableName: 'plugin_example_notes',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    body: p.text(),
    authorId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ExampleNote = InferEntity<typeof ExampleNoteSchema>;
