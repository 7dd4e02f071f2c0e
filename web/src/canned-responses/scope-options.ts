import { computed, type Ref } from 'vue';
import { useSessionStore } from '../auth/session-store.ts';
import type { CannedResponseFormOptionsQuery, CannedResponseScope } from '../graphql/generated.ts';

/**
 * The scopes (and teams) the viewer may save a response in — the server's
 * rule (canned-responses.service.ts), so the form offers nothing it would
 * refuse: personal always; team for members of a team (supervisors and
 * admins: any team); global for supervisors and admins.
 */
export function useScopeOptions(options: Ref<CannedResponseFormOptionsQuery | undefined>) {
  const session = useSessionStore();
  const isLead = computed(() => session.user?.role === 'admin' || session.user?.role === 'supervisor');
  const teams = computed(() => (isLead.value ? options.value?.teams : options.value?.me?.user.teams) ?? []);
  const scopes = computed<CannedResponseScope[]>(() => [
    'personal',
    ...(teams.value.length ? (['team'] as const) : []),
    ...(isLead.value ? (['global'] as const) : []),
  ]);
  return { scopes, teams };
}
