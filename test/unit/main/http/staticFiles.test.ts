import { describe, expect, it } from 'vitest'
import { chooseEncoding, isHashedAsset } from '../../../../src/main/http/staticFiles'

describe('static files: what may be cached, and how to encode', () => {
  it('treats only the build\'s content-named assets as immutable', () => {
    for (const p of ['/assets/index-DvmmgIJT.js', '/assets/DocumentView-BdGgm7nz.css', '/assets/rolldown-runtime-WkwZ5CU-.js', '/assets/boot-Ab_9-xYz.js'])
      expect(isHashedAsset(p), p).toBe(true)
    // index.html names the current build's files, so it must be asked for again; other paths are not the build's.
    for (const p of ['/index.html', '/assets/index.js', '/assets/sub/x-DvmmgIJT.js', '/favicon-DvmmgIJT.ico', '/assets/app-short.js', '/assets/-DvmmgIJT'])
      expect(isHashedAsset(p), p).toBe(false)
  })

  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br') // Chromium's header
    expect(chooseEncoding('gzip, deflate')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('gzip;q=0.5, br;q=0')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*, br;q=0')).toBe('gzip')
    expect(chooseEncoding('*;q=0')).toBeNull()
    expect(chooseEncoding('identity')).toBeNull()
    expect(chooseEncoding('')).toBeNull()
    expect(chooseEncoding(undefined)).toBeNull()
    expect(chooseEncoding('GZIP')).toBe('gzip')
  })
})
