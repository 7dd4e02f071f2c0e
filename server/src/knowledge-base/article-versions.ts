import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { pgArray, runSql } from '../database/raw-sql.ts';
import { notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { id, pageInput } from './kb-input.ts';
import { diffSnapshots, type ArticleSnapshot } from './versions.ts';

const diffInput = z.object({ articleId: id('article'), from: z.number().int().min(1), to: z.number().int().min(1) });

/** Version history of one article, newest first. */
export async function listVersions(em: EntityManager, articleId: string, rawPage: unknown) {
  const page = parseInput(pageInput, rawPage);
  const rows = await runSql<Record<string, any>>(
    em,
    `SELECT v.*, count(*) OVER () AS total FROM kb_article_versions v WHERE v.article_id = ? ORDER BY v.number DESC LIMIT ? OFFSET ?`,
    [articleId, page.limit, page.offset],
  );
  return {
    nodes: rows.map((row) => ({
      id: row.id,
      number: row.number,
      reason: row.reason,
      status: row.status,
      authorId: row.author_id,
      createdAt: row.created_at,
      snapshot: row.snapshot,
    })),
    totalCount: rows.length ? Number(rows[0]!.total) : 0,
  };
}

/** What changed between two versions; section and owner are shown by name, not id. */
export async function diffArticleVersions(em: EntityManager, rawInput: unknown) {
  const input = parseInput(diffInput, rawInput);
  const rows = await runSql<{ number: number; snapshot: ArticleSnapshot }>(
    em,
    `SELECT number, snapshot FROM kb_article_versions WHERE article_id = ? AND number IN (?, ?)`,
    [input.articleId, input.from, input.to],
  );
  const before = rows.find((row) => row.number === input.from)?.snapshot;
  const after = rows.find((row) => row.number === input.to)?.snapshot;
  if (!before || !after) throw notFound('Version');
  const sectionIds = [before.sectionId, after.sectionId];
  const userIds = [before.ownerId, after.ownerId].filter((value): value is string => Boolean(value));
  const sections = await runSql<{ id: string; slug: string }>(em, `SELECT id, slug FROM kb_sections WHERE id = ANY(?::uuid[])`, [pgArray(sectionIds)]);
  const users = userIds.length
    ? await runSql<{ id: string; name: string }>(em, `SELECT id, name FROM users WHERE id = ANY(?::uuid[])`, [pgArray(userIds)])
    : [];
  const changes = diffSnapshots(before, after, {
    section: (sectionId) => sections.find((row) => row.id === sectionId)?.slug ?? sectionId,
    user: (userId) => (userId ? (users.find((row) => row.id === userId)?.name ?? userId) : ''),
  });
  return { articleId: input.articleId, from: input.from, to: input.to, changes };
}
