import { splitHighlights } from '../../../shared/library/highlights'

/** Text with the search's hits marked: each part is rendered as text, never as HTML. */
export function Highlighted({ marked }: { marked: string }) {
  return (
    <>
      {splitHighlights(marked).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  )
}
