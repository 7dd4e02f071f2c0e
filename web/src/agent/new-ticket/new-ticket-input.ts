import type { JSONContent } from '@tiptap/vue-3';
import type { CreateTicketInput, TicketPriority } from '../../graphql/generated.ts';
import type { Problem } from '../../graphql/problems.ts';

/** Who the ticket is for: a customer found by search, or a contact typed in (found by e-mail/phone or created by the server). */
export type RequesterChoice = { mode: 'existing'; customerId: string | null } | { mode: 'new'; name: string; email: string; phone: string };

export interface NewTicketForm {
  requester: RequesterChoice;
  subject: string;
  body: JSONContent | null;
  bodyKind: 'reply' | 'note';
  priority: TicketPriority;
  typeId: string;
  teamId: string;
  assigneeId: string;
  /** `datetime-local` value (local wall-clock time), empty for none. */
  dueAt: string;
  tags: string[];
}

/** A new ticket is assigned to the agent writing it (they took the call) unless they choose otherwise. */
export function emptyNewTicket(assigneeId = ''): NewTicketForm {
  return {
    requester: { mode: 'existing', customerId: null },
    subject: '',
    body: null,
    bodyKind: 'reply',
    priority: 'normal',
    typeId: '',
    teamId: '',
    assigneeId,
    dueAt: '',
    tags: [],
  };
}

/** Fields the browser checks before asking the server; the values are i18n keys of the message. */
export type ClientErrors = Partial<Record<'customer' | 'name' | 'email' | 'subject', string>>;

// The same loose shape the server's zod e-mail check accepts in practice: something@something.tld.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkNewTicket(form: NewTicketForm): ClientErrors {
  const errors: ClientErrors = {};
  if (!form.subject.trim()) errors.subject = 'required';
  if (form.requester.mode === 'existing') {
    if (!form.requester.customerId) errors.customer = 'chooseCustomer';
  } else {
    if (!form.requester.name.trim()) errors.name = 'required';
    if (form.requester.email.trim() && !EMAIL_SHAPE.test(form.requester.email.trim())) errors.email = 'email';
  }
  return errors;
}

/** The `createTicket` input: empty choices are left out so the server applies its defaults (e.g. the default team). */
export function toCreateTicketInput(form: NewTicketForm): CreateTicketInput {
  const input: CreateTicketInput = { subject: form.subject.trim(), priority: form.priority };
  if (form.requester.mode === 'existing') input.requesterId = form.requester.customerId;
  else {
    const { name, email, phone } = form.requester;
    input.requester = { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
  }
  if (form.body) Object.assign(input, { body: form.body, bodyKind: form.bodyKind });
  if (form.typeId) input.typeId = form.typeId;
  if (form.teamId) input.teamId = form.teamId;
  if (form.assigneeId) input.assigneeId = form.assigneeId;
  // `datetime-local` has no zone: it is the agent's local time; the API wants an instant.
  if (form.dueAt) input.dueAt = new Date(form.dueAt).toISOString();
  if (form.tags.length) input.tags = form.tags;
  return input;
}

/** The server's message for a field of the input (`tags` also matches `tags.2`). */
export function serverFieldError(problem: Problem | null, field: string): string | undefined {
  return problem?.fields.find((item) => item.field === field || item.field.startsWith(`${field}.`))?.message;
}
