import fs from 'node:fs'
import path from 'node:path'

/**
 * What the vault needs from an OS keychain: Electron's `safeStorage` has this
 * shape (src/main/electron/safeStorageCipher.ts adapts it). Encryption may be
 * unavailable (Linux without a keyring): then nothing is written at all.
 */
export interface Cipher {
  available(): boolean
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

interface VaultFile {
  version: 1
  /** user@host:port/db → the password, encrypted by the cipher, base64. */
  passwords: Record<string, string>
}

/**
 * Team passwords kept encrypted in one file of the user's config folder,
 * keyed by server (user@host:port/db). The file holds only ciphertext; it is
 * replaced whole (write then rename) and readable by the user only. A file
 * that cannot be read or decrypted (another machine's, damaged) counts as
 * empty: the password is asked again, never guessed.
 */
export class CredentialVault {
  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
  ) {}

  /** True when passwords can be kept across restarts here. */
  available(): boolean {
    try {
      return this.cipher.available()
    } catch {
      return false
    }
  }

  /** Keeps the password for `where`; false (and nothing written) when the OS offers no encryption. */
  save(where: string, password: string): boolean {
    if (!this.available()) return false
    const data = this.read()
    data.passwords[where] = this.cipher.encrypt(password).toString('base64')
    this.write(data)
    return true
  }

  /** The password kept for `where`, or null (none, or it cannot be decrypted here). */
  password(where: string): string | null {
    const sealed = this.read().passwords[where]
    if (!sealed || !this.available()) return null
    try {
      return this.cipher.decrypt(Buffer.from(sealed, 'base64'))
    } catch {
      return null
    }
  }

  has(where: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.read().passwords, where)
  }

  forget(where: string): void {
    const data = this.read()
    if (!(where in data.passwords)) return
    delete data.passwords[where]
    this.write(data)
  }

  private read(): VaultFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<VaultFile>
      if (parsed.version === 1 && parsed.passwords && typeof parsed.passwords === 'object' && !Array.isArray(parsed.passwords)) {
        const passwords = Object.fromEntries(Object.entries(parsed.passwords).filter(([, v]) => typeof v === 'string'))
        return { version: 1, passwords: Object.assign(Object.create(null) as Record<string, string>, passwords) }
      }
    } catch {
      // missing or damaged: empty
    }
    return { version: 1, passwords: Object.create(null) as Record<string, string> }
  }

  private write(data: VaultFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, passwords: { ...data.passwords } }, null, 1), { mode: 0o600 })
    fs.renameSync(tmp, this.file)
  }
}
