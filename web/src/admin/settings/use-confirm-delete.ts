import { useDialog, useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { toProblem } from '../../graphql/problems.ts';
import { useProblemText } from '../../graphql/use-problem-text.ts';

export interface DeleteConfirmation {
  title: string;
  body: string;
  /** Said once it is done; nothing is said when absent. */
  done?: string;
  /** The confirming button's text (default: Delete). */
  confirmText?: string;
  action: () => Promise<unknown>;
}

/**
 * A delete that asks first (a warning dialog; Enter/Escape work, focus stays
 * inside), then runs, then says it is done or why it failed.
 */
export function useConfirmDelete() {
  const { t } = useI18n();
  const dialog = useDialog();
  const message = useMessage();
  const { problemText } = useProblemText();

  return (confirmation: DeleteConfirmation): void => {
    dialog.warning({
      title: confirmation.title,
      content: confirmation.body,
      positiveText: confirmation.confirmText ?? t('admin.settings.delete'),
      negativeText: t('auth.cancel'),
      onPositiveClick: async () => {
        try {
          await confirmation.action();
          if (confirmation.done) message.success(confirmation.done);
        } catch (error) {
          message.error(problemText(toProblem(error)));
        }
      },
    });
  };
}
