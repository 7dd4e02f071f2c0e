import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/logging/logger.ts';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

describe('logs never contain secrets', () => {
  const lines: string[] = [];
  let t: TestKefu;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await startTestKefu({ logger: pino(loggerOptions('trace'), sink) });
  });
  afterAll(() => t.close());

  it('keeps passwords, session cookies and CSRF tokens out of request logs', async () => {
    const { client, user } = await t.signedIn('admin');
    await client.gql(`mutation { login(input: { email: "${user.email}", password: "typo-in-the-password" }) { csrfToken } }`);
    await client.data(`{ me { csrfToken } }`);
    const all = lines.join('');
    expect(all).toContain('incoming request');
    expect(all).not.toContain(user.password);
    expect(all).not.toContain(client.cookies.get('kefu_session')!);
    expect(all).not.toContain(client.csrfToken!);
  });
});
