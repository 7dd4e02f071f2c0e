import { NButton, NPopconfirm, NSelect, NTag, type DataTableColumns } from 'naive-ui';
import { h } from 'vue';
import { ROLES } from '../../auth/roles.ts';
import type { AdminUsersQuery, Role } from '../../graphql/generated.ts';
import { formatDateTime } from '../../shared/format.ts';

export type UserRow = AdminUsersQuery['users']['nodes'][number];

interface ColumnContext {
  t: (key: string, values?: Record<string, unknown>) => string;
  locale: string;
  currentUserId: string | undefined;
  /** Row ids with a pending update, to disable their controls. */
  busyIds: ReadonlySet<string>;
  onRoleChange(user: UserRow, role: Role): void;
  onActiveChange(user: UserRow, active: boolean): void;
}

/**
 * Columns of the users table. Your own row has no role picker or deactivate
 * button: an admin locking themselves out is never what they meant.
 */
export function userColumns(ctx: ColumnContext): DataTableColumns<UserRow> {
  const { t } = ctx;
  const roleOptions = ROLES.map((role) => ({ label: t(`roles.${role}`), value: role }));

  return [
    {
      key: 'name',
      title: t('fields.name'),
      render: (user) => (user.id === ctx.currentUserId ? `${user.name} (${t('admin.users.you')})` : user.name),
    },
    { key: 'email', title: t('fields.email') },
    {
      key: 'role',
      title: t('fields.role'),
      width: 170,
      render: (user) =>
        user.id === ctx.currentUserId
          ? t(`roles.${user.role}`)
          : h(NSelect, {
              value: user.role,
              options: roleOptions,
              size: 'small',
              disabled: ctx.busyIds.has(user.id),
              'aria-label': t('admin.users.changeRoleFor', { name: user.name }),
              onUpdateValue: (role: Role) => ctx.onRoleChange(user, role),
            }),
    },
    {
      key: 'active',
      title: t('admin.users.status'),
      render: (user) =>
        h(NTag, { type: user.active ? 'success' : 'default', size: 'small', bordered: false }, () =>
          user.active ? t('admin.users.activeTag') : t('admin.users.inactiveTag'),
        ),
    },
    { key: 'createdAt', title: t('admin.users.createdAt'), render: (user) => formatDateTime(user.createdAt, ctx.locale) },
    {
      key: 'actions',
      title: t('admin.users.actions'),
      render: (user) => {
        if (user.id === ctx.currentUserId) return null;
        const disabled = ctx.busyIds.has(user.id);
        if (!user.active) {
          return h(NButton, { size: 'small', disabled, onClick: () => ctx.onActiveChange(user, true) }, () =>
            t('admin.users.reactivate'),
          );
        }
        return h(
          NPopconfirm,
          { onPositiveClick: () => ctx.onActiveChange(user, false) },
          {
            trigger: () => h(NButton, { size: 'small', type: 'error', ghost: true, disabled }, () => t('admin.users.deactivate')),
            default: () => t('admin.users.confirmDeactivate', { name: user.name }),
          },
        );
      },
    },
  ];
}
