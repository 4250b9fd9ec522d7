import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/api/errors'
import { makeFolder } from '../../store/makeFolder'

const FLUSH_CHARS = 1 << 20

/**
 * An export's files, each written to `FILE.partial-<pid>` and renamed into place only when every one is written: a
 * `--split` export is all or nothing, so a cancel or a failure on its second part leaves no part behind (it kept the
 * first, renamed as soon as it was written). The CLI's forced stop removes the same `.partial-<pid>` names
 * (bin/jobThread.mjs removePartials).
 */
export class StagedFiles {
  private readonly staged: { tmp: string; file: string }[] = []
  /** Files of an earlier export to remove when this one is committed (an empty hf split writes no file). */
  private readonly drops: string[] = []

  /**
   * Writes `file`'s temp through a buffer and fsyncs it; removes it on failure, or when `body` answers false
   * (nothing to keep). Answers whether the file will be written.
   */
  async write(file: string, body: (write: (s: string | Uint8Array) => void) => Promise<void | boolean>): Promise<boolean> {
    // A folder named as a file export's --out: the rename at the end would fail after the whole export was written.
    if (/[\\/]$/.test(file) || fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw new AppError('bad_request', `${file} is a folder, and this format writes one file: give --out a file name (inside it, say)`)
    }
    makeFolder(path.dirname(path.resolve(file)))
    const tmp = `${file}.partial-${process.pid}`
    const fd = fs.openSync(tmp, 'w')
    let buf = ''
    let keep: void | boolean
    try {
      keep = await body((s) => {
        if (typeof s !== 'string') {
          if (buf) fs.writeSync(fd, buf)
          buf = ''
          fs.writeSync(fd, s)
          return
        }
        buf += s
        if (buf.length >= FLUSH_CHARS) {
          fs.writeSync(fd, buf)
          buf = ''
        }
      })
      if (buf) fs.writeSync(fd, buf)
      fs.fsyncSync(fd)
      fs.closeSync(fd)
    } catch (e) {
      fs.closeSync(fd)
      fs.rmSync(tmp, { force: true })
      throw e
    }
    if (keep === false) {
      fs.rmSync(tmp, { force: true })
      return false
    }
    this.staged.push({ tmp, file })
    return true
  }

  /** Removes `file` (left by an earlier export) when this export is committed; answers whether there is one. */
  drop(file: string): boolean {
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return false
    this.drops.push(file)
    return true
  }

  /** Removes every temp written (a cancelled or failed export). */
  discard(): void {
    for (const s of this.staged.splice(0)) fs.rmSync(s.tmp, { force: true })
  }

  /**
   * Renames every temp into place. A file it replaces is first moved aside, so if a rename fails the files already
   * renamed are put back as they were and the temps removed: the export changes all its files or none.
   */
  commit(): void {
    const done: { file: string; aside: string | null }[] = []
    try {
      for (const { tmp, file } of this.staged) {
        const there = fs.lstatSync(file, { throwIfNoEntry: false })
        // A folder made at the name while the export ran: refused (write() refused one there at the start).
        if (there?.isDirectory()) throw new AppError('conflict', `${file} is now a folder, so the export was not written (none of its files were)`)
        const aside = there ? `${file}.previous-${process.pid}` : null
        if (aside) fs.renameSync(file, aside)
        done.push({ file, aside })
        fs.renameSync(tmp, file)
      }
    } catch (e) {
      for (const d of done.reverse()) {
        fs.rmSync(d.file, { force: true })
        if (d.aside) fs.renameSync(d.aside, d.file)
      }
      this.discard()
      throw e
    }
    this.staged.splice(0)
    for (const d of done) if (d.aside) fs.rmSync(d.aside, { force: true })
    for (const f of this.drops.splice(0)) fs.rmSync(f, { force: true })
  }
}
