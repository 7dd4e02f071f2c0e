import type { PluginDefinition } from '../plugin.ts';

/**
 * Boots a real Kefu (HTTP on a random port, real PostgreSQL from the global
 * setup) with the plugin under test loaded, and returns helpers to talk to it.
 *
 * Add `@kefu/server/testing/global-setup` to vitest's `globalSetup` so one
 * PostgreSQL serves the whole run; each harness gets a fresh database.
 *
 * @example
 * const kefu = await startPluginTestServer(myPlugin, { settings: { greeting: 'hi' } })
 * const { client } = await kefu.signedIn('agent')
 * expect(await client.data('{ myField }')).toEqual(...)
 * await kefu.close()
 */
export async function startPluginTestServer(
  plugin: PluginDefinition<any>,
  options: { settings?: Record<string, unknown>; otherPlugins?: PluginDefinition<any>[]; env?: Record<string, string> } = {},
) {
  // Imported lazily: the server depends on the SDK, not the other way round.
  const { startTestKefu } = await import('@kefu/server/testing');
  const env: Record<string, string> = { ...options.env };
  if (options.settings) env[`KEFU_PLUGIN_${plugin.id.toUpperCase().replaceAll('-', '_')}`] = JSON.stringify(options.settings);
  const kefu = await startTestKefu({ plugins: [plugin, ...(options.otherPlugins ?? [])], env });
  const status = kefu.kefu.services.plugins.statuses().find((entry) => entry.id === plugin.id);
  return Object.assign(kefu, {
    /** The loader's verdict on the plugin under test. */
    pluginStatus: status,
    /** Waits until every event handler started so far has finished. */
    eventsSettled: () => kefu.kefu.services.events.idle(),
  });
}
