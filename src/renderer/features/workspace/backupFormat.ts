/** Words for a backup's reason, as its file name records it. */
const REASONS: Record<string, string> = {
  auto: 'Automatic',
  manual: 'Manual',
  'before-migration': 'Before upgrade',
  'before-import': 'Before import',
  'before-restore': 'Before restore',
}

export const reasonLabel = (reason: string): string => REASONS[reason] ?? reason

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": enough to tell backups apart at a glance. */
export function formatAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000))
  if (s < 45) return 'just now'
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min ago`
  const h = Math.round(m / 60)
  if (h < 36) return `${h} h ago`
  const d = Math.round(h / 24)
  return `${d} day${d === 1 ? '' : 's'} ago`
}

/** The last part of a path, whichever separator the server's platform uses. */
export const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "2 layers and 1 gold item": what a replaced workspace had not pushed to its team, in words. */
export function unpushedWords(u: { layers: number; goldItems: number }): string {
  const parts = [u.layers ? counted(u.layers, 'annotator layer', 'annotator layers') : '', u.goldItems ? counted(u.goldItems, 'gold item', 'gold items') : '']
  return parts.filter(Boolean).join(' and ')
}
