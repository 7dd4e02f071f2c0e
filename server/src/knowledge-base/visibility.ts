import type { Viewer } from '@kefu/plugin-sdk';
import type { ArticleVisibility } from './article.entity.ts';

/**
 * Row-level rule of the knowledge base: anonymous visitors read public
 * articles, signed-in customers also signed_in ones, staff everything.
 * Every public read (pages, search, suggestions, sitemap, metrics mutations)
 * filters with this list in its SQL.
 */
export function readableVisibilities(viewer: Viewer | null): ArticleVisibility[] {
  if (!viewer) return ['public'];
  if (viewer.role === 'customer') return ['public', 'signed_in'];
  return ['public', 'signed_in', 'internal'];
}

export const isStaff = (viewer: Viewer | null) => Boolean(viewer && viewer.role !== 'customer');
