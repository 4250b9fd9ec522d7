import fs from 'node:fs'
import { AppError } from '../../../shared/api/errors'
import { decodeText } from '../../../shared/formats/decodeText'
import { RecordError } from '../../../shared/formats/importRecord'
import { PatternMatcher } from '../../../shared/recommend/patternMatcher'
import type { AsyncRecommender, Recommender } from '../../../shared/recommend/recommender'
import { recommenderName } from '../../../shared/recommend/settings'
import type { RecommenderConfig } from '../../../shared/recommend/settings'
import type { Store } from '../../store/store'
import { LabelStudioBackend } from './labelStudioBackend'
import { learningMatcherOf } from './learningMatcher'
import { OpenAiChat } from './openAiChat'

export type AnyRecommender = (Recommender & { version?: string | null }) | (AsyncRecommender & { dropped?: unknown })

/**
 * A recommender from its configuration. The string matcher is the annotator's
 * own, learned from their layer and the gold layer; a pattern file is read and
 * checked here (a bad line refuses it, naming the line).
 */
export async function buildRecommender(store: Store, c: RecommenderConfig, annotator: string): Promise<AnyRecommender> {
  const entityLabels = store.labels.list().filter((l) => l.kind === 'entity')
  const labels = entityLabels.map((l) => l.name)
  switch (c.kind) {
    case 'string-matcher':
      return learningMatcherOf(store, annotator)
    case 'patterns': {
      const file = c.file ?? ''
      let text: string
      try {
        // Strictly: read with 'utf8', a Latin-1 or UTF-16 file turned into U+FFFD and patterns that never match, silently.
        text = decodeText(fs.readFileSync(file), { hint: 'save the pattern file as UTF-8' })
      } catch (e) {
        if (e instanceof RecordError) throw new AppError('invalid_input', `${file}${e.place ? '' : `:${e.line}`}: ${e.message}`)
        throw new AppError('invalid_input', `${file}: cannot read the pattern file (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message})`)
      }
      try {
        return PatternMatcher.fromFile(recommenderName(c), file, text)
      } catch (e) {
        throw new AppError('invalid_input', (e as Error).message)
      }
    }
    case 'english': {
      // The model's lexicon takes a few hundred ms to load: only when it is asked for, not at every start.
      const { DEFAULT_ENGLISH_MAPPING, EnglishModel } = await import('./englishModel')
      return new EnglishModel(labels, c.mapping ?? DEFAULT_ENGLISH_MAPPING)
    }
    case 'ls-backend':
      return new LabelStudioBackend({ url: c.url ?? '', labels, mapping: c.mapping, timeoutMs: c.timeoutMs })
    case 'openai':
      return new OpenAiChat({
        url: c.url ?? '',
        model: c.model ?? '',
        labels,
        mapping: c.mapping,
        timeoutMs: c.timeoutMs,
        descriptions: Object.fromEntries(entityLabels.map((l) => [l.name, l.description])),
      })
  }
}

/** `string-matcher`, `patterns:FILE`, `english`, `ls-backend:URL`, `openai:URL` (the CLI's --recommender) as a configuration. */
export function parseRecommenderSpec(spec: string, model?: string): RecommenderConfig {
  const colon = spec.indexOf(':')
  const kind = colon < 0 ? spec : spec.slice(0, colon)
  const arg = colon < 0 ? '' : spec.slice(colon + 1)
  const need = (what: string) => {
    if (!arg) throw new AppError('bad_request', `--recommender ${kind} needs ${what}: ${kind}:${what.toUpperCase()}`)
    return arg
  }
  const url = (u: string) => {
    if (!/^https?:\/\//i.test(u) || !URL.canParse(u)) throw new AppError('bad_request', `--recommender ${kind}: ${JSON.stringify(u)} is not an http:// or https:// URL`)
    return u
  }
  switch (kind) {
    case 'string-matcher':
    case 'english':
      if (arg) throw new AppError('bad_request', `--recommender ${kind} takes nothing after it`)
      return { kind, enabled: true }
    case 'patterns':
      return { kind, enabled: true, file: need('file') }
    case 'ls-backend':
      return { kind, enabled: true, url: url(need('url')) }
    case 'openai':
      if (!model) throw new AppError('bad_request', '--recommender openai:URL needs --model NAME (the model the server runs, e.g. llama3.1)')
      return { kind, enabled: true, url: url(need('url')), model }
    default:
      throw new AppError('bad_request', `unknown recommender ${JSON.stringify(spec)}: use string-matcher, patterns:FILE, english, ls-backend:URL or openai:URL`)
  }
}
