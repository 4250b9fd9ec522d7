/** A link for a normalization id: Wikidata QIDs and http(s) addresses; null otherwise (never other schemes). */
export function normLink(norm: string): string | null {
  const id = norm.trim()
  const qid = /^(?:wikidata:)?(Q\d+)$/i.exec(id)
  if (qid) return `https://www.wikidata.org/wiki/${qid[1].toUpperCase()}`
  if (/^https?:\/\/\S+$/i.test(id)) return id
  return null
}
