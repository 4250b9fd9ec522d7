// A pattern file (spaCy EntityRuler JSONL) is read strictly as UTF-8, as an import is. Before, it was read with
// Node's lossy 'utf8': a Latin-1 "Liège" became "Li\uFFFDge", a pattern that never matches, without a word.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRecommender } from '../../../../../src/main/services/recommend/buildRecommenders'
import { tempStore } from '../../../../helpers/tempWorkspace'

describe('pattern files in another encoding', () => {
  it('a Latin-1 pattern file is refused with its line, the byte and what to do; a UTF-16 one without BOM too', async () => {
    const { store, dir } = tempStore()
    const latin1 = path.join(dir, 'patterns.jsonl')
    fs.writeFileSync(latin1, Buffer.from('{"label":"ORG","pattern":"NATO"}\n{"label":"GPE","pattern":"Li\xe8ge"}\n', 'latin1'))
    await expect(buildRecommender(store, { kind: 'patterns', enabled: true, file: latin1 }, 'alice')).rejects.toThrow(
      `${latin1}:2: not valid UTF-8 at byte 61 (0xE8: “è” in Latin-1 and Windows-1252); save the pattern file as UTF-8`,
    )
    const utf16 = path.join(dir, 'utf16.jsonl')
    fs.writeFileSync(utf16, Buffer.from('{"label":"ORG","pattern":"NATO"}\n', 'utf16le'))
    await expect(buildRecommender(store, { kind: 'patterns', enabled: true, file: utf16 }, 'alice')).rejects.toThrow(
      `${utf16}: the file looks like UTF-16 without a byte-order mark; save the pattern file as UTF-8`,
    )
    const ok = path.join(dir, 'ok.jsonl')
    fs.writeFileSync(ok, '\ufeff{"label":"GPE","pattern":"Liège"}\n')
    await expect(buildRecommender(store, { kind: 'patterns', enabled: true, file: ok }, 'alice')).resolves.toBeTruthy()
  })
})
