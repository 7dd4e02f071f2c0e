import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { roleCan, type UiPermission } from '../../auth/permissions.ts';
import { useSessionStore } from '../../auth/session-store.ts';

/** The settings pages, with the permission that makes each worth opening (the server checks every call). */
const SECTIONS = [
  { name: 'admin-settings-teams', key: 'teams', permission: 'teams.manage' },
  { name: 'admin-settings-tickets', key: 'tickets', permission: 'settings.manage' },
  { name: 'admin-settings-ticket-types', key: 'ticketTypes', permission: 'settings.manage' },
  { name: 'admin-settings-customer-attributes', key: 'customerAttributes', permission: 'settings.manage' },
  { name: 'admin-settings-organizations', key: 'organizations', permission: 'settings.manage' },
] as const satisfies ReadonlyArray<{ name: string; key: string; permission: UiPermission }>;

export interface SettingsSection {
  name: string;
  title: string;
  description: string;
}

/** The sections the signed-in user may manage, in the reader's language. */
export function useSettingsSections() {
  const { t } = useI18n();
  const session = useSessionStore();
  return computed<SettingsSection[]>(() =>
    SECTIONS.filter((section) => roleCan(session.user?.role, section.permission)).map((section) => ({
      name: section.name,
      title: t(`admin.settings.sections.${section.key}.title`),
      description: t(`admin.settings.sections.${section.key}.description`),
    })),
  );
}
