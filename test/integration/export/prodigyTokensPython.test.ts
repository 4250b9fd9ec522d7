// The Prodigy export as Prodigy and spaCy read it: a Doc rebuilt from the
// task's tokens (words, spaces = ws) must have the task's text, and each span
// must start and end on tokens of that Doc (test/helpers/python/read_prodigy_tokens.py).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDataset } from '../../../src/main/services/export/exportDataset'
import { importFiles } from '../../../src/main/services/import/importFiles'
import { pythonMissing, runPythonConsumer } from '../../helpers/pythonConsumer'
import { tempStore } from '../../helpers/tempWorkspace'

const missing = pythonMissing(['json'])

const DOCS = [
  "Dr. Smith met Mary-Jane Watson's friend in the U.S. yesterday.\r\nFamily 👨‍👩‍👧 met Zoe\u0301 and 😀!",
  '  New York  is big.\tWashington\'s mayor   spoke.\n\n',
  'שלום עולם said Kerry. مرحبا بالعالم now.',
  'A B',
  '',
]
const SPANS: [number, string, string][] = [
  [0, 'Dr. Smith', 'PER'],
  [0, 'Smith', 'PER'],
  [0, "Mary-Jane Watson's", 'PER'],
  [0, 'U.S. ', 'GPE'],
  [0, 'Zoe\u0301', 'PER'],
  [1, '  New York  ', 'GPE'],
  [1, 'New York', 'GPE'],
  [1, 'mayor   spoke', 'X'],
  [1, 'spoke.\n', 'X'],
  [2, 'erry.', 'PER'],
  [2, 'رحبا ', 'WORD'],
  [3, ' ', 'X'],
]

describe.skipIf(missing)(`prodigy export, read as Prodigy rebuilds a spaCy Doc${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('Doc(words, spaces) gives each task its text back, every token where the task says, every span on its tokens', async () => {
    const { store, dir } = tempStore()
    const lines = DOCS.map((text, d) => ({
      id: `d${d}`,
      text,
      annotator: 'ann',
      spans: SPANS.filter(([i]) => i === d).map(([, s, label]) => ({ start: [...text.slice(0, text.indexOf(s))].length, end: [...text.slice(0, text.indexOf(s) + s.length)].length, label })),
    }))
    fs.writeFileSync(path.join(dir, 'in.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    await importFiles(store, [path.join(dir, 'in.jsonl')], { annotator: null, addLabels: true })
    const file = path.join(dir, 'out.jsonl')
    await exportDataset(store, file, { format: 'prodigy', annotator: 'ann' })
    const tasks = runPythonConsumer<{ id: string; problems: string[] }[]>('read_prodigy_tokens.py', [file])
    expect(tasks.map((t) => t.id)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4'])
    expect(tasks.filter((t) => t.problems.length)).toEqual([])
  })
})
