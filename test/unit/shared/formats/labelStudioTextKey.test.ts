import { describe, expect, it } from 'vitest'
import { streamCodec } from '../../../../src/shared/formats/registry'
import { decodeAll, encodeAll, errors, makeLayer, records } from './formatTestUtil'

/**
 * A Label Studio task keeps its text under the key its labeling config names
 * (`<Text name="text" value="$dialogue"/>` gives `data.dialogue`), not always
 * `data.text`; the results' `to_name` is the Text tag's name, not the key.
 * Such exports used to be refused ("data.text is missing"). The text key is
 * the one string field, or the one that every region's `value.text` matches;
 * it is written back under the same key.
 */

const codec = streamCodec('labelstudio')
const region = (start: number, end: number, text: string, label = 'PER') => ({ id: `r${start}`, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text, labels: [label] } })
const task = (data: Record<string, unknown>, result: unknown[]) => JSON.stringify([{ id: 7, data, annotations: [{ id: 1, completed_by: 1, result }] }])
const spanTexts = (file: string) => {
  const [r] = records(decodeAll(codec, file))
  return { text: r.text, spans: r.spans.map((s) => r.text.slice(s.start, s.end)) }
}

describe('Label Studio text under another data key', () => {
  it('reads the one string field of data as the text', () => {
    expect(spanTexts(task({ dialogue: 'Barack Obama met Merkel' }, [region(0, 12, 'Barack Obama')]))).toEqual({ text: 'Barack Obama met Merkel', spans: ['Barack Obama'] })
  })

  it('of several string fields, takes the one every region\'s value.text matches; a URL field is never the text', () => {
    const data = { title: 'Meeting', body: 'Angela Merkel met Obama', image: 'https://example.org/a.png' }
    expect(spanTexts(task(data, [region(0, 13, 'Angela Merkel'), region(18, 23, 'Obama')]))).toEqual({ text: 'Angela Merkel met Obama', spans: ['Angela Merkel', 'Obama'] })
    expect(spanTexts(task({ review: 'Great phone', image: 'https://example.org/a.png' }, [])).text).toBe('Great phone')
  })

  it('writes the text back under its own key, beside the other data fields', () => {
    const file = task({ title: 'Meeting', body: 'Angela Merkel met Obama' }, [region(0, 13, 'Angela Merkel')])
    const [r] = records(decodeAll(codec, file))
    const out = JSON.parse(encodeAll(codec, [makeLayer(r.text, [[0, 13, 'PER']], [], { meta: r.meta, externalId: r.externalId })]).out)
    expect(out[0].data).toEqual({ title: 'Meeting', body: 'Angela Merkel met Obama' })
    expect(out[0].annotations[0].result[0].value).toMatchObject({ start: 0, end: 13, text: 'Angela Merkel' })
  })

  it('refuses, naming the fields, when no field or several fit', () => {
    const two = errors(decodeAll(codec, task({ a: 'one text', b: 'another' }, []), 'codepoint', 'ls.json'))
    expect(two.map((e) => [e.line, e.reason])).toEqual([[1, 'task 0: data has no "text" and several text fields (a, b); name the text field "text"']])
    const none = errors(decodeAll(codec, task({ image: 'https://example.org/a.png', n: 3 }, []), 'codepoint', 'ls.json'))
    expect(none.map((e) => e.reason)).toEqual(['task 0: data has no "text" and no other text field (keys: image, n)'])
  })
})

describe('Label Studio text given as a URL', () => {
  it('a task whose text is a link (<Text valueType="url">) is refused saying so, not as a span mismatch', () => {
    const errs = errors(decodeAll(codec, task({ text: 'https://example.org/docs/7.txt' }, [region(0, 5, 'Kerry')]), 'codepoint', 'ls.json'))
    expect(errs.map((e) => [e.line, e.reason])).toEqual([
      [1, 'task 0: data.text is a link ("https://example.org/docs/7.txt"), as a Text tag with valueType="url" exports it; Spanwright needs the text itself in the task'],
    ])
  })
})
