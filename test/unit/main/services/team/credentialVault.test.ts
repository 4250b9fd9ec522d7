import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { CredentialVault } from '../../../../../src/main/services/team/credentialVault'
import type { Cipher } from '../../../../../src/main/services/team/credentialVault'
import { aesCipher } from '../../../../helpers/aesCipher'
import { tempDir } from '../../../../helpers/tempWorkspace'

const WHERE = 'alice@db.lab.org:5432/team'
const PASSWORD = 'pässwörd-🔑-' + crypto.randomBytes(9).toString('base64url')

describe('the credential vault (the OS keychain through a cipher)', () => {
  test('keeps a password encrypted: the file holds neither the password nor its base64, and only its owner may read it', () => {
    const file = path.join(tempDir(), 'config', 'team-credentials.json')
    const cipher = aesCipher()
    const vault = new CredentialVault(file, cipher)
    expect(vault.save(WHERE, PASSWORD)).toBe(true)
    expect(vault.password(WHERE)).toBe(PASSWORD)
    expect(new CredentialVault(file, cipher).password(WHERE)).toBe(PASSWORD)
    const bytes = fs.readFileSync(file)
    for (const form of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), encodeURIComponent(PASSWORD)]) expect(bytes.includes(Buffer.from(form))).toBe(false)
    expect(bytes.toString()).toContain(WHERE)
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0)
    // No temp file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['team-credentials.json'])
  })

  test('writes nothing when the OS offers no encryption (the password is then asked again after a restart)', () => {
    const file = path.join(tempDir(), 'team-credentials.json')
    const vault = new CredentialVault(file, aesCipher(undefined, false))
    expect(vault.available()).toBe(false)
    expect(vault.save(WHERE, PASSWORD)).toBe(false)
    expect(fs.existsSync(file)).toBe(false)
    expect(vault.password(WHERE)).toBeNull()
  })

  test("another machine's key, a damaged file or a cipher that throws give no password, never a wrong one", () => {
    const file = path.join(tempDir(), 'team-credentials.json')
    new CredentialVault(file, aesCipher()).save(WHERE, PASSWORD)
    expect(new CredentialVault(file, aesCipher()).password(WHERE)).toBeNull()
    const throwing: Cipher = { available: () => { throw new Error('keyring locked') }, encrypt: () => Buffer.alloc(0), decrypt: () => '' }
    expect(new CredentialVault(file, throwing).password(WHERE)).toBeNull()
    for (const damaged of ['{', '[]', '{"version":2,"passwords":{}}', '{"version":1,"passwords":[1]}', '\u0000\u0001']) {
      fs.writeFileSync(file, damaged)
      const v = new CredentialVault(file, aesCipher())
      expect(v.password(WHERE)).toBeNull()
      expect(v.has(WHERE)).toBe(false)
    }
    // And a damaged file is simply replaced by the next save.
    const v = new CredentialVault(file, aesCipher())
    expect(v.save(WHERE, PASSWORD)).toBe(true)
    expect(v.password(WHERE)).toBe(PASSWORD)
  })

  test('one password per server; forget removes only that one; hostile keys stay plain entries', () => {
    const file = path.join(tempDir(), 'team-credentials.json')
    const vault = new CredentialVault(file, aesCipher())
    vault.save(WHERE, 'one')
    vault.save('bob@db.lab.org:5432/team', 'two')
    vault.save('__proto__', 'three')
    vault.save('constructor', 'four')
    expect([vault.password(WHERE), vault.password('bob@db.lab.org:5432/team'), vault.password('__proto__'), vault.password('constructor')]).toEqual(['one', 'two', 'three', 'four'])
    expect(({} as Record<string, unknown>).three).toBeUndefined()
    vault.forget(WHERE)
    expect(vault.has(WHERE)).toBe(false)
    expect(vault.password('bob@db.lab.org:5432/team')).toBe('two')
    expect(vault.has('toString')).toBe(false)
    expect(vault.password('toString')).toBeNull()
  })
})
