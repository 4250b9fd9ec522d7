import type { LibraryCounts } from '../../../shared/api/methods/documents'
import type { ReviewStatus } from '../../../shared/api/methods/review'
import type { DocStatus, LabelType } from '../../../shared/domain/model'
import { REVIEW_STATUS_LABEL } from '../../components/ReviewBadge'
import { STATUS_LABEL } from '../../components/StatusBadge'
import type { FilterState } from './libraryRequests'

// The filter state lives with the library's requests (libraryRequests.ts), which the boot script uses too.
export { NO_FILTERS } from './libraryRequests'
export type { FilterState } from './libraryRequests'

const STATUSES: DocStatus[] = ['todo', 'in_progress', 'done']
const REVIEW_STATUSES: ReviewStatus[] = ['unreviewed', 'in_review', 'adjudicated']

interface Props {
  value: FilterState
  onChange(next: FilterState): void
  counts: LibraryCounts | null
  labels: LabelType[]
  annotators: string[]
  filtered: boolean
  onClear(): void
}

const fmt = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString())

/** Status tabs with counts from the store, and the filters that compose with them. */
export function LibraryFilters({ value, onChange, counts, labels, annotators, filtered, onClear }: Props) {
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch })
  const entityLabels = labels.filter((l) => l.kind === 'entity')
  return (
    <div className="library-filters">
      <div className="status-tabs" role="tablist" aria-label="Filter by status">
        <button type="button" role="tab" aria-selected={value.status === ''} onClick={() => set({ status: '' })}>
          All <span className="tab-count">{fmt(counts?.total)}</span>
        </button>
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={value.status === s} data-status={s} onClick={() => set({ status: s })}>
            <span className={`dot dot-${s}`} aria-hidden />
            {STATUS_LABEL[s]} <span className="tab-count">{fmt(counts?.byStatus[s])}</span>
          </button>
        ))}
      </div>
      <div className="filter-selects">
        <label className="filter">
          <span className="muted">Label</span>
          <select aria-label="Filter by label" value={value.label} onChange={(e) => set({ label: e.target.value })}>
            <option value="">Any</option>
            {entityLabels.map((l) => (
              <option key={l.id} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
          {value.label && <span className="swatch" style={{ ['--c' as string]: entityLabels.find((l) => l.name === value.label)?.color ?? '#888' }} />}
        </label>
        <label className="filter">
          <span className="muted">Layer by</span>
          <select aria-label="Filter by annotator" value={value.layerOf} onChange={(e) => set({ layerOf: e.target.value })}>
            <option value="">Anyone</option>
            {annotators.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="muted">Review</span>
          <select aria-label="Filter by review state" value={value.reviewStatus} onChange={(e) => set({ reviewStatus: e.target.value as ReviewStatus | '' })}>
            <option value="">Any</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {REVIEW_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="muted">Assigned</span>
          <select aria-label="Documents assigned to me" value={value.assigned} onChange={(e) => set({ assigned: e.target.value as FilterState['assigned'] })}>
            <option value="first">To me first</option>
            <option value="only">Only to me</option>
            <option value="any">In list order</option>
          </select>
        </label>
        <label className="filter check">
          <input type="checkbox" checked={value.reviewable} onChange={(e) => set({ reviewable: e.target.checked })} />
          <span>Ready to review</span>
        </label>
        {filtered && (
          <button type="button" className="clear-filters" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  )
}
