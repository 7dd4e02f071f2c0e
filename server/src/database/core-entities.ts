import { SessionSchema } from '../auth/session.entity.ts';
import { UserSchema } from '../auth/user.entity.ts';
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
  KbLocaleSchema,
  KbCategorySchema,
  KbCategoryTranslationSchema,
  KbSectionSchema,
  KbSectionTranslationSchema,
  KbArticleSchema,
  KbArticleTranslationSchema,
  KbArticleVersionSchema,
];
