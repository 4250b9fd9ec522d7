import type { LabelType } from '../../../shared/domain/model'
import { recommenderName, RecommenderSettings } from '../../../shared/recommend/settings'
import type { RecommenderConfig, RecommenderKind } from '../../../shared/recommend/settings'

/**
 * The Recommenders screen's model, as plain functions (unit-tested in
 * test/unit/renderer/features/recommend/recommenderDraft.test.ts): one card per
 * kind of recommender, each editing the workspace's first configuration of
 * that kind (others of the same kind are kept as they are), and the plain
 * words for what is wrong with a draft before it is saved.
 */

export interface KindInfo {
  kind: RecommenderKind
  title: string
  blurb: string
}

export const KINDS: KindInfo[] = [
  { kind: 'string-matcher', title: 'String matcher', blurb: 'Learns from your spans and the gold layer as you annotate, and suggests the other occurrences of each labelled string (whole tokens, longest first).' },
  { kind: 'patterns', title: 'Patterns', blurb: 'spaCy EntityRuler / Prodigy pattern files (JSONL): phrase patterns and token patterns with ORTH, LOWER, IS_*, LIKE_NUM, IN and OP.' },
  { kind: 'english', title: 'English model', blurb: 'An offline English named-entity model (compromise, shipped with Spanwright: nothing is downloaded). Its labels are mapped to your schema below.' },
  { kind: 'ls-backend', title: 'Label Studio ML backend', blurb: 'Any label-studio-ml-backend server (spaCy, Flair, GLiNER, Hugging Face…): POST /predict and GET /health.' },
  { kind: 'openai', title: 'OpenAI-compatible chat', blurb: 'A chat endpoint such as Ollama, llama.cpp server or vLLM: asked for the spans of your schema\u2019s labels as JSON.' },
]

/**
 * The English model's own labels and where they go by default. Mirrors
 * DEFAULT_ENGLISH_MAPPING in src/main/services/recommend/englishModel.ts (the
 * renderer cannot import the main process; a unit test keeps the two equal).
 */
export const ENGLISH_DEFAULT_MAPPING: Record<string, string> = { PERSON: 'PERSON', ORG: 'ORG', PLACE: 'GPE', DATE: 'DATE' }

/** The configuration a card edits: the first of its kind, or a new switched-off one. */
export function configOf(settings: RecommenderSettings, kind: RecommenderKind): RecommenderConfig {
  return settings.recommenders.find((c) => c.kind === kind) ?? { kind, enabled: false }
}

/** The settings with the card's configuration changed (added when the workspace had none of that kind). */
export function withConfig(settings: RecommenderSettings, kind: RecommenderKind, patch: Partial<RecommenderConfig>): RecommenderSettings {
  const at = settings.recommenders.findIndex((c) => c.kind === kind)
  const next = { ...configOf(settings, kind), ...patch, kind }
  // An emptied field is absent, not '' (the schema refuses an empty URL).
  for (const k of ['file', 'url', 'model'] as const) if (next[k] === '') delete next[k]
  const recommenders = [...settings.recommenders]
  if (at < 0) recommenders.push(next)
  else recommenders[at] = next
  return { ...settings, recommenders }
}

/** The English model's mapping as the card shows it: every model label, mapped or dropped (''). */
export function englishMapping(c: RecommenderConfig): Record<string, string> {
  return { ...ENGLISH_DEFAULT_MAPPING, ...c.mapping }
}

/** A mapping target the schema lacks: the model's label would be dropped silently, so the card says so. */
export function unknownTargets(mapping: Record<string, string>, labels: readonly LabelType[]): string[] {
  const names = new Set(labels.filter((l) => l.kind === 'entity').map((l) => l.name))
  return Object.values(mapping).filter((v) => v !== '' && !names.has(v))
}

/** What keeps a draft from being saved, per card kind ('' for the threshold), in plain words; empty when it can be saved. */
export function draftProblems(settings: RecommenderSettings): { kind: RecommenderKind | ''; message: string }[] {
  const out: { kind: RecommenderKind | ''; message: string }[] = []
  for (const c of settings.recommenders) {
    if (!c.enabled) continue
    if (c.kind === 'patterns' && !c.file) out.push({ kind: c.kind, message: 'Give the pattern file (a .jsonl path) before switching patterns on.' })
    if ((c.kind === 'ls-backend' || c.kind === 'openai') && !c.url) out.push({ kind: c.kind, message: 'Give the server\u2019s URL before switching it on.' })
    if (c.kind === 'openai' && !c.model) out.push({ kind: c.kind, message: 'Give the model name (for example llama3.1) before switching it on.' })
  }
  const parsed = RecommenderSettings.safeParse(settings)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, index, field] = issue.path
      const kind = first === 'recommenders' && typeof index === 'number' ? (settings.recommenders[index]?.kind ?? '') : ''
      const what = field === 'url' ? 'The URL' : field === 'timeoutMs' ? 'The timeout' : first === 'threshold' ? 'The threshold' : String(field ?? first ?? 'A field')
      const message = field === 'url' ? 'The URL must start with http:// or https://.' : first === 'threshold' ? 'The threshold is an F1 between 0 and 1.' : `${what}: ${issue.message}`
      if (!out.some((p) => p.kind === kind && p.message === message)) out.push({ kind, message })
    }
  }
  return out
}

export { recommenderName }
