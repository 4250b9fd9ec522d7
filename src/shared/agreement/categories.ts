/**
 * Gives each category (a BIO tag, a label) a small integer code, so the
 * accumulators count with arrays instead of string-keyed maps.
 */
export class CategoryIndex {
  private readonly codes = new Map<string, number>()
  private readonly names: string[] = []

  code(name: string): number {
    let c = this.codes.get(name)
    if (c === undefined) {
      c = this.names.length
      this.codes.set(name, c)
      this.names.push(name)
    }
    return c
  }
  name(code: number): string {
    return this.names[code]
  }
  get size(): number {
    return this.names.length
  }
  all(): readonly string[] {
    return this.names
  }
}

/** Marks a value that is missing (an annotator who never opened the document). */
export const MISSING = -1
