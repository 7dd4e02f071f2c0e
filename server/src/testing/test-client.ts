import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { CSRF_COOKIE, CSRF_HEADER } from '../auth/cookies.ts';
import type { SubscriptionProbe } from './subscription-probe.ts';
import { withReadiness, type TestSocket } from './test-socket.ts';

export interface GraphqlResponse<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/**
 * A browser-like GraphQL client over real HTTP: keeps cookies, sends the
 * CSRF header the way the SPA does, and can open graphql-ws subscriptions.
 */
export class TestClient {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  readonly #probe: SubscriptionProbe | undefined;
  /** `probe` (given by startTestKefu) lets subscriptions tell when the server listens: `ready()`. */
  constructor(baseUrl: string, probe?: SubscriptionProbe) {
    this.baseUrl = baseUrl;
    this.#probe = probe;
  }

  get csrfToken(): string | undefined {
    return this.cookies.get(CSRF_COOKIE);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async gql<Data = any>(
    query: string,
    variables?: Record<string, unknown>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<GraphqlResponse<Data>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    const csrf = options.csrf === undefined ? (this.csrfToken ?? '1') : options.csrf;
    if (csrf !== null) headers[CSRF_HEADER] = csrf;
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const response = await fetch(`${this.baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    this.#storeCookies(response);
    const body = (await response.json()) as Omit<GraphqlResponse<Data>, 'status'>;
    return { status: response.status, ...body };
  }

  /** Like gql() but throws on any error, returning data. */
  async data<Data = any>(query: string, variables?: Record<string, unknown>): Promise<Data> {
    const result = await this.gql<Data>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(result.errors)}`);
    return result.data as Data;
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.data(`mutation($input: LoginInput!) { login(input: $input) { csrfToken } }`, { input: { email, password } });
  }

  /** A graphql-ws client carrying this client's cookies and CSRF token; `ready()` waits until the server listens. */
  subscriptions(options: { origin?: string; csrfToken?: string | null } = {}): TestSocket {
    const url = this.baseUrl.replace(/^http/, 'ws') + '/graphql';
    const cookie = this.cookieHeader();
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (options.origin) headers.origin = options.origin;
    const csrfToken = options.csrfToken === undefined ? this.csrfToken : options.csrfToken;
    let lastId = '';
    const client = createClient({
      url,
      lazy: false,
      retryAttempts: 0,
      // Refusals are asserted by the tests; the default would print them.
      onNonLazyError: () => {},
      connectionParams: csrfToken ? { csrfToken } : {},
      generateID: () => (lastId = randomUUID()),
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
    });
    return withReadiness(client, () => lastId, this.#probe);
  }

  #storeCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
