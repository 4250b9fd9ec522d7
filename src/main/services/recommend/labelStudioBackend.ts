import { AppError } from '../../../shared/api/errors'
import { evaluateAsync } from '../../../shared/recommend/evaluation'
import { locateOffsets } from '../../../shared/recommend/offsetUnits'
import type { AsyncRecommender, Evaluation, Fold, RecommenderDocument, Suggestion } from '../../../shared/recommend/recommender'
import { OffsetConverter } from '../../../shared/text/offsets'
import { mapLabel, noneDropped } from './dropped'
import type { Dropped } from './dropped'
import { joinUrl, requestJson } from './httpJson'

export interface RemoteOptions {
  url: string
  /** The schema's entity labels: what suggestions may carry. */
  labels: readonly string[]
  mapping?: Record<string, string>
  timeoutMs?: number
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The Label Studio labeling config a backend expects for span labels over a text. */
export function labelConfig(labels: readonly string[]): string {
  return `<View><Labels name="label" toName="text">${labels.map((l) => `<Label value="${escapeXml(l)}"/>`).join('')}</Labels><Text name="text" value="$text"/></View>`
}

interface Prediction {
  result?: unknown
  score?: unknown
  model_version?: unknown
}

/** The predictions of a /predict reply: `{"results": [...]}` (current), a top-level array (older backends), or `{"predictions": [...]}`. */
function predictionsOf(reply: unknown): Prediction[] | null {
  if (Array.isArray(reply)) return reply as Prediction[]
  if (reply && typeof reply === 'object') {
    const r = reply as Record<string, unknown>
    if (Array.isArray(r.results)) return r.results as Prediction[]
    if (Array.isArray(r.predictions)) return r.predictions as Prediction[]
  }
  return null
}

/**
 * A Label Studio ML backend (the `label-studio-ml-backend` protocol, which
 * spaCy, Flair, GLiNER and Hugging Face backends speak): POST /predict with one
 * task, GET /health. Offsets are read in whichever unit matches the span's
 * `text` (see locateOffsets); suggestions that fit neither, or carry a label the
 * schema lacks, are dropped and counted in `dropped`.
 */
export class LabelStudioBackend implements AsyncRecommender {
  readonly learns = false
  readonly name: string
  version: string | null = null
  dropped: Dropped = noneDropped()
  private readonly schema: Set<string>

  constructor(private readonly opts: RemoteOptions) {
    this.name = `ls-backend:${opts.url}`
    this.schema = new Set(opts.labels)
  }

  private get timeoutMs(): number {
    return this.opts.timeoutMs ?? 30_000
  }

  /** GET /health: the server's status (`UP`) and model class, or a plain error. */
  async health(signal?: AbortSignal): Promise<{ status: string; modelClass: string | null }> {
    const reply = (await requestJson(joinUrl(this.opts.url, 'health'), { method: 'GET' }, { timeoutMs: Math.min(this.timeoutMs, 10_000), signal })) as Record<string, unknown> | null
    return { status: String(reply?.status ?? 'unknown'), modelClass: typeof reply?.model_class === 'string' ? reply.model_class : null }
  }

  async suggest(doc: RecommenderDocument, signal?: AbortSignal): Promise<Suggestion[]> {
    // `project` and `params` as Label Studio sends them: label-studio-ml-backend's /predict reads both (a model per project).
    const body = {
      tasks: [{ id: typeof doc.id === 'number' ? doc.id : 1, data: { text: doc.text } }],
      label_config: labelConfig(this.opts.labels),
      project: 'spanwright',
      params: {},
    }
    const reply = await requestJson(joinUrl(this.opts.url, 'predict'), { method: 'POST', body }, { timeoutMs: this.timeoutMs, signal })
    const predictions = predictionsOf(reply)
    if (!predictions) throw new AppError('unavailable', `${joinUrl(this.opts.url, 'predict')} answered JSON without predictions (expected {"results": [...]}): ${JSON.stringify(reply).slice(0, 200)}`)
    const top = reply && typeof reply === 'object' && !Array.isArray(reply) ? (reply as Record<string, unknown>).model_version : undefined
    const first = predictions[0]
    // A reply with the outer shape but not the inner one is a fault to name, not a model that found nothing.
    const where = joinUrl(this.opts.url, 'predict')
    if (first !== undefined && (first === null || typeof first !== 'object' || Array.isArray(first))) {
      throw new AppError('unavailable', `${where} answered a prediction that is not an object: ${JSON.stringify(first).slice(0, 200)}`)
    }
    if (first && first.result !== undefined && first.result !== null && !Array.isArray(first.result)) {
      throw new AppError('unavailable', `${where} answered a prediction whose "result" is not a list: ${JSON.stringify(first).slice(0, 200)}`)
    }
    this.version = typeof top === 'string' ? top : typeof first?.model_version === 'string' ? first.model_version : this.version
    const conv = new OffsetConverter(doc.text)
    const dropped = noneDropped()
    const out: Suggestion[] = []
    // One task was sent, so the first prediction is its answer.
    const items = first && Array.isArray(first.result) ? (first.result as unknown[]) : []
    const predScore = typeof first?.score === 'number' ? first.score : null
    for (const item of items) {
      const value = (item as { value?: Record<string, unknown> } | null)?.value
      const labels = value?.labels
      if (!value || !Array.isArray(labels) || !labels.length) {
        dropped.malformed++
        continue
      }
      const at = locateOffsets(conv, value.start, value.end, value.text)
      if (!at) {
        dropped.badOffsets++
        continue
      }
      const label = mapLabel(labels[0], this.opts.mapping, this.schema)
      if (!label) {
        dropped.unknownLabel++
        continue
      }
      const own = (item as { score?: unknown }).score
      const score = typeof own === 'number' ? own : (predScore ?? 1)
      out.push({ start: at.start, end: at.end, label, score: Math.min(1, Math.max(0, score)), recommender: this.name })
    }
    this.dropped = dropped
    return out
  }

  evaluate(folds: readonly Fold[], signal?: AbortSignal): Promise<Evaluation> {
    return evaluateAsync({ name: this.name, suggest: (d, s) => this.suggest(d, s) }, folds, signal)
  }
}
