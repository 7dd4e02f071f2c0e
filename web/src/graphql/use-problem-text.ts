import { useI18n } from 'vue-i18n';
import type { Problem } from './problems.ts';

/** "in 15 minutes" / "15分钟后": the server counts in seconds, people do not. */
export function relativeWait(seconds: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 90) return format.format(Math.max(1, Math.round(seconds)), 'second');
  if (seconds < 90 * 60) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/**
 * Turns a Problem into a sentence in the current language. Codes are
 * translated here; the server's own messages are English only, so they are
 * shown only where the code alone cannot explain (conflicts, unknown codes).
 */
export function useProblemText() {
  const { t, te, locale } = useI18n();

  /** A translated label for known fields; unknown ones keep the server's words so nothing is lost. */
  function fieldLabel(field: string, serverMessage?: string): string {
    const last = field.split('.').pop() ?? field;
    const key = `fields.${last}`;
    if (te(key)) return t(key);
    return serverMessage ? `${field}: ${serverMessage}` : last;
  }

  function problemText(problem: Problem, overrides: Partial<Record<Problem['code'], string>> = {}): string {
    const override = overrides[problem.code];
    if (override) return override;
    switch (problem.code) {
      case 'BAD_USER_INPUT':
        return t('errors.BAD_USER_INPUT', {
          fields: problem.fields.map((item) => fieldLabel(item.field, item.message)).join(', ') || problem.message,
        });
      case 'RATE_LIMITED':
        return t('errors.RATE_LIMITED', { when: relativeWait(problem.retryAfterSeconds ?? 60, locale.value) });
      case 'CONFLICT':
        return t('errors.CONFLICT', { detail: problem.message });
      case 'UNKNOWN':
        return t('errors.UNKNOWN', { detail: problem.message });
      default:
        return t(`errors.${problem.code}`);
    }
  }

  return { problemText };
}
