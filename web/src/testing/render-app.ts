/**
 * Whole-app rendering for view tests. There is no server in unit tests: the
 * only thing faked is the network under the urql client (its `fetch`), which
 * answers each GraphQL operation by name from `responders`, and the plain HTTP
 * calls that share that fetch (uploads) by method and path from `rest`
 * (e.g. `'POST /attachments'`). Everything above
 * it — urql, stores, router guards, i18n, Naive UI — is the real code.
 * Subscriptions run over a fake graphql-ws server (testing/fake-websocket.ts).
 */
import { flushPromises, mount } from '@vue/test-utils';
import { NConfigProvider, NMessageProvider } from 'naive-ui';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import App from '../app/App.vue';
import { createKefuPlugin } from '../app/create-kefu-app.ts';
import { createKefuTransport } from '../graphql/transport.ts';
import { createFakeSubscriptionServer } from './fake-websocket.ts';

export interface GraphqlReply {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** May answer later (a Promise) to test slow or overtaken requests. */
export type Responder = (variables: Record<string, unknown>) => GraphqlReply | Promise<GraphqlReply>;

/** A plain HTTP answer; `fields` are a multipart body's parts (e.g. `fields.file` is the uploaded File). */
export type RestResponder = (fields: Record<string, unknown>) => RestReply | Promise<RestReply>;
export interface RestReply {
  status: number;
  body: unknown;
}

export interface RecordedCall {
  /** The GraphQL operation, or `METHOD /path` for a plain HTTP call. */
  operationName: string;
  /** GraphQL variables, or a multipart body's parts. */
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  /** The request's abort signal: `aborted` is true when the client cancelled it. */
  signal: AbortSignal | undefined;
}

export function graphqlError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphqlReply {
  return { data: null, errors: [{ message, extensions: { code, ...extensions } }] };
}

function fakeFetch(responders: Record<string, Responder>, calls: RecordedCall[], rest: Record<string, RestResponder> = {}): typeof fetch {
  return async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const signal = init?.signal ?? undefined;
    const path = new URL(input instanceof Request ? input.url : String(input), 'http://kefu.test').pathname;
    if (path !== '/graphql') return fakeRest(`${init?.method ?? 'GET'} ${path}`, init, headers, signal, rest, calls);
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
    calls.push({ operationName: body.operationName, variables: body.variables ?? {}, headers, signal });
    const responder = responders[body.operationName];
    // An operation the test did not expect is a test failure, not a silent empty answer.
    if (!responder) throw new Error(`Unexpected GraphQL operation in test: ${body.operationName}`);
    const reply = await responder(body.variables ?? {});
    // Like the real fetch: a request cancelled while waiting rejects instead of answering.
    if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    return new Response(JSON.stringify(reply), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

async function fakeRest(
  route: string,
  init: RequestInit | undefined,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  rest: Record<string, RestResponder>,
  calls: RecordedCall[],
): Promise<Response> {
  const fields = init?.body instanceof FormData ? Object.fromEntries(init.body.entries()) : {};
  calls.push({ operationName: route, variables: fields, headers, signal });
  const responder = rest[route];
  if (!responder) throw new Error(`Unexpected HTTP request in test: ${route}`);
  const reply = await responder(fields);
  if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
}

export interface RenderOptions {
  /** Plain HTTP routes, keyed `'METHOD /path'`. */
  rest?: Record<string, RestResponder>;
}

export async function renderApp(path: string, responders: Record<string, Responder>, options: RenderOptions = {}) {
  const calls: RecordedCall[] = [];
  // Subscriptions run over a fake graphql-ws server: tests push events with `subscriptions.push`/`emit`.
  const subscriptions = createFakeSubscriptionServer();
  const transport = createKefuTransport({
    fetch: fakeFetch(responders, calls, options.rest),
    location: { protocol: 'http:', host: 'kefu.test' },
    webSocketImpl: subscriptions.WebSocket,
  });
  const history = createMemoryHistory();
  // The router's install navigates to the history's location, as in the browser.
  history.replace(path);
  const kefu = createKefuPlugin({ transport, history });
  const wrapper = mount(App, { global: { plugins: [kefu] }, attachTo: document.body });
  await kefu.router.isReady();
  await settle();
  return {
    wrapper,
    router: kefu.router,
    calls,
    callsTo: (name: string) => calls.filter((call) => call.operationName === name),
    /** Open subscriptions, and a way to push server events into them. */
    subscriptions,
  };
}

/** Lets fetches, guards and re-renders finish (they chain several promise ticks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * One component (e.g. a widget other features embed) with the app's real
 * plugins — router, Pinia, i18n, urql over the same faked fetch — but without
 * the app shell. `props` may be reactive to test prop changes.
 */
export async function renderComponent<Props extends Record<string, unknown>>(
  component: Component,
  props: Props,
  responders: Record<string, Responder>,
) {
  const calls: RecordedCall[] = [];
  // The router still starts (and its guard loads the session): signed out unless the test says otherwise.
  const withSession = { SessionBoot: () => ({ data: { setupStatus: { needsSetup: false }, portalSignupEnabled: true, me: null } }), ...responders };
  const transport = createKefuTransport({
    fetch: fakeFetch(withSession, calls),
    location: { protocol: 'http:', host: 'kefu.test' },
  });
  const kefu = createKefuPlugin({ transport, history: createMemoryHistory() });
  // Naive UI's message API (useMessage) needs its provider around the component.
  const Host = defineComponent({
    setup: () => () => h(NConfigProvider, null, () => h(NMessageProvider, null, () => h(component, props))),
  });
  const wrapper = mount(Host, { global: { plugins: [kefu] }, attachTo: document.body });
  await settle();
  return {
    wrapper,
    inner: wrapper.findComponent(component),
    calls,
    callsTo: (name: string) => calls.filter((call) => call.operationName === name),
  };
}
