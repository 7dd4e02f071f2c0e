/** Han, kana or hangul: one such character is already a meaningful query. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** The query worth sending for what is in the box, or null while it is too short to mean anything. */
export function searchableQuery(text: string): string | null {
  const query = text.trim().replace(/\s+/g, ' ');
  if (!query) return null;
  return query.length >= 2 || CJK.test(query) ? query.slice(0, 200) : null;
}
