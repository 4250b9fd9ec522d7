import type { DocStatus } from '../../shared/domain/model'

export const STATUS_LABEL: Record<DocStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' }

export function StatusBadge({ status }: { status: DocStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="doc-status">
      {STATUS_LABEL[status]}
    </span>
  )
}
