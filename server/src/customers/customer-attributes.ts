import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { readSetting, writeSetting } from '../database/settings.ts';
import { badInput } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

export const ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'date', 'select'] as const;
const SETTING_KEY = 'customers.attributeDefinitions';

const definition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits, underscores'),
    label: z.string().trim().min(1, 'is required').max(80),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.string().trim().min(1).max(80)).max(100).nullish(),
  })
  .transform((value) => ({ ...value, options: value.type === 'select' ? (value.options ?? []) : [] }))
  .refine((value) => value.type !== 'select' || value.options.length > 0, { message: 'a select needs options', path: ['options'] });
const definitions = z
  .array(definition)
  .max(100)
  .refine((list) => new Set(list.map((item) => item.key)).size === list.length, { message: 'keys must be unique' });

export type AttributeDefinition = z.output<typeof definition>;

export async function attributeDefinitions(em: EntityManager): Promise<AttributeDefinition[]> {
  return readSetting<AttributeDefinition[]>(em, SETTING_KEY, []);
}

export async function setAttributeDefinitions(em: EntityManager, raw: unknown): Promise<AttributeDefinition[]> {
  const parsed = parseInput(definitions, raw);
  await writeSetting(em, SETTING_KEY, parsed);
  return parsed;
}

const valueSchema = (def: AttributeDefinition): z.ZodType => {
  switch (def.type) {
    case 'string':
      return z.string().max(2000);
    case 'number':
      return z.number().finite();
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.iso.date().or(z.iso.datetime({ offset: true }));
    case 'select':
      return z.enum(def.options as [string, ...string[]]);
  }
};

/** Checks custom attributes against the admin-defined schema: unknown keys and wrong types are refused, null removes a key. */
export async function validateAttributes(em: EntityManager, raw: unknown): Promise<Record<string, unknown>> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badInput([{ field: 'attributes', message: 'must be an object' }]);
  const defs = new Map((await attributeDefinitions(em)).map((def) => [def.key, def]));
  const problems: { field: string; message: string }[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const def = defs.get(key);
    if (!def) problems.push({ field: `attributes.${key}`, message: 'is not a defined attribute' });
    else if (value === null) continue;
    else if (!valueSchema(def).safeParse(value).success) problems.push({ field: `attributes.${key}`, message: `must be a ${def.type}` });
    else clean[key] = value;
  }
  if (problems.length) throw badInput(problems);
  return clean;
}
