import type { FormInst } from 'naive-ui';
import { ref, shallowRef, type Ref } from 'vue';
import { toProblem, type Problem } from '../graphql/problems.ts';

/**
 * What must hold before a form's action runs: a Naive UI form to validate (it
 * marks the fields itself), or a check of the form's own that returns false
 * when it does not hold (after showing why).
 */
export type SubmitCheck = Ref<FormInst | null> | (() => boolean);

/**
 * The submit cycle every form shares: clear the last problem, check the
 * input, run the action while `busy`, and turn whatever it throws into a
 * translated-ready Problem (what was typed stays, so nothing is lost).
 */
export function useFormSubmit(check: SubmitCheck, action: () => Promise<void>) {
  const problem = shallowRef<Problem | null>(null);
  const busy = ref(false);

  async function submit(): Promise<void> {
    problem.value = null;
    const ready = typeof check === 'function' ? check() : await validates(check.value);
    if (!ready) return;
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

async function validates(form: FormInst | null): Promise<boolean> {
  try {
    await form?.validate();
    return true;
  } catch {
    return false; // the form shows which fields are missing
  }
}
