import type { SafeStorage } from 'electron'
import type { Cipher } from '../services/team/credentialVault'

/** Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) as the credential vault's cipher. */
export function safeStorageCipher(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>): Cipher {
  return {
    // On Linux, 'basic_text' means no keyring: safeStorage would "encrypt" with a fixed key, which is no protection.
    available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  }
}
