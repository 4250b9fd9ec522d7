import { AppError } from '../../../shared/api/errors'
import { tokenizeText } from '../../../shared/recommend/documentTokens'
import { evaluateAsync } from '../../../shared/recommend/evaluation'
import type { AsyncRecommender, Evaluation, Fold, RecommenderDocument, Suggestion } from '../../../shared/recommend/recommender'
import { mapLabel, noneDropped } from './dropped'
import type { Dropped } from './dropped'
import { joinUrl, requestJson } from './httpJson'
import type { RemoteOptions } from './labelStudioBackend'

export interface ChatOptions extends RemoteOptions {
  model: string
  /** Label descriptions from the schema, to help the model. */
  descriptions?: Record<string, string>
  /** Longest piece of text sent in one request (characters); longer documents go in pieces cut at line breaks. */
  chunkChars?: number
  apiKey?: string
}

/** Every model's suggestions carry this score: a chat model gives none of its own. */
export const CHAT_SCORE = 0.5

/** The prompt: the schema's labels, and the reply's exact JSON shape. */
export function chatPrompt(labels: readonly string[], descriptions: Record<string, string> = {}): string {
  const list = labels.map((l) => `- ${l}${descriptions[l] ? `: ${descriptions[l]}` : ''}`).join('\n')
  return [
    'You annotate named entities in the text the user sends.',
    `Use only these labels:\n${list}`,
    'Answer with JSON only, exactly of this shape: {"entities": [{"text": "...", "label": "..."}]}',
    'Each "text" must be copied character for character from the text, one item per distinct entity string. If there are none, answer {"entities": []}.',
  ].join('\n\n')
}

/** Pieces of at most `max` characters, cut after a line break where possible, with their offsets. */
function pieces(text: string, max: number): { base: number; text: string }[] {
  const out: { base: number; text: string }[] = []
  let at = 0
  while (at < text.length) {
    let end = Math.min(text.length, at + max)
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end)
      if (nl > at) end = nl + 1
      else if (/[\uDC00-\uDFFF]/.test(text[end])) end-- // never cut a surrogate pair
    }
    out.push({ base: at, text: text.slice(at, end) })
    at = end
  }
  return out
}

/** The items of a reply's content: a JSON object with an array (`entities`, `items`, …), or a bare array; code fences and a leading <think> block allowed. */
function itemsOf(content: string): unknown[] | null {
  // Reasoning models (DeepSeek-R1, Qwen3 through Ollama) put their thinking first, in <think> tags.
  const bare = content
    .replace(/^\s*<think>[\s\S]*?<\/think>/i, '')
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '')
  let parsed: unknown
  try {
    parsed = JSON.parse(bare)
  } catch {
    return null
  }
  if (Array.isArray(parsed)) return parsed
  if (parsed && typeof parsed === 'object') {
    for (const v of Object.values(parsed)) if (Array.isArray(v)) return v
  }
  return null
}

/** Where the text's tokens start and end (the shared tokenizer's): an item is found only on whole tokens. */
function tokenEdges(text: string): { starts: Set<number>; ends: Set<number> } {
  const { tokens } = tokenizeText(text)
  return { starts: new Set(tokens.map((t) => t.start)), ends: new Set(tokens.map((t) => t.end)) }
}

/**
 * An OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM, …): the
 * schema becomes the prompt, the model answers `{text, label}` items, and each
 * item is located in the document by exact string search (every occurrence on
 * whole tokens of the shared tokenizer, as the string matcher matches). Items
 * not found, with a label the schema lacks, or of the wrong shape are dropped
 * and counted.
 */
export class OpenAiChat implements AsyncRecommender {
  readonly learns = false
  readonly name: string
  version: string | null = null
  dropped: Dropped = noneDropped()
  private readonly schema: Set<string>

  constructor(private readonly opts: ChatOptions) {
    this.name = `openai:${opts.url}`
    this.schema = new Set(opts.labels)
  }

  /** `…/v1/chat/completions` whether the URL given ends in /v1 or not. */
  get endpoint(): string {
    const base = this.opts.url.replace(/\/+$/, '')
    if (/\/chat\/completions$/.test(base)) return base
    return joinUrl(/\/v1$/.test(base) ? base : joinUrl(base, 'v1'), 'chat/completions')
  }

  private async ask(text: string, signal?: AbortSignal): Promise<unknown[]> {
    const body = {
      model: this.opts.model,
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: chatPrompt(this.opts.labels, this.opts.descriptions) },
        { role: 'user', content: text },
      ],
    }
    const headers = this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : undefined
    const reply = (await requestJson(this.endpoint, { method: 'POST', body, headers }, { timeoutMs: this.opts.timeoutMs ?? 120_000, signal })) as Record<string, unknown> | null
    const content = (reply?.choices as { message?: { content?: unknown } }[] | undefined)?.[0]?.message?.content
    if (typeof content !== 'string') throw new AppError('unavailable', `${this.endpoint} answered JSON that is not a chat completion (no choices[0].message.content)`)
    if (typeof reply?.model === 'string') this.version = reply.model
    const items = itemsOf(content)
    if (!items) throw new AppError('unavailable', `the model at ${this.endpoint} did not answer the JSON asked for: ${JSON.stringify(content.slice(0, 200))}`)
    return items
  }

  async suggest(doc: RecommenderDocument, signal?: AbortSignal): Promise<Suggestion[]> {
    const dropped = noneDropped()
    const found = new Map<string, Suggestion>()
    for (const piece of pieces(doc.text, this.opts.chunkChars ?? 6000)) {
      const items = await this.ask(piece.text, signal)
      const edges = tokenEdges(piece.text)
      for (const item of items) {
        const { text, label } = (item ?? {}) as { text?: unknown; label?: unknown }
        if (typeof text !== 'string' || !text.trim() || typeof label !== 'string') {
          dropped.malformed++
          continue
        }
        const mapped = mapLabel(label, this.opts.mapping, this.schema)
        if (!mapped) {
          dropped.unknownLabel++
          continue
        }
        let hits = 0
        for (let i = piece.text.indexOf(text); i >= 0; i = piece.text.indexOf(text, i + text.length)) {
          if (!edges.starts.has(i) || !edges.ends.has(i + text.length)) continue
          hits++
          const start = piece.base + i
          found.set(`${start}:${start + text.length}:${mapped}`, { start, end: start + text.length, label: mapped, score: CHAT_SCORE, recommender: this.name })
        }
        if (!hits) dropped.notFound++
      }
    }
    this.dropped = dropped
    return [...found.values()].sort((a, b) => a.start - b.start || a.end - b.end)
  }

  evaluate(folds: readonly Fold[], signal?: AbortSignal): Promise<Evaluation> {
    return evaluateAsync({ name: this.name, suggest: (d, s) => this.suggest(d, s) }, folds, signal)
  }
}
