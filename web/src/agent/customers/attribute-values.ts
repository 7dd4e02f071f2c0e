import type { CustomerAttributeType } from '../../graphql/generated.ts';

/** An admin-defined custom attribute (`customerAttributeDefinitions`). */
export interface AttributeDefinition {
  key: string;
  label: string;
  type: CustomerAttributeType;
  options: string[];
}

/** Form controls hold text; '' means "not set". */
export type AttributeDraft = Record<string, string>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A stored value as the text its form control shows (a date input wants yyyy-mm-dd). */
export function toDraftText(definition: AttributeDefinition, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (definition.type === 'date' && typeof value === 'string') return value.slice(0, 10);
  return String(value);
}

export function draftOf(definitions: AttributeDefinition[], values: Record<string, unknown>): AttributeDraft {
  return Object.fromEntries(definitions.map((definition) => [definition.key, toDraftText(definition, values[definition.key])]));
}

/** Text typed into a number field that is not a number (checked before sending; the server checks again). */
export function isBadNumber(text: string): boolean {
  return text.trim() !== '' && !Number.isFinite(Number(text.trim()));
}

/**
 * The attribute object to save (`updateCustomer` replaces it whole). Empty
 * fields are left out (removing the value); a field left as it was keeps the
 * stored value exactly (a stored date-time is not cut to its date). Keys
 * without a definition cannot be sent: the server refuses them.
 */
export function attributesToSave(definitions: AttributeDefinition[], draft: AttributeDraft, stored: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const definition of definitions) {
    const text = (draft[definition.key] ?? '').trim();
    if (text === '') continue;
    if (text === toDraftText(definition, stored[definition.key])) {
      result[definition.key] = stored[definition.key];
      continue;
    }
    switch (definition.type) {
      case 'number':
        result[definition.key] = Number(text);
        break;
      case 'boolean':
        result[definition.key] = text === 'true';
        break;
      default:
        result[definition.key] = text;
    }
  }
  return result;
}

/** A stored value for reading: dates in the reader's language; booleans and unknowns left to the caller. */
export function formatAttributeDate(value: string, locale: string): string {
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return DATE_ONLY.test(value)
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
