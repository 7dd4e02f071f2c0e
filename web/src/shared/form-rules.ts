import type { FormItemRule } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import type { MessageSchema } from '../i18n/messages/en.ts';

/** The server refuses shorter passwords too; checking here saves a round trip and speaks the user's language. */
export const MIN_PASSWORD_LENGTH = 10;

type FieldKey = keyof MessageSchema['fields'];

/**
 * Naive UI form rules with translated messages. Messages are functions
 * (`renderMessage`) so they follow a language switch without rebuilding rules.
 */
export function useFormRules() {
  const { t } = useI18n();
  const trigger = ['blur', 'input'];

  const required = (field: FieldKey): FormItemRule => ({
    required: true,
    trigger,
    renderMessage: () => t('validation.required', { field: t(`fields.${field}`) }),
  });

  const email = (): FormItemRule[] => [
    required('email'),
    { type: 'email', trigger: 'blur', renderMessage: () => t('validation.email') },
  ];

  const newPassword = (field: FieldKey = 'password'): FormItemRule[] => [
    required(field),
    {
      min: MIN_PASSWORD_LENGTH,
      trigger,
      renderMessage: () => t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH }),
    },
  ];

  const sameAs = (other: () => string): FormItemRule[] => [
    required('passwordConfirm'),
    {
      trigger,
      validator: (_rule, value: string) => value === other(),
      renderMessage: () => t('validation.passwordMismatch'),
    },
  ];

  return { required, email, newPassword, sameAs };
}
