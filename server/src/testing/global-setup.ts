import { ENV_ADMIN_URL, ENV_TEMPLATE, startTestDatabaseServer } from './test-database.ts';

/** vitest globalSetup: one PostgreSQL and one migrated template per test run. */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startTestDatabaseServer();
  process.env[ENV_ADMIN_URL] = server.adminUrl;
  process.env[ENV_TEMPLATE] = server.template;
  return () => server.stop();
}
