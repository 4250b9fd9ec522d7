/**
 * The transaction-scoped advisory lock that writes of documents, labels,
 * assignments and gold items hold from the moment they take a `team_seq`
 * number until they commit, so sequence order is commit order and a pull
 * cursor (`seq > cursor`) never skips a late commit. Layer pushes do without
 * it since team schema 5 (serverLogSchema.ts).
 */
export const WRITE_LOCK = 0x5370_7772 // "Spwr"
