import { Client, fetchExchange, mapExchange, subscriptionExchange } from '@urql/vue';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { InjectionKey } from 'vue';
import { CSRF_HEADER, csrfToken } from './csrf.ts';

/**
 * The SPA's single connection to the server: an urql client plus the hooks the
 * session store needs around it. Tests provide their own (see testing/).
 */
export interface KefuTransport {
  client: Client;
  /**
   * The fetch the client sends GraphQL over. The few plain HTTP calls of the
   * SPA (attachment uploads) use it too, so tests fake one network.
   */
  fetch: typeof fetch;
  /** Reconnects the websocket so subscriptions run as the newly signed-in (or out) user. */
  restartSubscriptions(): void;
  /** Calls `listener` with the operation name whenever the server answers UNAUTHENTICATED; returns an unsubscribe. */
  onUnauthenticated(listener: (operationName: string | undefined) => void): () => void;
}

export const transportKey: InjectionKey<KefuTransport> = Symbol('kefu.transport');

export interface TransportOptions {
  /** Defaults to the page's location; the API is always same-origin. */
  location?: Pick<Location, 'protocol' | 'host'>;
  fetch?: typeof fetch;
  /** A WebSocket class for graphql-ws; tests pass a fake server (testing/fake-websocket.ts). */
  webSocketImpl?: unknown;
}

export function websocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

export function createKefuTransport(options: TransportOptions = {}): KefuTransport {
  const listeners = new Set<(operationName: string | undefined) => void>();
  let ws: WsClient | undefined;

  // Lazy: no socket is opened until the first subscription starts.
  const socket = (): WsClient =>
    (ws ??= createWsClient({
      url: websocketUrl(options.location ?? window.location),
      lazy: true,
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
      // Read per connection: the cookie changes when the user signs in or out.
      connectionParams: () => ({ csrfToken: csrfToken() }),
    }));

  // Looked up per call, so the page's fetch is used even when it is replaced after start-up.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = new Client({
    url: '/graphql',
    fetch: fetchImpl,
    // urql sends queries as GET by default; the server expects every operation as a POST
    // (and a POST with a custom header is what makes the CSRF check meaningful).
    preferGetMethod: false,
    // A function, so every request reads the current cookie.
    fetchOptions: () => ({ credentials: 'same-origin', headers: { [CSRF_HEADER]: csrfToken() } }),
    // No cacheExchange on purpose: every view asks the server, so lists are never stale and
    // nothing cached for one user can flash up for the next one after a sign-out.
    // Queries and mutations go over HTTP; only subscriptions use the websocket.
    exchanges: [
      mapExchange({
        onError(error, operation) {
          if (!error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED')) return;
          const name = operation.query.definitions.find((definition) => definition.kind === 'OperationDefinition')?.name
            ?.value;
          for (const listener of listeners) listener(name);
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket().subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    fetch: fetchImpl,
    restartSubscriptions() {
      // terminate() closes at once; graphql-ws reconnects (re-reading connectionParams) when needed.
      ws?.terminate();
    },
    onUnauthenticated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
