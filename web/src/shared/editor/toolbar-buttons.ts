import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { EditorCommand, RichTextEditorHandle } from './use-rich-text-editor.ts';

/** One button of a FormattingToolbar. */
export interface ToolbarButton {
  /** Also its `data-tool` (tests and browser journeys find buttons by it). */
  key: string;
  /** The accessible name; shown as the text when there is no symbol. */
  label: string;
  /** A short sign shown instead of the label (which then becomes aria-label and tooltip). */
  symbol?: string;
  /** Makes the button a toggle: aria-pressed says whether it is on where the cursor is. */
  active?: () => boolean;
  run: () => void;
}

/**
 * Bold, italic and the two lists: the buttons every editor has, with the same
 * labels everywhere (`richText.*`). Each editor places them in its toolbar.
 */
export function useFormattingButtons({ run, isActive }: Pick<RichTextEditorHandle, 'run' | 'isActive'>) {
  const { t } = useI18n();
  return computed(() => {
    const toggle = (key: 'bold' | 'italic' | 'bulletList' | 'orderedList', symbol: string, command: EditorCommand): ToolbarButton => ({
      key,
      label: t(`richText.${key}`),
      symbol,
      active: () => isActive(key),
      run: () => run(command),
    });
    return {
      bold: toggle('bold', 'B', (chain) => chain.toggleBold()),
      italic: toggle('italic', 'I', (chain) => chain.toggleItalic()),
      bulletList: toggle('bulletList', '•', (chain) => chain.toggleBulletList()),
      orderedList: toggle('orderedList', '1.', (chain) => chain.toggleOrderedList()),
    };
  });
}
