import { CombinedError } from '@urql/vue';
import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER, csrfToken, readCookie } from '../csrf.ts';
import { LogoutDocument } from '../generated.ts';
import { fieldMessage, problemFromError } from '../problems.ts';
import { createKefuTransport, websocketUrl } from '../transport.ts';
import { relativeWait } from '../use-problem-text.ts';

describe('CSRF header', () => {
  afterEach(() => {
    document.cookie = 'kefu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('reads the kefu_csrf cookie among others', () => {
    expect(readCookie('kefu_csrf', 'a=1; kefu_csrf=abc%3D; b=2')).toBe('abc=');
    expect(csrfToken('other=1')).toBe('1');
  });

  it('is sent on every request, as a POST with same-origin credentials', async () => {
    const seen: RequestInit[] = [];
    const transport = createKefuTransport({
      location: { protocol: 'http:', host: 'kefu.test' },
      fetch: async (_input, init) => {
        seen.push(init ?? {});
        return new Response(JSON.stringify({ data: { logout: true } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    await transport.client.mutation(LogoutDocument, {}).toPromise();
    document.cookie = 'kefu_csrf=signed-in-token';
    await transport.client.mutation(LogoutDocument, {}).toPromise();

    expect(seen.map((init) => new Headers(init.headers).get(CSRF_HEADER))).toEqual(['1', 'signed-in-token']);
    expect(seen.every((init) => init.method === 'POST' && init.credentials === 'same-origin')).toBe(true);
  });
});

describe('websocketUrl', () => {
  it('follows the page protocol', () => {
    expect(websocketUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/graphql');
    expect(websocketUrl({ protocol: 'https:', host: 'help.example.com' })).toBe('wss://help.example.com/graphql');
  });
});

describe('problemFromError', () => {
  it('keeps code, field problems and retry delay', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'bad', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: 'Invalid' }] } },
      ],
    });
    const problem = problemFromError(error);
    expect(problem.code).toBe('BAD_USER_INPUT');
    expect(fieldMessage(problem, 'email')).toBe('Invalid');

    const limited = problemFromError(
      new CombinedError({ graphQLErrors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } }] }),
    );
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
  });

  it('tells network failures and unknown codes apart', () => {
    expect(problemFromError(new CombinedError({ networkError: new Error('offline') })).code).toBe('NETWORK');
    expect(problemFromError(new CombinedError({ graphQLErrors: [{ message: 'x', extensions: { code: 'TEAPOT' } }] })).code).toBe(
      'UNKNOWN',
    );
  });
});

describe('relativeWait', () => {
  it('speaks in seconds, minutes or hours in the reader’s language', () => {
    expect(relativeWait(42, 'en')).toBe('in 42 seconds');
    expect(relativeWait(900, 'en')).toBe('in 15 minutes');
    expect(relativeWait(900, 'zh-CN')).toBe('15分钟后');
    expect(relativeWait(7200, 'zh-TW')).toBe('2 小時後');
  });
});

describe('a refused CSRF check', () => {
  it('arrives as a CSRF problem even though the server answers 403', async () => {
    const transport = createKefuTransport({
      location: { protocol: 'http:', host: 'kefu.test' },
      fetch: async () =>
        new Response(JSON.stringify({ errors: [{ message: 'Missing or invalid CSRF token', extensions: { code: 'CSRF' } }] }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const result = await transport.client.mutation(LogoutDocument, {}).toPromise();
    expect(problemFromError(result.error!).code).toBe('CSRF');
  });
});
