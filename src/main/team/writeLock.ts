/**
 * The one transaction-scoped advisory lock every accepted write holds from the
 * moment it takes its sequence number until it commits, so sequence order is
 * commit order and a pull cursor (`seq > cursor`) never skips a late commit.
 */
export const WRITE_LOCK = 0x5370_7772 // "Spwr"
