import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Metadata of an uploaded file; the bytes live in the FileStorage under `storageKey`. */
export const AttachmentSchema = defineEntity({
  name: 'Attachment',
  tableName: 'attachments',
  properties: {
    id: p.string().primary(),
    storageKey: p.string().unique(),
    filename: p.string(),
    contentType: p.string(),
    size: p.bigint('number'),
    sha256: p.string(),
    uploadedById: p.uuid().nullable(),
    /** Null while a draft: only the uploader may read it or attach it to a message. */
    messageId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    attachedAt: p.datetime().nullable(),
  },
});

export type Attachment = InferEntity<typeof AttachmentSchema>;
