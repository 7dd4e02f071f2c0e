import type { CustomerAttributeType, SettingsAttributeDefinitionFieldsFragment } from '../../graphql/generated.ts';

export const ATTRIBUTE_TYPES: CustomerAttributeType[] = ['string', 'number', 'boolean', 'date', 'select'];

/** One attribute definition being edited. `saved` ones keep their key: stored values are found by it. */
export interface AttributeDraft {
  /** Local identity for the list (reorder, keys): a new row has no key yet. */
  id: string;
  key: string;
  label: string;
  type: CustomerAttributeType;
  /** A select's options, one per line. */
  optionsText: string;
  saved: boolean;
}

let nextId = 0;
const newId = () => `attribute-${++nextId}`;

export function draftsOf(definitions: SettingsAttributeDefinitionFieldsFragment[]): AttributeDraft[] {
  return definitions.map((definition) => ({
    id: newId(),
    key: definition.key,
    label: definition.label,
    type: definition.type,
    optionsText: definition.options.join('\n'),
    saved: true,
  }));
}

export function blankDraft(): AttributeDraft {
  return { id: newId(), key: '', label: '', type: 'string', optionsText: '', saved: false };
}

export function optionsOf(draft: AttributeDraft): string[] {
  return [...new Set(draft.optionsText.split('\n').map((line) => line.trim()).filter(Boolean))];
}

/** What `setCustomerAttributeDefinitions` receives; only a select sends options. */
export function definitionsToSave(drafts: AttributeDraft[]) {
  return drafts.map((draft) => ({
    key: draft.key.trim(),
    label: draft.label.trim(),
    type: draft.type,
    ...(draft.type === 'select' ? { options: optionsOf(draft) } : {}),
  }));
}

export type DraftProblem = 'required' | 'duplicateKey' | 'needsOptions';

/**
 * Checks the server would make too, in the reader's language and before a
 * round trip: keyed `<index>.<field>` like the server's field problems.
 */
export function draftProblems(drafts: AttributeDraft[]): Map<string, DraftProblem> {
  const problems = new Map<string, DraftProblem>();
  const seen = new Set<string>();
  drafts.forEach((draft, index) => {
    const key = draft.key.trim();
    if (!key) problems.set(`${index}.key`, 'required');
    else if (seen.has(key)) problems.set(`${index}.key`, 'duplicateKey');
    seen.add(key);
    if (!draft.label.trim()) problems.set(`${index}.label`, 'required');
    if (draft.type === 'select' && optionsOf(draft).length === 0) problems.set(`${index}.options`, 'needsOptions');
  });
  return problems;
}
