/**
 * The ticket types the server seeds (migrations/Migration20261121100000_tickets.ts)
 * with the English names it gives them. The SPA shows these in the reader's
 * language, but only while they keep that name: a type an admin renamed is
 * shown by its new name, like any admin-made type.
 */
const SEEDED_TYPE_NAMES = {
  pre_sales: 'Pre-sales',
  order: 'Order',
  after_sales: 'After-sales',
  technical: 'Technical',
  complaint: 'Complaint',
  other: 'Other',
} as const;

export type SeededTypeKey = keyof typeof SEEDED_TYPE_NAMES;

/** The seeded key whose translation names `type`, or null when its own name should be shown. */
export function translatedTypeKey(type: { key: string; name: string }): SeededTypeKey | null {
  return Object.hasOwn(SEEDED_TYPE_NAMES, type.key) && SEEDED_TYPE_NAMES[type.key as SeededTypeKey] === type.name
    ? (type.key as SeededTypeKey)
    : null;
}
