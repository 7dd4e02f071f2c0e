import { z } from 'zod';
import { ARTICLE_STATUSES, ARTICLE_VISIBILITIES } from './article.entity.ts';

/** BCP 47-ish: en, zh-CN, pt-BR, zh-Hant-TW. */
export const localeCode = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'must be a language tag like en or zh-CN');

/** Lower-case letters of any script, digits and single dashes: reset-password, 重置密码. */
export const slug = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(120)
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$/u, 'use lower-case letters, digits and single dashes');

export const id = (what: string) => z.uuid(`must be a ${what} id`);

const MAX_BODY_BYTES = 512 * 1024;
const MAX_DEPTH = 40;

/** Shape check of a Tiptap document; what the nodes mean is the renderer's business. */
function validNode(node: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const { type, text, attrs, marks, content } = node as Record<string, unknown>;
  if (type !== undefined && typeof type !== 'string') return false;
  if (text !== undefined && typeof text !== 'string') return false;
  if (attrs !== undefined && (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))) return false;
  if (marks !== undefined && (!Array.isArray(marks) || !marks.every((mark) => typeof mark === 'object' && mark !== null))) return false;
  if (content !== undefined && (!Array.isArray(content) || !content.every((child) => validNode(child, depth + 1)))) return false;
  return true;
}

export const tiptapDoc = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc', {
    message: 'must be a Tiptap document ({ type: "doc", content: [...] })',
  })
  .refine((value) => validNode(value, 0), { message: `is not a valid Tiptap document (or nests deeper than ${MAX_DEPTH})` })
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_BODY_BYTES, { message: 'is larger than 512 KB' });

export const articleTranslationInput = z.object({
  locale: localeCode,
  slug,
  title: z.string().trim().min(1, 'is required').max(200),
  summary: z.string().trim().max(500).nullish().transform((value) => value || null),
  body: tiptapDoc,
});
export type ArticleTranslationInput = z.output<typeof articleTranslationInput>;

const uniqueLocales = <T extends { locale: string }>(list: T[]) => new Set(list.map((item) => item.locale)).size === list.length;

export const articleTranslations = z
  .array(articleTranslationInput)
  .max(30)
  .refine(uniqueLocales, { message: 'lists a locale twice' });

export const tags = z
  .array(z.string().trim().min(1).max(40))
  .max(20)
  .transform((list) => [...new Set(list)]);

export const nameTranslation = z.object({
  locale: localeCode,
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().trim().max(500).nullish().transform((value) => value || null),
});

export const nameTranslations = z.array(nameTranslation).max(30).refine(uniqueLocales, { message: 'lists a locale twice' });

export const articleStatus = z.enum(ARTICLE_STATUSES);
export const articleVisibility = z.enum(ARTICLE_VISIBILITIES);

export const pageInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
