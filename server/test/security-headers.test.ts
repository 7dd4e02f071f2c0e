import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await startTestKefu();
});
afterAll(() => kefu.close());

describe('security headers', () => {
  it('every response carries the CSP and helmet headers, the same on every request', async () => {
    const responses = [];
    for (const path of ['/graphql', '/readyz', '/graphql']) {
      responses.push(
        await fetch(`${kefu.url}${path}`, {
          method: path === '/graphql' ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json', 'x-kefu-csrf': 'x' },
          body: path === '/graphql' ? JSON.stringify({ query: '{ __typename }' }) : undefined,
        }),
      );
    }
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain('frame-src \'self\' https://www.youtube-nocookie.com');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
    expect(responses[0].headers.get('content-security-policy')).toBe(responses[2].headers.get('content-security-policy'));
  });
});
