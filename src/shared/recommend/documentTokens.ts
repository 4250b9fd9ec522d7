import { tokenize } from '../text/tokenizer'
import type { Token } from '../text/tokenizer'

/**
 * A document's tokens and, per token, its key as a continuation of a phrase:
 * the token's text, preceded by one space when whitespace separates it from the
 * previous token. A phrase's key sequence is then the same wherever it occurs,
 * whether the gap was a space, a line break or several spaces.
 */
export interface TokenizedText {
  text: string
  tokens: Token[]
  /** `joined[i]` = (gap before token i ? ' ' : '') + token i's text. */
  joined: string[]
}

export function tokenizeText(text: string): TokenizedText {
  const tokens = tokenize(text)
  const joined = tokens.map((t, i) => (i > 0 && t.start > tokens[i - 1].end ? ' ' : '') + t.text)
  return { text, tokens, joined }
}

/**
 * The last few documents' tokens: a document's text never changes after
 * import, so suggesting again (after each edit) does not tokenize it again.
 */
export class TokenCache {
  private readonly cache = new Map<string | number, TokenizedText>()
  constructor(private readonly size = 8) {}

  get(id: string | number, text: string): TokenizedText {
    const hit = this.cache.get(id)
    if (hit && hit.text === text) {
      this.cache.delete(id)
      this.cache.set(id, hit)
      return hit
    }
    const t = tokenizeText(text)
    this.cache.set(id, t)
    if (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value as string | number)
    return t
  }
}

const WORD = '[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+'
/** A few shapes whose tokens are plain to see: words of letters and digits between single spaces, the last one maybe with a clitic. */
const SIMPLE = new RegExp(`^${WORD}(?: ${WORD})*$`)
const WITH_CLITIC = new RegExp(`^(${WORD}(?: ${WORD})*?[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F])(n['’]t|['’](?:s|re|ll|ve|m|d))$`, 'i')

/** Phrases that took the tokenizer, remembered (names repeat: a layer labels the same string many times). */
const memo = new Map<string, string[]>()

/**
 * A phrase's keys (see TokenizedText.joined), the first without a gap. The
 * commonest shapes skip the tokenizer: ICU keeps a run of Latin letters and
 * digits as one word, so splitting at single spaces gives the same tokens, and
 * the tokenizer splits a final clitic (`'s`, `n't`) off its word with no gap.
 */
export function phraseKeys(phrase: string): string[] {
  if (SIMPLE.test(phrase)) {
    const words = phrase.split(' ')
    for (let i = 1; i < words.length; i++) words[i] = ' ' + words[i]
    return words
  }
  const clitic = WITH_CLITIC.exec(phrase)
  if (clitic) return [...phraseKeys(clitic[1]), clitic[2]]
  let keys = memo.get(phrase)
  if (!keys) {
    keys = tokenizeText(phrase).joined
    if (memo.size >= 100_000) memo.clear()
    memo.set(phrase, keys)
  }
  return keys
}
