/**
 * The URL of a finished export's file in browser mode. A link cannot send the
 * Authorization header, so the run token goes in the query: the API client
 * keeps it in this tab's sessionStorage under this key (see api/client.ts).
 */
const TOKEN_KEY = 'spanwright.token'

export function downloadHref(jobId: string, n: number): string {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? ''
  return `/api/download/${encodeURIComponent(jobId)}/${n}?token=${encodeURIComponent(token)}`
}
