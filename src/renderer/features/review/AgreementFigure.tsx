import type { FigureValue, PairAgreement, Reasons } from '../../../shared/agreement/report'

/** A figure to three decimals, or a dash with its reason. */
export function formatFigure(v: FigureValue): string {
  return v === null ? '—' : v.toFixed(3)
}

/** One agreement figure (with a bar under it, unless `bar` is false); a null figure shows its reason on hover. */
export function AgreementFigure(props: { name: string; value: FigureValue; reasons: Reasons; testId?: string; bar?: boolean }) {
  const reason = props.value === null ? props.reasons[props.name] : undefined
  return (
    <span className={`figure${props.value === null ? ' figure-null' : ''}`} title={reason} data-testid={props.testId} data-value={props.value ?? 'null'}>
      {formatFigure(props.value)}
      {props.value !== null && props.bar !== false && <span className="figure-bar" style={{ ['--v' as string]: `${Math.max(0, Math.min(1, props.value)) * 100}%` }} />}
    </span>
  )
}

export function pairName(p: PairAgreement): string {
  return `${p.a} × ${p.b}`
}
