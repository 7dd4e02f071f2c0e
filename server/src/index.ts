/** @kefu/server — embed or test the Kefu core. */
export { createKefu, type Kefu, type KefuOptions } from './app.ts';
export { loadConfig, ConfigError, type KefuConfig } from './config/config.ts';
