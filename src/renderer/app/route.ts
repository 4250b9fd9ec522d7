// The hash route as plain functions (no React): the boot script reads it before React has loaded.
export type Route = { name: 'library' } | { name: 'document'; externalId: string }

export function parseHash(hash: string): Route {
  const m = /^#\/documents\/(.+)$/.exec(hash)
  if (m) {
    try {
      return { name: 'document', externalId: decodeURIComponent(m[1]) }
    } catch {
      return { name: 'library' }
    }
  }
  return { name: 'library' }
}

export function documentHref(externalId: string): string {
  return `#/documents/${encodeURIComponent(externalId)}`
}
