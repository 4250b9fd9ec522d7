import crypto from 'node:crypto'
import type { Cipher } from '../../src/main/services/team/credentialVault'

/** A real cipher (AES-256-GCM under one key, as one machine's keychain), standing where Electron's safeStorage stands in the app. */
export function aesCipher(key = crypto.randomBytes(32), available = true): Cipher {
  return {
    available: () => available,
    encrypt(plain) {
      const iv = crypto.randomBytes(12)
      const c = crypto.createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decrypt(data) {
      const d = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
      d.setAuthTag(data.subarray(12, 28))
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8')
    },
  }
}
