import { describe, expect, it } from 'vitest'
import { unpushedWords } from '../../../../../src/renderer/features/workspace/backupFormat'

describe('unpushedWords: what a replaced workspace had not pushed, as the Backups screen says it', () => {
  it('names layers and gold items apart, singular and plural, and leaves out a kind with none', () => {
    expect(unpushedWords({ layers: 1, goldItems: 0 })).toBe('1 annotator layer')
    expect(unpushedWords({ layers: 0, goldItems: 1 })).toBe('1 gold item')
    expect(unpushedWords({ layers: 3, goldItems: 2 })).toBe('3 annotator layers and 2 gold items')
  })
})
