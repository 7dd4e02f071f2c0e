/**
 * Signing in for the benches, over whatever carries a GraphQL request:
 * `post(body)` sends one JSON body to /graphql (with the x-kefu-csrf header a
 * request without a session needs) and answers `{ body, cookies }`, the
 * parsed answer and its Set-Cookie lines.
 */

/** `post` over HTTP to a running Kefu. */
export const postOverHttp = (baseUrl) => async (body) => {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kefu-csrf': 'bench' }, body });
  return { body: await response.json(), cookies: response.headers.getSetCookie() };
};

/** `post` through fastify's inject() (Kefu in the bench's own process). */
export const postByInject = (app) => async (body) => {
  const response = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', 'x-kefu-csrf': 'bench' }, payload: body });
  const cookies = response.headers['set-cookie'] ?? [];
  return { body: response.json(), cookies: Array.isArray(cookies) ? cookies : [cookies] };
};

/** `login` or `createFirstAdmin`; the session cookie and CSRF token to send from then on. */
export async function signIn(post, mutation, input) {
  const query = `mutation($i: ${mutation === 'login' ? 'LoginInput' : 'CreateFirstAdminInput'}!) { ${mutation}(input: $i) { csrfToken } }`;
  const { body, cookies } = await post(JSON.stringify({ query, variables: { i: input } }));
  if (body.errors) throw new Error(`${mutation}: ${JSON.stringify(body.errors)}`);
  return { csrf: body.data[mutation].csrfToken, cookie: cookies.map((line) => line.split(';')[0]).join('; ') };
}

/** The bench admin: created on a fresh database, signed in on one a previous run kept (BENCH_DATA_DIR). */
export async function signInAdmin(post, admin) {
  try {
    return await signIn(post, 'createFirstAdmin', admin);
  } catch {
    return signIn(post, 'login', { email: admin.email, password: admin.password });
  }
}
