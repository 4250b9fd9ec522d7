import { describe, expect, test } from 'vitest'
import { teamStatusLines } from '../../../../src/main/cli/commands/teamStatusLines'
import type { TeamStatus } from '../../../../src/main/team/teamAdmin'

const member = (name: string, n: number): TeamStatus['annotators'][number] => ({
  name,
  reviewer: false,
  admin: false,
  layers: n,
  inProgress: n,
  done: n,
  spans: n,
  assigned: n,
  assignedDone: n,
  assignedNotPulled: n,
  waitingFor: { documents: n, sample: n ? ['doc-9'] : [] },
})

describe('team status lines', () => {
  test('one of a thing is singular, none or several plural', () => {
    expect(teamStatusLines({ where: 'lead@127.0.0.1:5432/team', documents: 1, annotators: [member('alice', 1)] })).toEqual([
      'lead@127.0.0.1:5432/team: 1 document, 1 annotator',
      '  alice: 1 done, 1 in progress, 1 layer, 1 span, 1 assigned (1 of them done)',
      "    1 of them assigned since alice's desktops last synced (on none of them yet)",
      "    alice's changes wait for 1 document the team does not have (an admin adds them): doc-9",
    ])
    expect(teamStatusLines({ where: 'w', documents: 0, annotators: [{ ...member('bob', 0), reviewer: true }, { ...member('carol', 2), waitingFor: { documents: 3, sample: ['a', 'b'] } }] })).toEqual([
      'w: 0 documents, 2 annotators',
      '  bob (reviewer): 0 done, 0 in progress, 0 layers, 0 spans, 0 assigned (0 of them done)',
      '  carol: 2 done, 2 in progress, 2 layers, 2 spans, 2 assigned (2 of them done)',
      "    2 of them assigned since carol's desktops last synced (on none of them yet)",
      "    carol's changes wait for 3 documents the team does not have (an admin adds them): a, b and 1 more",
    ])
  })
})
