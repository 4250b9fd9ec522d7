import { describe, expect, it } from 'vitest'
import { chatPrompt, OpenAiChat } from '../../../../../src/main/services/recommend/openAiChat'
import { downUrl, modelServer } from '../../../../helpers/modelServer'

const labels = ['PERSON', 'GPE', 'ORG']
const completion = (content: string) => JSON.stringify({ id: 'x', model: 'llama3.1:8b', choices: [{ index: 0, message: { role: 'assistant', content } }] })

describe('OpenAI-compatible chat protocol', () => {
  it('prompts with the schema, finds each item by exact search on whole tokens, drops and counts the rest', async () => {
    const text = 'Kerry met Michel in Paris. Parisian Kerry left.'
    const server = await modelServer(() => [
      200,
      completion(
        '```json\n' +
          JSON.stringify({
            entities: [
              { text: 'Kerry', label: 'PERSON' },
              { text: 'Paris', label: 'LOC' }, // mapped to GPE; not inside "Parisian"
              { text: 'Michel', label: 'PERSON' },
              { text: 'Obama', label: 'PERSON' }, // not in the text
              { text: 'left', label: 'VERB' }, // not a schema label
              { label: 'ORG' }, // malformed
            ],
          }) +
          '\n```',
      ),
    ])
    const chat = new OpenAiChat({ url: server.url, model: 'llama3.1:8b', labels, mapping: { LOC: 'GPE' } })
    const got = await chat.suggest({ id: 1, text })
    expect(got.map((s) => [s.start, text.slice(s.start, s.end), s.label])).toEqual([
      [0, 'Kerry', 'PERSON'],
      [10, 'Michel', 'PERSON'],
      [20, 'Paris', 'GPE'],
      [36, 'Kerry', 'PERSON'],
    ])
    expect(chat.dropped).toEqual({ notFound: 1, unknownLabel: 1, malformed: 1, badOffsets: 0 })
    expect(chat.version).toBe('llama3.1:8b')
    const [req] = server.received
    expect(req.url).toBe('/v1/chat/completions')
    const body = req.body as { model: string; messages: { role: string; content: string }[] }
    expect(body.model).toBe('llama3.1:8b')
    expect(body.messages[0].content).toBe(chatPrompt(labels))
    expect(body.messages[0].content).toContain('- PERSON')
    expect(body.messages[1].content).toBe(text)
  })

  it('sends a long document in pieces cut at line breaks and keeps offsets exact', async () => {
    const text = `${'Filler words here.\n'.repeat(5)}😀 Kerry in Oslo.\n${'More filler.\n'.repeat(5)}Oslo again.`
    const server = await modelServer((r) => {
      const user = (r.body as { messages: { content: string }[] }).messages[1].content
      const items = ['Kerry', 'Oslo'].filter((w) => user.includes(w)).map((w) => ({ text: w, label: w === 'Oslo' ? 'GPE' : 'PERSON' }))
      return [200, completion(JSON.stringify({ entities: items }))]
    })
    const got = await new OpenAiChat({ url: `${server.url}/v1`, model: 'm', labels, chunkChars: 60 }).suggest({ id: 1, text })
    expect(server.received.length).toBeGreaterThan(2)
    expect(got.map((s) => text.slice(s.start, s.end))).toEqual(['Kerry', 'Oslo', 'Oslo'])
    expect(got.map((s) => s.start)).toEqual([text.indexOf('Kerry'), text.indexOf('Oslo'), text.lastIndexOf('Oslo')])
  })

  it('a reasoning model’s <think> block before the JSON is skipped', async () => {
    const server = await modelServer(() => [200, completion('<think>\nKerry is a person {not json}.\n</think>\n{"entities":[{"text":"Kerry","label":"PERSON"}]}')])
    const got = await new OpenAiChat({ url: server.url, model: 'qwen3', labels }).suggest({ id: 1, text: 'Kerry spoke.' })
    expect(got.map((s) => [s.start, s.end, s.label])).toEqual([[0, 5, 'PERSON']])
  })

  it('a server that answers 500 gives a plain message', async () => {
    const server = await modelServer(() => [500, 'model "llama9" not found'])
    await expect(new OpenAiChat({ url: server.url, model: 'llama9', labels }).suggest({ id: 1, text: 'x' })).rejects.toThrow(
      /\/v1\/chat\/completions answered HTTP 500: "model \\"llama9\\" not found"/,
    )
  })

  it('wrong JSON: not a completion, or a model that did not answer JSON', async () => {
    const notCompletion = await modelServer(() => [200, '{"error": null}'])
    await expect(new OpenAiChat({ url: notCompletion.url, model: 'm', labels }).suggest({ id: 1, text: 'x' })).rejects.toThrow(/not a chat completion/)
    const prose = await modelServer(() => [200, completion('Sure! Kerry is a PERSON.')])
    await expect(new OpenAiChat({ url: prose.url, model: 'm', labels }).suggest({ id: 1, text: 'Kerry' })).rejects.toThrow(/did not answer the JSON asked for/)
    const garbage = await modelServer(() => [200, 'not json'])
    await expect(new OpenAiChat({ url: garbage.url, model: 'm', labels }).suggest({ id: 1, text: 'x' })).rejects.toThrow(/not JSON/)
  })

  it('a server that never answers times out, a cancel stops it, a down one says so', async () => {
    const server = await modelServer(() => 'hang')
    await expect(new OpenAiChat({ url: server.url, model: 'm', labels, timeoutMs: 300 }).suggest({ id: 1, text: 'x' })).rejects.toThrow(/did not answer within 0\.3 s/)
    const stop = new AbortController()
    const pending = new OpenAiChat({ url: server.url, model: 'm', labels }).suggest({ id: 1, text: 'x' }, stop.signal)
    setTimeout(() => stop.abort(), 20)
    await expect(pending).rejects.toThrow(/cancelled/)
    await expect(new OpenAiChat({ url: await downUrl(), model: 'm', labels }).suggest({ id: 1, text: 'x' })).rejects.toThrow(/not reachable/)
  })

  it('adds /v1/chat/completions to the URL unless it is given: the server, …/v1 (the app card\'s Ollama example) or the whole endpoint', () => {
    // The README: "`/v1/chat/completions` is added to the URL unless it is given".
    const at = (url: string) => new OpenAiChat({ url, model: 'm', labels }).endpoint
    expect(at('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1/chat/completions')
    expect(at('http://127.0.0.1:11434/')).toBe('http://127.0.0.1:11434/v1/chat/completions')
    expect(at('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434/v1/chat/completions')
    expect(at('http://127.0.0.1:8000/v1/chat/completions')).toBe('http://127.0.0.1:8000/v1/chat/completions')
  })
})
