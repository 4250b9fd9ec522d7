import { describe, expect, it } from 'vitest'
import { LabelStudioBackend } from '../../../../../src/main/services/recommend/labelStudioBackend'
import { downUrl, modelServer } from '../../../../helpers/modelServer'

const text = '😀 Kerry met Michel in Brussels.'
const at = (s: string) => text.indexOf(s)
const cp = (s: string) => [...text.slice(0, at(s))].length
const labels = ['PERSON', 'GPE', 'ORG']

const value = (start: number, end: number, t: string, label: string) => ({ type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, text: t, labels: [label] } })

describe('Label Studio ML backend protocol', () => {
  it('sends one task with the label config, reads results in either offset unit, drops and counts the rest', async () => {
    const server = await modelServer((r) => {
      if (r.url === '/health') return [200, JSON.stringify({ status: 'UP', model_class: 'SpacyNER' })]
      return [
        200,
        JSON.stringify({
          results: [
            {
              result: [
                value(cp('Kerry'), cp('Kerry') + 5, 'Kerry', 'PER'), // code points (Python)
                { ...value(at('Michel'), at('Michel') + 6, 'Michel', 'PERSON'), score: 0.75 }, // UTF-16 (JavaScript)
                value(cp('Brussels'), cp('Brussels') + 8, 'Brussels', 'LOC'),
                value(0, 4, 'nope', 'PERSON'), // matches neither unit
                value(cp('in'), cp('in') + 2, 'in', 'MISC'), // a label the schema lacks
                { type: 'labels', value: { start: 1 } }, // malformed
              ],
              score: 0.9,
            },
          ],
          model_version: 'spacy-en-3.7',
        }),
      ]
    })
    const ls = new LabelStudioBackend({ url: server.url, labels, mapping: { PER: 'PERSON', LOC: 'GPE' } })
    expect(await ls.health()).toEqual({ status: 'UP', modelClass: 'SpacyNER' })
    const got = await ls.suggest({ id: 7, text })
    expect(got.map((s) => [text.slice(s.start, s.end), s.label, s.score])).toEqual([
      ['Kerry', 'PERSON', 0.9],
      ['Michel', 'PERSON', 0.75],
      ['Brussels', 'GPE', 0.9],
    ])
    expect(ls.dropped).toEqual({ badOffsets: 1, unknownLabel: 1, malformed: 1, notFound: 0 })
    expect(ls.version).toBe('spacy-en-3.7')
    const sent = server.received.find((r) => r.url === '/predict')!.body as { tasks: { id: number; data: { text: string } }[]; label_config: string; project: string }
    expect(sent.tasks).toEqual([{ id: 7, data: { text } }])
    // As Label Studio sends it: label-studio-ml-backend's /predict reads project and params too.
    expect(sent).toMatchObject({ project: 'spanwright', params: {} })
    expect(sent.label_config).toContain('<Label value="PERSON"/>')
    expect(sent.label_config).toContain('<Text name="text" value="$text"/>')
  })

  it('accepts the older top-level array of predictions', async () => {
    const server = await modelServer(() => [200, JSON.stringify([{ result: [value(cp('Brussels'), cp('Brussels') + 8, 'Brussels', 'GPE')], score: 0.5 }])])
    const got = await new LabelStudioBackend({ url: `${server.url}/`, labels }).suggest({ id: 1, text })
    expect(got.map((s) => [text.slice(s.start, s.end), s.score])).toEqual([['Brussels', 0.5]])
  })

  it('a server that answers 500 gives a plain message with what it said', async () => {
    const server = await modelServer(() => [500, '{"error":"CUDA out of memory"}'])
    await expect(new LabelStudioBackend({ url: server.url, labels }).suggest({ id: 1, text })).rejects.toThrow(
      `${server.url}/predict answered HTTP 500: "{\\"error\\":\\"CUDA out of memory\\"}"`,
    )
  })

  it('a server that answers wrong JSON, or not JSON at all, gives a plain message', async () => {
    const wrong = await modelServer(() => [200, '{"status":"ok"}'])
    await expect(new LabelStudioBackend({ url: wrong.url, labels }).suggest({ id: 1, text })).rejects.toThrow(/answered JSON without predictions/)
    const garbage = await modelServer(() => [200, '<html>proxy error</html>'])
    await expect(new LabelStudioBackend({ url: garbage.url, labels }).suggest({ id: 1, text })).rejects.toThrow(/answered something that is not JSON: "<html>proxy error<\/html>"/)
  })

  it('a server that never answers times out; a cancel stops the request at once', async () => {
    const server = await modelServer(() => 'hang')
    await expect(new LabelStudioBackend({ url: server.url, labels, timeoutMs: 300 }).suggest({ id: 1, text })).rejects.toThrow(/did not answer within 0\.3 s/)
    const stop = new AbortController()
    const pending = new LabelStudioBackend({ url: server.url, labels, timeoutMs: 60_000 }).suggest({ id: 1, text }, stop.signal)
    stop.abort()
    await expect(pending).rejects.toThrow(/was cancelled/)
  })

  it('a server that is down says so', async () => {
    const url = await downUrl()
    await expect(new LabelStudioBackend({ url, labels }).health()).rejects.toThrow(/is not reachable \(connection refused: is the server running\?\)/)
  })
})
