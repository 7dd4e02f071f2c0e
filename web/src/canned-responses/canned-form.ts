import type { JSONContent } from '@tiptap/vue-3';
import type {
  CannedResponseActionsInput,
  CannedResponseEditFieldsFragment,
  CannedResponseScope,
  CreateCannedResponseInput,
  TicketPriority,
  TicketStatus,
} from '../graphql/generated.ts';

/** The field actions as the form edits them: '' means "leave the ticket's value alone". */
export interface CannedActionsForm {
  status: TicketStatus | '';
  priority: TicketPriority | '';
  typeId: string;
  assigneeId: string;
  teamId: string;
  addTags: string[];
  removeTags: string[];
}

export interface CannedForm {
  title: string;
  shortcut: string;
  scope: CannedResponseScope;
  teamId: string;
  body: JSONContent | null;
  actions: CannedActionsForm;
}

export function emptyForm(): CannedForm {
  return {
    title: '',
    shortcut: '',
    scope: 'personal',
    teamId: '',
    body: null,
    actions: { status: '', priority: '', typeId: '', assigneeId: '', teamId: '', addTags: [], removeTags: [] },
  };
}

export function formOf(response: CannedResponseEditFieldsFragment): CannedForm {
  const actions = response.actions;
  return {
    title: response.title,
    shortcut: response.shortcut ?? '',
    scope: response.scope,
    teamId: response.team?.id ?? '',
    body: response.body as JSONContent,
    actions: {
      status: actions?.status ?? '',
      priority: actions?.priority ?? '',
      typeId: actions?.type?.id ?? '',
      assigneeId: actions?.assignee?.id ?? '',
      teamId: actions?.team?.id ?? '',
      addTags: [...(actions?.addTags ?? [])],
      removeTags: [...(actions?.removeTags ?? [])],
    },
  };
}

/** Only the actions that change something; null when none does (the server then clears them). */
export function actionsInput(actions: CannedActionsForm): CannedResponseActionsInput | null {
  const input: CannedResponseActionsInput = {};
  if (actions.status) input.status = actions.status;
  if (actions.priority) input.priority = actions.priority;
  if (actions.typeId) input.typeId = actions.typeId;
  if (actions.assigneeId) input.assigneeId = actions.assigneeId;
  if (actions.teamId) input.teamId = actions.teamId;
  if (actions.addTags.length) input.addTags = actions.addTags;
  if (actions.removeTags.length) input.removeTags = actions.removeTags;
  return Object.keys(input).length ? input : null;
}

/**
 * Every field, also on update: a blank shortcut and no actions are sent as
 * null, which clears them (the server leaves only *absent* fields unchanged).
 */
export function saveInput(form: CannedForm): CreateCannedResponseInput {
  return {
    title: form.title.trim(),
    shortcut: form.shortcut.trim() || null,
    body: form.body,
    scope: form.scope,
    teamId: form.scope === 'team' ? form.teamId || null : null,
    actions: actionsInput(form.actions),
  };
}
