import { inject, onScopeDispose } from 'vue';
import { useRouter } from 'vue-router';
import { transportKey } from '../graphql/transport.ts';
import { useSessionStore } from './session-store.ts';

/** Operations whose UNAUTHENTICATED answer means "wrong password", not "your session ended". */
const CREDENTIAL_OPERATIONS = new Set(['Login', 'CreateFirstAdmin', 'ChangePassword', 'Logout']);

/**
 * When the server stops recognizing the session mid-use (expired, revoked by
 * an admin, user deactivated), forget it locally and send the user to sign
 * in, bringing them back to the same page afterwards.
 */
export function useExpiryRedirect(): void {
  const session = useSessionStore();
  const router = useRouter();
  const transport = inject(transportKey);
  if (!transport) throw new Error('useExpiryRedirect needs a KefuTransport provided on the app.');

  const stop = transport.onUnauthenticated((operationName) => {
    if (!session.signedIn || CREDENTIAL_OPERATIONS.has(operationName ?? '')) return;
    session.expireSession();
    const route = router.currentRoute.value;
    if (route.meta.roles) void router.replace({ name: 'login', query: { redirect: route.fullPath } });
  });
  onScopeDispose(stop);
}
