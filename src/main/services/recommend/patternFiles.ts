import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { PatternMatcher } from '../../../shared/recommend/patternMatcher'
import type { Store } from '../../store/store'

/** A file name that stays inside the patterns folder: no folders, only plain characters, ending in .jsonl. */
export function patternFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/')).normalize('NFC')
  const plain = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '').slice(0, 120)
  const stem = plain.replace(/\.jsonl$/i, '') || 'patterns'
  return `${stem}.jsonl`
}

/**
 * Keeps a pattern file that was uploaded or pasted (the renderer has no path
 * to give) in the `patterns` folder beside the workspace file, where the
 * patterns recommender then reads it. The text is checked first as the
 * recommender will read it: a bad line refuses it with every line number and
 * reason, and nothing is written. Written whole or not at all (temp + rename).
 */
export function savePatternFile(store: Store, name: string, text: string): { file: string; patterns: number } {
  const fileName = patternFileName(name)
  let matcher: PatternMatcher
  try {
    matcher = PatternMatcher.fromFile(`patterns:${fileName}`, fileName, text)
  } catch (e) {
    throw new AppError('invalid_input', (e as Error).message)
  }
  if (!matcher.patterns.length) throw new AppError('invalid_input', `${fileName}: no patterns in it (one JSON object per line, like {"label":"ORG","pattern":"Islamic State"})`)
  const dir = path.join(path.dirname(path.resolve(store.file)), 'patterns')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, fileName)
  const temp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temp, text.endsWith('\n') || !text ? text : `${text}\n`)
  fs.renameSync(temp, file)
  return { file, patterns: matcher.patterns.length }
}
