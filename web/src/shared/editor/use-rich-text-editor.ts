import type { AnyExtension, ChainedCommands, Editor, JSONContent } from '@tiptap/core';
import { useEditor } from '@tiptap/vue-3';
import { watch, type Ref } from 'vue';

export interface RichTextEditorOptions {
  /** The schema: `richTextKit(…)` plus the editor's own extensions. */
  extensions: AnyExtension[];
  /**
   * Attributes of the editable element, which has no role or name of its own
   * (role, aria-label or aria-labelledby, class…). Read again, and applied,
   * whenever what they depend on changes.
   */
  attributes: () => Record<string, string>;
  /**
   * The document as Tiptap JSON (a `v-model`): written on every edit; set from
   * outside (a form cleared after sending, a restored version) it replaces
   * the content.
   */
  document?: Ref<JSONContent | null>;
  /** The document is null while the editor is empty, so "required" is a null check. */
  emptyAsNull?: boolean;
  /** Whether the text can be edited (default: always). */
  editable?: () => boolean;
  /** Ctrl/Cmd+Enter, as in most chat and mail tools. */
  onSubmit?: () => void;
  /** After every edit (and after `document` was written). */
  onUpdate?: (editor: Editor) => void;
}

/** A command chain that starts with focus back in the editor (a toolbar button has just taken it). */
export type EditorCommand = (chain: ChainedCommands) => ChainedCommands;

/**
 * The lifecycle every Kefu editor shares: one Tiptap editor for the
 * component's lifetime (created on mount, destroyed on unmount by
 * `useEditor`), its accessible attributes and editable state kept in step
 * with the component, and the document kept in step with `document`.
 */
export function useRichTextEditor(options: RichTextEditorOptions) {
  const { document: model } = options;
  const documentOf = (current: Editor): JSONContent | null => (options.emptyAsNull && current.isEmpty ? null : current.getJSON());

  const editor = useEditor({
    content: model?.value ?? '',
    editable: options.editable?.() ?? true,
    extensions: options.extensions,
    editorProps: {
      attributes: options.attributes(),
      ...(options.onSubmit ? { handleKeyDown: (_view, event) => submitOnModEnter(event, options.onSubmit!) } : {}),
    },
    onUpdate({ editor: current }) {
      if (model) model.value = documentOf(current);
      options.onUpdate?.(current);
    },
  });

  watch(options.attributes, (attributes) => {
    const current = editor.value;
    current?.setOptions({ editorProps: { ...current.options.editorProps, attributes } });
  });
  if (options.editable) watch(options.editable, (editable) => editor.value?.setEditable(editable));
  if (model) {
    // The editor's own writes come back equal and are left alone.
    watch(model, (value) => {
      const current = editor.value;
      if (!current) return;
      if (value === null) {
        if (!current.isEmpty) current.commands.clearContent(true);
      } else if (JSON.stringify(current.getJSON()) !== JSON.stringify(value)) {
        current.commands.setContent(value, { emitUpdate: false });
      }
    });
  }

  function run(command: EditorCommand): void {
    const current = editor.value;
    if (current) command(current.chain().focus()).run();
  }
  const isActive = (name: string, attributes?: Record<string, unknown>): boolean => editor.value?.isActive(name, attributes) ?? false;

  return { editor, run, isActive };
}

/** What `useRichTextEditor` gives: the editor, `run` for toolbar commands, `isActive` for their pressed state. */
export type RichTextEditorHandle = ReturnType<typeof useRichTextEditor>;

function submitOnModEnter(event: KeyboardEvent, submit: () => void): boolean {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return false;
  submit();
  return true;
}
