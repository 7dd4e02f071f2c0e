/**
 * The `position` updates that put ticket types in a new order. The server
 * saves one type at a time (`updateTicketType`), so the existing position
 * values are handed out again in the new order: swapping two neighbours
 * changes two rows, not all of them. Tied values (which cannot express an
 * order) are replaced by 1…n.
 */
export function positionUpdates(types: ReadonlyArray<{ id: string; position: number }>, ids: readonly string[]): Array<{ id: string; position: number }> {
  const values = types.map((type) => type.position).sort((a, b) => a - b);
  const distinct = values.every((value, index) => index === 0 || value > values[index - 1]!);
  const current = new Map(types.map((type) => [type.id, type.position]));
  return ids
    .map((id, index) => ({ id, position: distinct ? values[index]! : index + 1 }))
    .filter((update) => current.get(update.id) !== update.position);
}
