import type { FormInst } from 'naive-ui';
import { ref, shallowRef, type Ref } from 'vue';
import { toProblem, type Problem } from '../graphql/problems.ts';

/**
 * The submit cycle every form shares: clear the last problem, let Naive UI
 * validate (it marks the fields itself), run the action while `busy`, and turn
 * whatever it throws into a translated-ready Problem.
 */
export function useFormSubmit(formRef: Ref<FormInst | null>, action: () => Promise<void>) {
  const problem = shallowRef<Problem | null>(null);
  const busy = ref(false);

  async function submit(): Promise<void> {
    problem.value = null;
    try {
      await formRef.value?.validate();
    } catch {
      return; // the form shows which fields are missing
    }
    busy.value = true;
    try {
      await action();
    } catch (error) {
      problem.value = toProblem(error);
    } finally {
      busy.value = false;
    }
  }

  return { problem, busy, submit };
}
