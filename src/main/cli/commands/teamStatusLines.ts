import { countOf } from '../../../shared/text/plural'
import type { TeamStatus } from '../../team/teamAdmin'
import { printable } from '../printable'

/** `team status`'s lines: the team's size, then each annotator's progress, every count with its noun in the right number ("1 document", "2 documents"). */
export function teamStatusLines(s: TeamStatus): string[] {
  const lines = [`${s.where}: ${countOf(s.documents, 'document')}, ${countOf(s.annotators.length, 'annotator')}`]
  for (const a of s.annotators) {
    const roles = [a.reviewer ? 'reviewer' : null, a.admin ? 'admin' : null].filter(Boolean).join(', ')
    lines.push(
      `  ${a.name}${roles ? ` (${roles})` : ''}: ${a.done} done, ${a.inProgress} in progress, ${countOf(a.layers, 'layer')}, ${countOf(a.spans, 'span')}, ${a.assigned} assigned (${a.assignedDone} of them done)`,
    )
    if (a.assignedNotPulled) lines.push(`    ${a.assignedNotPulled} of them assigned since ${a.name}'s desktops last synced (on none of them yet)`)
    const w = a.waitingFor
    if (w.documents) {
      const more = w.documents > w.sample.length ? ` and ${w.documents - w.sample.length} more` : ''
      lines.push(`    ${a.name}'s changes wait for ${countOf(w.documents, 'document')} the team does not have (an admin adds them): ${w.sample.map(printable).join(', ')}${more}`)
    }
  }
  return lines
}
