import closeWithGrace from 'close-with-grace';
import { createKefu } from './app.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { createLogger } from './logging/logger.ts';

/** `npm start`: boot Kefu, apply migrations, listen, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const startedAt = performance.now();
  let kefu;
  let url;
  try {
    kefu = await createKefu({ config, logger });
    url = await kefu.listen();
  } catch (error) {
    logger.fatal({ err: error }, 'Kefu could not start');
    await kefu?.close();
    process.exit(1);
  }
  logger.info({ url, bootMs: Math.round(performance.now() - startedAt) }, 'Kefu is ready');
  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await kefu.close();
  });
}

await main();
