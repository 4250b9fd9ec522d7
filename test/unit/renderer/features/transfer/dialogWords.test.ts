// An outsider's run (h78): choosing the CoNLL-2002 Spanish brat corpus in the import dialog listed 540 faults
// "label "PER" is not an entity label in the schema (pass --add-labels to add it)" right under a checkbox called
// "Add missing labels", and a README among the files gave "cannot tell the file's format; pass --format". The dialog
// has no --add-labels or --format: it now says each option as the control it has for it.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dialogWords } from '../../../../../src/renderer/features/transfer/dialogWords'

const CLI_OPTION = /--(add-labels|annotator|format|offsets|skip-invalid|map-label|force-encoding)\b/u

/** Messages as the command line words them, and as the dialog shows them. */
const MET: [string, string][] = [
  [
    'spans[0]: label "PER" is not an entity label in the schema (pass --add-labels to add it)',
    'spans[0]: label "PER" is not an entity label in the schema (tick “Add missing labels” to add it)',
  ],
  [
    "README:1: cannot tell the file's format; pass --format (formats: jsonl, txt, doccano)",
    "README:1: cannot tell the file's format; choose the Format (formats: jsonl, txt, doccano)",
  ],
  [
    'the record has spans but no annotator; give one in the file, or pass --annotator',
    'the record has spans but no annotator; give one in the file, or fill in “Annotator for records without one”',
  ],
  [
    "brat's configuration, not annotated documents: labels are read from the .ann files (add those the schema lacks with Add missing labels or --add-labels)",
    "brat's configuration, not annotated documents: labels are read from the .ann files (add those the schema lacks with “Add missing labels”)",
  ],
  [
    'a CSV of doccano 1.0, or pass --format doccano to read its rows as doccano',
    'a CSV of doccano 1.0, or choose the Format “doccano sequence labeling” to read its rows as doccano',
  ],
  [
    'T1: text "Kerry" does not match; the file counts UTF-16 code units: pass --offsets utf16',
    'T1: text "Kerry" does not match; the file counts UTF-16 code units: choose Offsets in the file “UTF-16 units”',
  ],
  [
    'label "Named Entity" has a space; rename it with --map-label "Named Entity"=NAMED_ENTITY',
    'label "Named Entity" has a space; rename it in “Rename labels”: "Named Entity"=NAMED_ENTITY',
  ],
]

describe('import messages in the dialog name its controls, not the command line options', () => {
  it('the messages an outsider met, as the dialog shows them', () => {
    for (const [cli, dialog] of MET) expect(dialogWords(cli)).toBe(dialog)
  })

  it('a message that already names the dialog control beside the option is left alone; one without options too', () => {
    const both = 'not valid UTF-8 at byte 2; if the file is in another encoding, name it: --encoding latin1, … (in the import dialog: Encoding)'
    expect(dialogWords(both)).toBe(both)
    expect(dialogWords('empty file (no text to import)')).toBe('empty file (no text to import)')
  })

  // The class, not the examples: every message the import side writes that names one of these options reads
  // without it in the dialog (placeholders stand in for the values filled in).
  it('no message template of the import side names a command line option once worded for the dialog', () => {
    const root = path.join(__dirname, '../../../../../src')
    const dirs = ['shared/formats', 'shared/api', 'main/services/import', 'main/services/formats', 'main/services/jobs'].map((d) => path.join(root, d))
    const left: string[] = []
    let seen = 0
    for (const dir of dirs) {
      for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || !/\.ts$/u.test(e.name)) continue
        const file = path.join(e.parentPath, e.name)
        fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*\*)/u.test(line)) return // comments
          for (const [, , literal] of line.matchAll(/(["'`])((?:\\.|(?!\1).)*--(?:add-labels|annotator|format|offsets|skip-invalid|map-label|force-encoding)\b(?:\\.|(?!\1).)*)\1/gu)) {
            // A message, not a flag name alone in a table or a parser ('--format', `--format ${f}` as a CLI echo).
            if (!/\s/u.test(literal.replace(/\$\{[^}]*\}/gu, 'x')) || /^--[\w-]+( \$\{[^}]*\})?$/u.test(literal)) continue
            seen++
            const shown = dialogWords(literal.replace(/\$\{[^}]*\}/gu, 'doccano'))
            if (CLI_OPTION.test(shown) && !shown.includes('(in the import dialog:')) left.push(`${path.relative(root, file)}:${i + 1}: ${shown}`)
          }
        })
      }
    }
    expect(seen).toBeGreaterThan(10)
    expect(left).toEqual([])
  })
})
