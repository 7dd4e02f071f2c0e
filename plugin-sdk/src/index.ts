/**
 * @kefu/plugin-sdk — the contract between Kefu and its plugins.
 * See docs/plugins.md for the authoring guide.
 */
export * from './events.ts';
export * from './plugin.ts';
