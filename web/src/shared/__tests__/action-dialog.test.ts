import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, reactive } from 'vue';
import type { Problem } from '../../graphql/problems.ts';
import { clickBeside, closeButtonOf, dialogNamed, pressEscape } from '../../testing/dialogs.ts';
import { renderComponent, settle } from '../../testing/render-app.ts';
import ActionDialog from '../components/ActionDialog.vue';

type Emitted = 'close' | 'submit' | 'back';
/** The dialog's props, writable so a test can change them while it is open. */
type Writable<T> = { -readonly [Key in keyof T]: T[Key] };
type DialogProps = Writable<InstanceType<typeof ActionDialog>['$props']>;

/** A body that holds a search form of its own, as the ticket picker does. */
const searchForm = () => h('form', { role: 'search', id: 'body-search', onSubmit: (event: Event) => event.preventDefault() }, [h('input', { id: 'body-input' })]);

/** The dialog around `body`, and a record of what it emitted. */
async function open(props: Partial<DialogProps>, body = searchForm) {
  const state = reactive<DialogProps>({ title: 'Link a ticket to #1001', submitLabel: 'Link', ...props });
  const emitted: Emitted[] = [];
  const Host = defineComponent({
    setup: () => () => h(ActionDialog, { ...state, onClose: () => emitted.push('close'), onSubmit: () => emitted.push('submit'), onBack: () => emitted.push('back') }, body),
  });
  const rendered = await renderComponent(Host, {}, {});
  return { ...rendered, state, emitted };
}

const dialog = () => document.querySelector('[role="dialog"]') as HTMLElement;
const button = (text: string) => [...dialog().querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement;
const closeButton = () => closeButtonOf(dialog());

describe('ActionDialog', () => {
  let unmount: () => void = () => {};
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('is named by its title and closes by Cancel, ×, Esc and the mask', async () => {
    const { wrapper, emitted } = await open({ intro: 'Pick the related ticket.', width: 560 });
    unmount = () => wrapper.unmount();
    expect(dialog().style.maxWidth).toBe('560px');
    expect(dialogNamed('Link a ticket to #1001')).toBe(dialog());
    expect(dialog().querySelector('.n-card-header')?.textContent).toContain('Link a ticket to #1001');
    expect(dialog().textContent).toContain('Pick the related ticket.');

    button('Cancel').click();
    closeButton()!.click();
    pressEscape();
    clickBeside();
    await settle();
    expect(emitted).toEqual(['close', 'close', 'close', 'close']);
  });

  it('cannot be closed while busy, and its action waits', async () => {
    const { wrapper, state, emitted } = await open({ busy: true });
    unmount = () => wrapper.unmount();
    expect(closeButton()).toBeNull();
    expect(button('Cancel').disabled).toBe(true);
    button('Cancel').click();
    button('Link').click();
    pressEscape();
    clickBeside();
    await settle();
    expect(emitted).toEqual([]);

    state.busy = false;
    await settle();
    pressEscape();
    await settle();
    expect(emitted).toEqual(['close']);
  });

  it('offers its action only when allowed, and says what the server refused', async () => {
    const problem: Problem = { code: 'CONFLICT', message: 'These tickets are already linked.', fields: [] };
    const { wrapper, state, emitted } = await open({ submitDisabled: true });
    unmount = () => wrapper.unmount();
    expect(button('Link').disabled).toBe(true);
    expect(dialog().querySelector('[role="alert"]')).toBeNull();

    Object.assign(state, { submitDisabled: false, problem });
    await settle();
    button('Link').click();
    await settle();
    expect(emitted).toEqual(['submit']);
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('These tickets are already linked.');
  });

  it('without `form`, a form in its body submits only itself', async () => {
    const { wrapper, emitted } = await open({});
    unmount = () => wrapper.unmount();
    expect(dialog().querySelectorAll('form')).toHaveLength(1);
    expect(button('Link').getAttribute('type')).toBe('button');
    (document.getElementById('body-search') as HTMLFormElement).requestSubmit();
    await settle();
    expect(emitted).toEqual([]);
  });

  it('with `form`, the body is a form: submitting it (Enter in a field) or the action emits submit once', async () => {
    const { wrapper, emitted } = await open({ form: true, title: 'Save view', submitLabel: 'Save view' }, () => h('input', { id: 'view-name' }));
    unmount = () => wrapper.unmount();
    const form = dialog().querySelector('form')!;
    expect(form.contains(button('Save view'))).toBe(true);
    expect(button('Save view').getAttribute('type')).toBe('submit');
    button('Save view').click();
    await settle();
    form.requestSubmit();
    await settle();
    expect(emitted).toEqual(['submit', 'submit']);
  });

  it('steps back instead of cancelling when given a back label', async () => {
    const { wrapper, emitted } = await open({ backLabel: 'Back', danger: true, submitLabel: 'Merge into #1005' });
    unmount = () => wrapper.unmount();
    expect(button('Cancel')).toBeUndefined();
    button('Back').click();
    await settle();
    expect(emitted).toEqual(['back']);
    expect(button('Merge into #1005').className).toContain('n-button--error-type');
  });
});
