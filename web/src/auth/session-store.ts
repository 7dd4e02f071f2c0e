import { defineStore } from 'pinia';
import { computed, inject, ref, shallowRef } from 'vue';
import {
  AcceptCustomerInviteDocument,
  ChangePasswordDocument,
  CreateFirstAdminDocument,
  LoginDocument,
  LogoutDocument,
  SessionBootDocument,
  SignUpCustomerDocument,
  UpdateProfileDocument,
  type AcceptCustomerInviteInput,
  type ChangePasswordInput,
  type CreateFirstAdminInput,
  type LoginInput,
  type Role,
  type SignUpCustomerInput,
  type ViewerFieldsFragment,
} from '../graphql/generated.ts';
import { toProblem, unwrap, type Problem } from '../graphql/problems.ts';
import { transportKey } from '../graphql/transport.ts';
import { useLocaleStore } from '../i18n/locale-store.ts';
import { matchLocale, type AppLocale } from '../i18n/locales.ts';

/** Where each role starts after signing in. */
export function homeRouteFor(role: Role): string {
  if (role === 'admin') return 'admin';
  if (role === 'supervisor' || role === 'agent') return 'agent';
  return 'portal';
}

/**
 * Who is signed in, whether the instance still needs its first admin, and
 * whether customers may sign up themselves (a server setting, fixed until a
 * restart). Loaded once per page (`ensureLoaded`), then kept current by the actions.
 */
export const useSessionStore = defineStore('session', () => {
  const transport = inject(transportKey);
  if (!transport) throw new Error('useSessionStore needs a KefuTransport provided on the app.');
  const localeStore = useLocaleStore();

  const viewer = shallowRef<ViewerFieldsFragment | null>(null);
  const needsSetup = ref(false);
  const signupEnabled = ref(false);
  /** Why the first load failed (server unreachable…); the app shows a retry screen. */
  const bootProblem = shallowRef<Problem | null>(null);
  let loading: Promise<void> | null = null;

  const user = computed(() => viewer.value?.user ?? null);
  const signedIn = computed(() => viewer.value !== null);

  function startSession(next: ViewerFieldsFragment | null): void {
    const changedUser = viewer.value?.user.id !== next?.user.id;
    viewer.value = next;
    // The language saved in the profile wins over this browser's choice.
    const saved = matchLocale(next?.user.locale);
    if (saved && saved !== localeStore.locale) localeStore.setLocale(saved);
    if (changedUser) transport!.restartSubscriptions();
  }

  async function load(): Promise<void> {
    try {
      const result = await transport!.client.query(SessionBootDocument, {}, { requestPolicy: 'network-only' }).toPromise();
      const data = unwrap(result);
      needsSetup.value = data.setupStatus.needsSetup;
      signupEnabled.value = data.portalSignupEnabled;
      bootProblem.value = null;
      startSession(data.me ?? null);
    } catch (error) {
      bootProblem.value = toProblem(error);
      loading = null; // allow a retry
    }
  }

  /** Resolves once we know who is signed in (or that the server is unreachable: see bootProblem). */
  function ensureLoaded(): Promise<void> {
    loading ??= load();
    return loading;
  }

  async function login(input: LoginInput): Promise<void> {
    const data = unwrap(await transport!.client.mutation(LoginDocument, { input }).toPromise());
    startSession(data.login);
  }

  async function createFirstAdmin(input: Omit<CreateFirstAdminInput, 'locale'>): Promise<void> {
    const result = await transport!.client
      .mutation(CreateFirstAdminDocument, { input: { ...input, locale: localeStore.locale } })
      .toPromise();
    const data = unwrap(result);
    needsSetup.value = false;
    startSession(data.createFirstAdmin);
  }

  /** A customer creates their own portal account, in the language they chose, and is signed in. */
  async function signUpCustomer(input: SignUpCustomerInput): Promise<void> {
    const data = unwrap(await transport!.client.mutation(SignUpCustomerDocument, { input }).toPromise());
    startSession(data.signUpCustomer);
  }

  /** An invited customer sets their password and is signed in. */
  async function acceptCustomerInvite(input: AcceptCustomerInviteInput): Promise<void> {
    const data = unwrap(await transport!.client.mutation(AcceptCustomerInviteDocument, { input }).toPromise());
    startSession(data.acceptCustomerInvite);
  }

  async function logout(): Promise<void> {
    try {
      unwrap(await transport!.client.mutation(LogoutDocument, {}).toPromise());
    } finally {
      // Signed out locally even if the server call failed: the user asked to leave.
      startSession(null);
    }
  }

  async function changePassword(input: ChangePasswordInput): Promise<void> {
    unwrap(await transport!.client.mutation(ChangePasswordDocument, { input }).toPromise());
  }

  /** Remembers the language in the profile, so it follows the user to other devices. */
  async function saveLocale(locale: AppLocale): Promise<void> {
    const current = viewer.value;
    if (!current) return;
    const data = unwrap(await transport!.client.mutation(UpdateProfileDocument, { input: { locale } }).toPromise());
    if (viewer.value === current) viewer.value = { ...current, user: data.updateProfile };
  }

  /** The server stopped recognizing our session (expired, revoked, user deactivated). */
  function expireSession(): void {
    startSession(null);
  }

  return {
    viewer,
    user,
    signedIn,
    needsSetup,
    signupEnabled,
    bootProblem,
    ensureLoaded,
    login,
    createFirstAdmin,
    signUpCustomer,
    acceptCustomerInvite,
    logout,
    changePassword,
    saveLocale,
    expireSession,
  };
});

