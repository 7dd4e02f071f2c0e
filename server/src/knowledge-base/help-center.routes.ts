import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { spaIndexFile } from '../http/spa.ts';
import type { Services } from '../services.ts';
import type { HelpArticleDto } from './help-center.service.ts';
import { helpHomeUrl } from './help-urls.ts';

/**
 * Crawler- and link-preview-facing help center: sitemap.xml and article pages
 * whose initial HTML already carries the title, description, canonical and
 * hreflang links, Open Graph tags and the article itself (inside the SPA's
 * mount point, which the app replaces when it starts). Only public articles
 * are rendered; everything else gets the plain SPA shell, which loads the
 * article with the reader's session.
 */
const FALLBACK_SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Kefu</title>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const escapeXml = escapeHtml;

function baseUrl(services: Services, request: FastifyRequest): string {
  return (services.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

async function shell(webDist: string | undefined): Promise<string> {
  const file = spaIndexFile(webDist);
  return file ? readFile(file, 'utf8') : FALLBACK_SHELL;
}

/** The SPA's index.html with the article's head tags and content filled in. */
export function renderArticlePage(template: string, article: HelpArticleDto, base: string, defaultLocale: string): string {
  const description = article.summary ?? '';
  const canonical = `${base}${article.url}`;
  const xDefault = article.alternates.find((alt) => alt.locale === defaultLocale) ?? article.alternates[0];
  const ogLocale = (locale: string) => locale.replace('-', '_');
  const head = [
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<link rel="canonical" href="${escapeHtml(canonical)}" />`,
    ...article.alternates.map((alt) => `<link rel="alternate" hreflang="${escapeHtml(alt.locale)}" href="${escapeHtml(base + alt.url)}" />`),
    ...(xDefault ? [`<link rel="alternate" hreflang="x-default" href="${escapeHtml(base + xDefault.url)}" />`] : []),
    `<meta property="og:type" content="article" />`,
    `<meta property="og:title" content="${escapeHtml(article.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(description)}" />`,
    `<meta property="og:url" content="${escapeHtml(canonical)}" />`,
    `<meta property="og:locale" content="${escapeHtml(ogLocale(article.locale))}" />`,
    ...article.alternates
      .filter((alt) => alt.locale !== article.locale)
      .map((alt) => `<meta property="og:locale:alternate" content="${escapeHtml(ogLocale(alt.locale))}" />`),
    `<meta name="twitter:card" content="summary" />`,
  ].join('\n    ');
  const crumbs = article.breadcrumbs.map((crumb) => `<li><a href="${escapeHtml(crumb.url)}">${escapeHtml(crumb.title)}</a></li>`).join('');
  // The article HTML was sanitized on save; it is inserted as is.
  const body = `<article class="kb-prerendered"><nav aria-label="Breadcrumb"><ol>${crumbs}</ol></nav><h1>${escapeHtml(article.title)}</h1>${article.html}</article>`;
  return template
    .replace(/<html([^>]*)\blang="[^"]*"/i, `<html$1lang="${escapeHtml(article.locale)}"`)
    .replace(/<title>[\s\S]*?<\/title>/i, () => `<title>${escapeHtml(article.title)}</title>`)
    .replace(/<\/head>/i, () => `    ${head}\n  </head>`)
    .replace(/<div id="app"><\/div>/i, () => `<div id="app">${body}</div>`);
}

export function registerHelpCenterRoutes(app: FastifyInstance, services: Services): void {
  const fork = () => services.orm.em.fork() as unknown as EntityManager;
  const help = services.knowledgeBase.helpCenter;

  app.get<{ Params: { locale: string; slug: string } }>('/help/:locale/articles/:slug', async (request, reply) => {
    const em = fork();
    // Anonymous on purpose: crawlers and previews see public articles only.
    const article = await help.article(em, null, { locale: request.params.locale, slug: request.params.slug });
    const template = await shell(services.config.webDist);
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    if (!article) return reply.code(404).send(template);
    const defaultLocale = await services.knowledgeBase.locales.defaultLocale(em);
    return reply.send(renderArticlePage(template, article, baseUrl(services, request), defaultLocale));
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const em = fork();
    const base = baseUrl(services, request);
    const [entries, locales] = await Promise.all([help.sitemap(em), help.locales(em)]);
    const url = (loc: string, lastmod: Date | null, alternates: { locale: string; url: string }[]) =>
      [
        '  <url>',
        `    <loc>${escapeXml(base + loc)}</loc>`,
        ...(lastmod ? [`    <lastmod>${new Date(lastmod).toISOString()}</lastmod>`] : []),
        ...alternates.map((alt) => `    <xhtml:link rel="alternate" hreflang="${escapeXml(alt.locale)}" href="${escapeXml(base + alt.url)}"/>`),
        '  </url>',
      ].join('\n');
    const homes = locales.map((locale) => ({ locale: locale.code, url: helpHomeUrl(locale.code) }));
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
      ...homes.map((home) => url(home.url, null, homes)),
      ...entries.flatMap((entry) => entry.alternates.map((alt) => url(alt.url, entry.updatedAt, entry.alternates))),
      '</urlset>',
      '',
    ].join('\n');
    return reply.header('cache-control', 'public, max-age=300').type('application/xml; charset=utf-8').send(xml);
  });
}
