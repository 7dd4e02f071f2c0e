import { ref } from 'vue';

/**
 * Files arriving by drag-and-drop or from the clipboard, for a composer that
 * attaches them. Bind on the composer's outer element, in the capture phase
 * for `drop` and `paste` (`@drop.capture`, `@paste.capture`): then the rich
 * text editor inside never sees a file (Tiptap would try to insert it), while
 * text pastes and drops still reach it untouched.
 */
export function useFileIntake(onFiles: (files: File[]) => void) {
  /** True while files are dragged over the target (for a visible drop hint). */
  const dragging = ref(false);

  const carriesFiles = (transfer: DataTransfer | null | undefined) => Boolean(transfer && Array.from(transfer.types).includes('Files'));

  function onDragover(event: DragEvent): void {
    if (!carriesFiles(event.dataTransfer)) return;
    // Accepting the dragover is what makes the element a drop target.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    dragging.value = true;
  }

  function onDragleave(event: DragEvent): void {
    // Moving between children fires dragleave on the parent too; only leaving the target counts.
    const target = event.currentTarget as Node | null;
    if (!target || !target.contains(event.relatedTarget as Node | null)) dragging.value = false;
  }

  function onDrop(event: DragEvent): void {
    dragging.value = false;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    onFiles(files);
  }

  function onPaste(event: ClipboardEvent): void {
    const clipboard = event.clipboardData;
    const files = Array.from(clipboard?.files ?? []);
    // Office apps put a picture of copied text on the clipboard as well: text wins, so a
    // pasted paragraph stays a paragraph. A screenshot or a copied file has no text.
    if (files.length === 0 || clipboard?.getData('text/plain')) return;
    event.preventDefault();
    event.stopPropagation();
    onFiles(files);
  }

  return { dragging, onDragover, onDragleave, onDrop, onPaste };
}
