import type { PluginDefinition } from '@kefu/plugin-sdk';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type PluginSource = PluginDefinition<any> | string;

export interface ImportedPlugin {
  /** The specifier from KEFU_PLUGINS, or the id of a definition passed in code. */
  source: string;
  definition?: PluginDefinition<any>;
  error?: string;
}

/**
 * Resolves each configured plugin to its definition. A module that cannot be
 * imported or does not default-export a definition is reported, not fatal.
 */
export async function importPlugins(sources: PluginSource[], cwd = process.cwd()): Promise<ImportedPlugin[]> {
  return Promise.all(
    sources.map(async (source): Promise<ImportedPlugin> => {
      if (typeof source !== 'string') return { source: source.id, definition: source };
      try {
        const specifier = source.startsWith('.') || isAbsolute(source) ? pathToFileURL(resolve(cwd, source)).href : source;
        const module = await import(specifier);
        const definition = module.default ?? module.plugin;
        if (!definition || typeof definition.register !== 'function' || typeof definition.id !== 'string') {
          return { source, error: 'module does not export a plugin definition (export default definePlugin({...}))' };
        }
        return { source, definition };
      } catch (error) {
        return { source, error: `cannot import: ${(error as Error).message}` };
      }
    }),
  );
}
