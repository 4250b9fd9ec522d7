import './IdText.css'
import { splitId } from './splitId'

/**
 * An id cut in the middle when its box is too narrow: the head ends in an ellipsis, the tail (where ids of one
 * corpus usually differ: `…-01-02-02`, `…_0042`) always shows. Both halves are one run of text when copied.
 * The library's Id column and the document header use it.
 */
export function IdText({ id, marked = false, className }: { id: string; marked?: boolean; className?: string }) {
  const [head, tail] = splitId(id)
  const body = (
    <>
      <span className="id-head">{head}</span>
      {tail && <span className="id-tail">{tail}</span>}
    </>
  )
  return (
    <span className={`id-text${className ? ` ${className}` : ''}`} title={id}>
      {marked ? <mark>{body}</mark> : body}
    </span>
  )
}
