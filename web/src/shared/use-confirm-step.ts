import { computed, nextTick, ref, type Ref } from 'vue';

/**
 * The two steps of a dialog that asks before an action nobody can undo (a
 * merge): pick a target, then read what happens and confirm. Confirming
 * needs a target; moving to it focuses the explanation (`confirmElementId`),
 * so a screen reader reads it before the button.
 */
export function useConfirmStep(target: Ref<unknown>, confirmElementId: string) {
  const step = ref<'pick' | 'confirm'>('pick');
  const confirming = computed(() => step.value === 'confirm' && target.value !== null);

  async function toConfirm(): Promise<void> {
    if (target.value === null) return;
    step.value = 'confirm';
    await nextTick();
    document.getElementById(confirmElementId)?.focus();
  }

  const back = () => (step.value = 'pick');
  return { confirming, toConfirm, back };
}
