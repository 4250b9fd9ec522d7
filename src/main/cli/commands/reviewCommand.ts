import { reviewData } from '../../services/review/reviewService'
import type { CliCommand } from '../command'
import { printable } from '../printable'
import { openWorkspaceForReading } from '../workspaceOption'
import { countOf as plural } from '../../../shared/text/plural'

const STATUS_TEXT = { unreviewed: 'not reviewed', in_review: 'in review', adjudicated: 'review done' } as const

/**
 * `review status`: every document whose review was started, its status and what is still open; a review marked done
 * that annotators changed since says so (and how many items differ now), since its gold export stays as it was.
 */
export const reviewCommand: CliCommand = {
  name: 'review',
  usage: 'review status [--db FILE] [--json]',
  summary: 'list the reviews begun or done, with open disagreements; a review done that annotators changed since says how many items differ now',
  options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
  positionals: true,
  async run({ values, positionals, out }) {
    // A usage error, as every other command's: exit 2 with the usage, not 1 (which scripts read as "could not").
    if (positionals.length !== 1 || positionals[0] !== 'status') {
      out.error(`spanwright review: review takes one subcommand, status (got ${positionals.length ? JSON.stringify(positionals.join(' ')) : 'none'})\nUsage: spanwright ${reviewCommand.usage}`)
      return 2
    }
    const store = await openWorkspaceForReading(values.db as string | undefined)
    try {
      const rows = [...store.gold.statuses()]
        .filter(([, status]) => status !== 'unreviewed')
        .map(([documentId]) => {
          const d = reviewData(store, { documentId })
          return { documentId, externalId: d.document.externalId, status: d.status, open: d.open, changedSinceDone: d.changedSinceDone }
        })
        .sort((a, b) => a.externalId.localeCompare(b.externalId))
      if (values.json) {
        out.log(JSON.stringify({ reviews: rows }))
        return 0
      }
      if (!rows.length) out.log('no review begun yet')
      for (const r of rows) {
        const state =
          r.changedSinceDone > 0
            ? `review done, but annotators changed it since: ${plural(r.changedSinceDone, 'item')} ${r.changedSinceDone === 1 ? 'differs' : 'differ'} now (gold and its export are as they were; reopen the review to take them in)`
            : r.status === 'adjudicated'
              ? 'review done'
              : `${STATUS_TEXT[r.status]}, ${plural(r.open, 'disagreement')} open`
        // Document ids come from imported files: an ESC sequence in one is shown, not run by the terminal.
        out.log(`${printable(r.externalId)}: ${state}`)
      }
      const changed = rows.filter((r) => r.changedSinceDone > 0).length
      if (changed) out.error(`warning: ${plural(changed, 'review')} marked done changed since (listed above)`)
      return 0
    } finally {
      store.close()
    }
  },
}
