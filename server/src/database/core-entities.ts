import { SessionSchema } from '../auth/session.entity.ts';
import { UserSchema } from '../auth/user.entity.ts';
import { TeamMemberSchema, TeamSchema } from '../teams/team.entity.ts';
import { ConversationSchema, MessageSchema } from '../conversations/conversation.entity.ts';
import { CustomerSchema, OrganizationSchema } from '../customers/customer.entity.ts';
import { TagSchema, TicketEventSchema, TicketSchema, TicketTypeSchema } from '../tickets/ticket.entity.ts';
import { KbArticleSchema, KbArticleTranslationSchema, KbArticleVersionSchema } from '../knowledge-base/article.entity.ts';
import {
  KbCategorySchema,
  KbCategoryTranslationSchema,
  KbLocaleSchema,
  KbSectionSchema,
  KbSectionTranslationSchema,
} from '../knowledge-base/kb-structure.entity.ts';

/** Every entity of the core; plugins add theirs at boot through the SDK. */
export const coreEntities = [
  UserSchema,
  SessionSchema,
  TeamSchema,
  TeamMemberSchema,
  CustomerSchema,
  OrganizationSchema,
  TicketSchema,
  TicketTypeSchema,
  TagSchema,
  TicketEventSchema,
  ConversationSchema,
  MessageSchema,
  KbLocaleSchema,
  KbCategorySchema,
  KbCategoryTranslationSchema,
  KbSectionSchema,
  KbSectionTranslationSchema,
  KbArticleSchema,
  KbArticleTranslationSchema,
  KbArticleVersionSchema,
];
