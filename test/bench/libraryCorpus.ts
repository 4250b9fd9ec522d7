// A generated corpus for the library benchmark: short news-like documents
// (about 60 words each), 10 spans each in alice's layer, statuses, a second
// annotator on 5% and a gold layer on 1%. Written straight into a workspace
// with bare statements in large transactions (the FTS triggers keep the
// index as they would on import), and cached in the temp folder between runs.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { installSchema } from '../../src/main/services/seed/seedWorkspace'
import { openStore } from '../../src/main/store/store'
import { seeded } from './benchUtil'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const SCHEMA = path.join(ROOT, 'resources', 'schema', 'news.json')
/** Bump when the generated content changes, so a stale cache is not reused. */
const VERSION = 5

/** A rare word (in 1 document of 1,000) and a common one (in 1 of 20) for the search figures. */
export const RARE_WORD = 'zeebrugge'
export const COMMON_WORD = 'harbour'
/**
 * One document in 20 is Japanese (no spaces between words): a two-character word in 1 of 40 documents, one character
 * in all of those, and a rare word (in 1 of 20,000), for the search in scripts without spaces (migration 22).
 */
export const CJK_COMMON_WORD = '東京'
export const CJK_CHARACTER = '京'
export const CJK_RARE_WORD = '港湾局'
const KANA = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ'
const KANJI = '日本人大学国会議員市長警察府県町村新聞記者社会経済政治文化外交首相選挙予算法案事件被害地震台風空路鉄道駅前'

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vel', 'dor', 'pi', 'sun', 'gar', 'bel', 'ost', 'na', 'rik', 'fe', 'ul']
const COMMON = ['the', 'said', 'on', 'of', 'and', 'in', 'a', 'to', 'minister', 'police', 'city', 'council', 'report', 'week', 'people', 'government']

function vocabulary(rand: () => number, n: number): string[] {
  const words = new Set<string>()
  while (words.size < n) {
    let w = ''
    const k = 2 + Math.floor(rand() * 3)
    for (let i = 0; i < k; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]
    words.add(w)
  }
  return [...words]
}

/** A Japanese-looking document: runs of kanji and kana without spaces, sentences ended by 。 */
function japaneseText(i: number, rand: () => number): { title: string; text: string } {
  const word = () => {
    const pool = rand() < 0.5 ? KANJI : KANA
    let w = ''
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) w += pool[Math.floor(rand() * pool.length)]
    return w
  }
  const title = `${word()}${word()}${word()} ${i}`
  const words: string[] = []
  for (let w = 0; w < 40; w++) words.push(w % 8 === 7 ? `${word()}。` : word())
  if (i % 40 === 11) words.splice(10, 0, CJK_COMMON_WORD)
  if (i % 20_000 === 11) words.splice(20, 0, CJK_RARE_WORD)
  return { title, text: `${title}\n\n${words.join('')}` }
}

export function documentText(i: number, rand: () => number, vocab: string[]): { title: string; text: string } {
  if (i % 20 === 11) return japaneseText(i, rand)
  const pick = () => (rand() < 0.45 ? COMMON[Math.floor(rand() * COMMON.length)] : vocab[Math.floor(rand() * vocab.length)])
  const title = `${pick()[0].toUpperCase()}${pick().slice(1)} ${pick()} ${pick()} ${i}`
  const words: string[] = []
  for (let w = 0; w < 60; w++) words.push(pick())
  if (i % 1000 === 7) words.splice(20, 0, 'Zeebrugge')
  if (i % 20 === 3) words.splice(30, 0, 'harbour')
  return { title, text: `${title}\n\n${words.join(' ')}.` }
}

/** The workspace file for `n` documents, generated once and then reused. */
export function libraryCorpus(n: number, log: (s: string) => void = () => {}): string {
  const file = path.join(os.tmpdir(), `spanwright-bench-library-v${VERSION}-${n}.spanwright`)
  if (fs.existsSync(file) && fs.existsSync(`${file}.complete`)) return file
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  const t0 = performance.now()
  const store = openStore(file, { rollingBackups: false })
  installSchema(store, SCHEMA)
  const db = store.db
  db.pragma('synchronous = OFF') // generation only: a crash here just means generating again
  const labels = store.labels.list().filter((l) => l.kind === 'entity').map((l) => l.id)
  const alice = store.annotators.ensure('alice').id
  const bob = store.annotators.ensure('bob').id
  const gold = store.annotators.ensure('gold', 'gold').id
  const insDoc = db.prepare("INSERT INTO documents (id, external_id, title, text, text_hash, meta, created_at) VALUES (?, ?, ?, ?, ?, '{}', ?)")
  const insSpan = db.prepare('INSERT INTO spans (document_id, annotator_id, label_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const insStatus = db.prepare('INSERT INTO document_status (document_id, annotator_id, status, updated_at) VALUES (?, ?, ?, ?)')
  const rand = seeded(20261206)
  const vocab = vocabulary(rand, 20_000)
  const now = new Date().toISOString()
  const BATCH = 20_000
  for (let start = 0; start < n; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(n, start + BATCH); i++) {
        const id = i + 1
        const { title, text } = documentText(i, rand, vocab)
        insDoc.run(id, `news-${String(i).padStart(7, '0')}`, title, text, `h${i}`, now)
        const body = title.length + 2
        // 30 characters apart, closer in a Japanese document (shorter), so every span lies inside its text.
        const step = Math.min(30, Math.floor((text.length - body - 5) / 10))
        for (let s = 0; s < 10; s++) {
          const at = body + s * step
          insSpan.run(id, alice, labels[(i + s) % labels.length], at, at + 5, now)
        }
        if (i % 10 === 0) insStatus.run(id, alice, 'done', now)
        else if (i % 5 === 1) insStatus.run(id, alice, 'in_progress', now)
        if (i % 20 === 0) insSpan.run(id, bob, labels[0], body, body + 5, now)
        if (i % 100 === 0) insSpan.run(id, gold, labels[0], body, body + 5, now)
      }
    })()
    if (start % 200_000 === 0) log(`generated ${start + BATCH} of ${n} documents (${Math.round((performance.now() - t0) / 1000)} s)`)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  store.close()
  fs.writeFileSync(`${file}.complete`, String(Math.round(performance.now() - t0)))
  log(`generated ${n} documents in ${Math.round((performance.now() - t0) / 1000)} s: ${file}`)
  return file
}
