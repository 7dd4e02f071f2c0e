import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { badInput } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { localeCode } from './kb-input.ts';
import { KbLocaleSchema, type KbLocale } from './kb-structure.entity.ts';

const upsertInput = z.object({
  code: localeCode,
  name: z.string().trim().min(1, 'is required').max(60),
  enabled: z.boolean(),
  position: z.number().int().min(0).max(1000).nullish(),
});

/** Content languages. Admins add locales; disabling one hides it from readers but keeps its content. */
export class LocalesService {
  list(em: EntityManager): Promise<KbLocale[]> {
    return em.find(KbLocaleSchema, {}, { orderBy: { position: 'asc', code: 'asc' } });
  }

  enabled(em: EntityManager): Promise<KbLocale[]> {
    return em.find(KbLocaleSchema, { enabled: true }, { orderBy: { position: 'asc', code: 'asc' } });
  }

  async defaultLocale(em: EntityManager): Promise<string> {
    return (await em.findOne(KbLocaleSchema, { isDefault: true }))?.code ?? 'en';
  }

  /** Throws BAD_USER_INPUT naming `field` for every code that is not a configured locale. */
  async assertKnown(em: EntityManager, codes: string[], field: (index: number) => string): Promise<void> {
    if (!codes.length) return;
    const known = new Set((await this.list(em)).map((locale) => locale.code));
    const problems = codes.flatMap((code, index) => (known.has(code) ? [] : [{ field: field(index), message: `unknown locale ${code}` }]));
    if (problems.length) throw badInput(problems);
  }

  async upsert(em: EntityManager, rawInput: unknown): Promise<KbLocale> {
    const input = parseInput(upsertInput, rawInput);
    const existing = await em.findOne(KbLocaleSchema, { code: input.code });
    if (existing?.isDefault && !input.enabled) throw badInput([{ field: 'enabled', message: 'the default locale cannot be disabled' }]);
    const position = input.position ?? existing?.position ?? (await em.count(KbLocaleSchema, {}));
    const locale = existing ?? em.create(KbLocaleSchema, { code: input.code, name: input.name, position });
    em.assign(locale, { name: input.name, enabled: input.enabled, position });
    await em.flush();
    return locale;
  }
}
