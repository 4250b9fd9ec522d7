import { describe, expect, test } from 'vitest'
import { safeStorageCipher } from '../../../../src/main/electron/safeStorageCipher'

/** The parts of Electron's safeStorage the adapter reads, as a keyring backend reports them. */
function safeStorageLike(backend: 'basic_text' | 'gnome_libsecret' | 'kwallet', available = true) {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    // Reversible so the test can see the adapter hands the bytes through untouched.
    encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
  }
}

describe("safeStorage as the vault's cipher", () => {
  test('passes strings and bytes through both ways', () => {
    const c = safeStorageCipher(safeStorageLike('gnome_libsecret'))
    expect(c.available()).toBe(true)
    expect(c.decrypt(c.encrypt('sécret 🔑'))).toBe('sécret 🔑')
  })

  test("no encryption available, or Linux's basic_text backend (a fixed key: no protection), counts as unavailable", () => {
    expect(safeStorageCipher(safeStorageLike('kwallet', false)).available()).toBe(false)
    expect(safeStorageCipher(safeStorageLike('basic_text')).available()).toBe(process.platform !== 'linux')
  })
})
