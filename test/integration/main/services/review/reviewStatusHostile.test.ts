// `spanwright review status` on what imports let in: a document id carrying a terminal escape sequence is printed
// escaped (the id is the file's, and the terminal is the user's), --json keeps it exact, and many reviews list whole.
import { describe, expect, it } from 'vitest'
import { main } from '../../../../../src/main/cli/main'
import { createSpan } from '../../../../../src/main/services/annotate/annotationService'
import { decide, markReviewDone } from '../../../../../src/main/services/review/reviewDecisions'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('review status with hostile document ids', () => {
  it('an id with ESC and BEL is shown escaped in the text output and exact in --json', async () => {
    const t = tempStore()
    const evil = 'evil\u001b[31mRED\u0007'
    const doc = t.store.documents.insert({ externalId: evil, title: 'One', text: 'Kerry met Michel in Brussels.', meta: {} })
    const a = createSpan(t.store, { documentId: doc, annotator: 'alice', label: 'PERSON', start: 0, end: 5 })
    const b = createSpan(t.store, { documentId: doc, annotator: 'bob', label: 'GPE', start: 0, end: 5 })
    decide(t.store, { documentId: doc, reviewer: 'rita', accept: { item: { kind: 'span', id: a.id } }, reject: [{ kind: 'span', id: b.id }] })
    markReviewDone(t.store, { documentId: doc, reviewer: 'rita', done: true })
    const run = async (args: string[]) => {
      const lines: string[] = []
      const code = await main(['review', 'status', ...args, '--db', t.file], { log: (l) => lines.push(l), error: (l) => lines.push(l) })
      return { code, lines }
    }
    const text = await run([])
    expect(text.code).toBe(0)
    expect(text.lines).toEqual(['evil\\u001b[31mRED\\u0007: review done'])
    expect(text.lines.join('')).not.toMatch(/\p{Cc}/u)
    const json = await run(['--json'])
    expect(JSON.parse(json.lines[0]).reviews.map((r: { externalId: string }) => r.externalId)).toEqual([evil])
    t.store.close()
  })
})
