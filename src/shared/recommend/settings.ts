import { z } from 'zod'

/** Where an accepted span came from: which recommender proposed it, how sure it was, and which model version. */
export const SuggestionProvenance = z.strictObject({
  recommender: z.string().min(1).max(500),
  score: z.number().min(0).max(1),
  version: z.string().max(200).nullable(),
})
export type SuggestionProvenance = z.infer<typeof SuggestionProvenance>

export const RecommenderKind = z.enum(['string-matcher', 'patterns', 'english', 'ls-backend', 'openai'])
export type RecommenderKind = z.infer<typeof RecommenderKind>

const Url = z
  .string()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'a URL starting with http:// or https://')

/** One configured recommender of a workspace. */
export const RecommenderConfig = z.strictObject({
  kind: RecommenderKind,
  enabled: z.boolean(),
  /** patterns: the pattern file (JSONL). */
  file: z.string().max(4000).optional(),
  /** ls-backend, openai: the server's base URL. */
  url: Url.optional(),
  /** openai: the model name (`llama3.1`, …). */
  model: z.string().max(200).optional(),
  /** english (and model servers): the model's label → the schema's label; a label mapped to '' is dropped. */
  mapping: z.record(z.string().max(64), z.string().max(64)).optional(),
  /** Milliseconds before a remote recommender gives up. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
})
export type RecommenderConfig = z.infer<typeof RecommenderConfig>

export const RecommenderSettings = z.strictObject({
  recommenders: z.array(RecommenderConfig).max(20),
  /** A recommender whose last evaluated F1 is below this is not asked (0 = always asked). */
  threshold: z.number().min(0).max(1),
})
export type RecommenderSettings = z.infer<typeof RecommenderSettings>

/** A new workspace: the string matcher on, nothing else configured. */
export const DEFAULT_RECOMMENDER_SETTINGS: RecommenderSettings = {
  recommenders: [{ kind: 'string-matcher', enabled: true }],
  threshold: 0,
}

/** The name a recommender's suggestions carry (`patterns:FILE`, `openai:URL`, …), as the CLI spells it. */
export function recommenderName(c: RecommenderConfig): string {
  switch (c.kind) {
    case 'patterns':
      return `patterns:${c.file ?? ''}`
    case 'ls-backend':
    case 'openai':
      return `${c.kind}:${c.url ?? ''}`
    default:
      return c.kind
  }
}
