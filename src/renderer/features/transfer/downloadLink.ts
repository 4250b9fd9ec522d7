/**
 * The URL of a finished export's file in browser mode. It carries no token,
 * so it can sit in the browser's history and download list: the server
 * authorises it by the download-only cookie (HttpOnly, SameSite=Strict) that
 * the tokened page load set.
 */
export function downloadHref(jobId: string, n: number): string {
  return `/api/download/${encodeURIComponent(jobId)}/${n}`
}
