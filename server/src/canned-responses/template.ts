import type { JSONContent } from '@tiptap/core';
import { Liquid } from 'liquidjs';
import { badInput } from '../graphql/errors.ts';

/**
 * Placeholders (`{{ customer.name }}`, `{{ ticket.reference }}`) are rendered
 * by LiquidJS, Shopify's template language, built for templates written by
 * people you do not fully trust: it interprets its own small language and
 * never evaluates JavaScript, unlike Handlebars (which compiles templates to
 * JavaScript functions and has a history of prototype-access escapes) or
 * lodash/EJS templates (which are JavaScript). The engine is locked down
 * further:
 * - `ownPropertyOnly`: `{{ customer.constructor }}` and `__proto__` read nothing;
 * - `strictFilters`: an unknown filter is an error at save time;
 * - `templates: {}`: `include`/`render`/`layout` cannot read files, and those
 *   tags are refused at save time anyway;
 * - time, memory and size limits stop loops meant to exhaust the server;
 * - the data is plain JSON built for the purpose (no functions, no entities).
 *
 * Escaping: each text node of the Tiptap document is rendered on its own and
 * stays a text node, so a value can never become markup whatever it holds;
 * HTML is produced afterwards by the message renderer, which escapes text and
 * runs the allow-list sanitizer. (Escaping at the Liquid level as well would
 * show customers `&amp;` for every `&`.)
 */
const engine = new Liquid({
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  templates: {},
  jsTruthy: false,
  parseLimit: 20_000,
  renderLimit: 200,
  memoryLimit: 1_000_000,
});

/** Tags a canned response may use: conditions, variables, loops over lists. */
const ALLOWED_TAGS = new Set([
  'if', 'elsif', 'else', 'endif', 'unless', 'endunless', 'case', 'when', 'endcase',
  'assign', 'capture', 'endcapture', 'for', 'endfor', 'break', 'continue', 'comment', 'endcomment', 'raw', 'endraw',
]);
export const PLACEHOLDER_ROOTS = ['customer', 'organization', 'ticket', 'agent'] as const;

/** Plain data the placeholders may read. */
export type TemplateData = Record<(typeof PLACEHOLDER_ROOTS)[number], Record<string, string | number | string[] | null>>;

/** Refuses a body whose placeholders do not parse, use a forbidden tag or read an unknown object. */
export function validateTemplate(doc: JSONContent, field = 'body'): void {
  for (const text of textNodes(doc)) {
    for (const match of text.matchAll(/\{%-?\s*(\w+)/g)) {
      if (!ALLOWED_TAGS.has(match[1])) throw badInput([{ field, message: `the tag "${match[1]}" is not allowed` }]);
    }
    let parsed;
    try {
      parsed = engine.parse(text);
    } catch (error) {
      throw badInput([{ field, message: `has a placeholder that does not parse (${firstLine(error)})` }]);
    }
    let roots: string[];
    try {
      roots = engine.globalVariableSegmentsSync(parsed).map((segments) => String(segments[0]));
    } catch (error) {
      throw badInput([{ field, message: `has a placeholder that does not parse (${firstLine(error)})` }]);
    }
    const unknown = roots.find((root) => !(PLACEHOLDER_ROOTS as readonly string[]).includes(root));
    if (unknown) throw badInput([{ field, message: `"${unknown}" is not a placeholder; use ${PLACEHOLDER_ROOTS.join(', ')}` }]);
  }
}

/**
 * Renders every text node's placeholders against `data` and returns a new
 * document; a node that renders to nothing is dropped (ProseMirror forbids
 * empty text nodes).
 */
export async function renderTemplate(doc: JSONContent, data: TemplateData): Promise<JSONContent> {
  // A JSON round trip leaves only plain data: no prototypes, getters or functions for a template to reach.
  const scope = JSON.parse(JSON.stringify(data)) as object;
  const render = async (node: JSONContent): Promise<JSONContent | null> => {
    if (node.type === 'text') {
      const text = await renderText(node.text ?? '', scope);
      return text ? { ...node, text } : null;
    }
    if (!node.content) return { ...node };
    const content = (await Promise.all(node.content.map(render))).filter((child): child is JSONContent => child !== null);
    return { ...node, content };
  };
  return (await render(doc))!;
}

async function renderText(text: string, scope: object): Promise<string> {
  if (!text.includes('{')) return text;
  try {
    return String(await engine.parseAndRender(text, scope));
  } catch (error) {
    // Validated at save time; a failure now (time or memory limit) must not break the composer.
    throw badInput([{ field: 'body', message: `could not be rendered (${firstLine(error)})` }]);
  }
}

function textNodes(doc: JSONContent): string[] {
  const texts: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === 'text' && node.text) texts.push(node.text);
    node.content?.forEach(walk);
  };
  walk(doc);
  return texts;
}

const firstLine = (error: unknown) => String((error as Error).message ?? error).split('\n')[0].slice(0, 160);
