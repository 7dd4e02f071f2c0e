import type { PluginDefinition } from '@kefu/plugin-sdk';

/** `my-plugin` reads its settings from KEFU_PLUGIN_MY_PLUGIN (a JSON object). */
export const settingsEnvName = (pluginId: string) => `KEFU_PLUGIN_${pluginId.toUpperCase().replaceAll('-', '_')}`;

/** Parses and validates a plugin's settings; throws a message naming the variable and fields. */
export function settingsFromEnv(definition: PluginDefinition<any>, env: Record<string, string | undefined>): unknown {
  const name = settingsEnvName(definition.id);
  let raw: unknown = {};
  if (env[name]) {
    try {
      raw = JSON.parse(env[name]!);
    } catch {
      throw new Error(`${name} is not valid JSON`);
    }
  }
  if (!definition.settings) return raw;
  const result = definition.settings.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid settings in ${name}: ${problems.join('; ')}`);
  }
  return result.data;
}
