import type { SuggestionOptions } from '@tiptap/suggestion';
import { VueRenderer } from '@tiptap/vue-3';
import type { Component } from 'vue';

/**
 * The `render` of a Tiptap suggestion (@mentions, canned responses) as a Vue
 * listbox. The editor keeps focus while the list is open, so the list
 * component receives the keys through its exposed `onKeyDown` and reports the
 * highlighted option through `onActive`, which becomes aria-activedescendant
 * on the editor (aria-controls names the list by `listId`).
 */
export function suggestionPopup<Item>(list: Component, listId: string): NonNullable<SuggestionOptions<Item>['render']> {
  return () => {
    let renderer: VueRenderer | null = null;
    let unmount: (() => void) | null = null;
    return {
      onStart(props) {
        const dom = props.editor.view.dom;
        const onActive = (optionId: string | null) =>
          optionId ? dom.setAttribute('aria-activedescendant', optionId) : dom.removeAttribute('aria-activedescendant');
        renderer = new VueRenderer(list, { editor: props.editor, props: { items: props.items, loading: props.loading, command: props.command, onActive } });
        dom.setAttribute('aria-controls', listId);
        unmount = props.mount(renderer.element as HTMLElement);
      },
      onUpdate(props) {
        renderer?.updateProps({ items: props.items, loading: props.loading, command: props.command });
      },
      onKeyDown(props) {
        if (props.event.key === 'Escape') return false;
        return (renderer?.ref as { onKeyDown?: (p: { event: KeyboardEvent }) => boolean } | null)?.onKeyDown?.(props) ?? false;
      },
      onExit(props) {
        const dom = props.editor.view.dom;
        dom.removeAttribute('aria-controls');
        dom.removeAttribute('aria-activedescendant');
        unmount?.();
        renderer?.destroy();
        renderer = null;
      },
    };
  };
}
