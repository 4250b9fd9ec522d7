import { fragmentsKey } from './spanMatching'

/**
 * When two annotators' relations are the same relation: the same label between ends of the same extents (start and
 * end of head, start and end of tail), whatever labels the ends carry. One definition for the agreement figures
 * (relation F1 on the dashboard and in `spanwright agreement`) and the review (relation groups, readings, pre-merge).
 *
 * Why the ends' labels are left out: a relation is a claim about two pieces of text. When the annotators label an
 * end differently (GPE vs LOC), that disagreement is already counted once, in span agreement (span F1, the kappas);
 * counting it again in relation F1 would charge one decision twice and hide whether they agree on the relation
 * itself. It is also what a reviewer decides: the review shows such a relation as agreed and gold keeps it on the
 * end label the reviewer chose. Why exact extents rather than overlapping ones: a relation between other extents is
 * another relation to adjudicate (gold can hold either, not both as one), and exact keys need no greedy matching
 * whose result depends on order.
 */
export interface RelationEnd {
  start: number
  end: number
  /** A discontinuous end's fragments: part of its extent (spanMatching.ts fragmentsKey). */
  fragments?: readonly (readonly [number, number])[] | null
}

/** The ends part of a relation's identity: head extent, then tail extent (direction matters); a discontinuous end's extent is its fragments. */
export function relationEndsKey(head: RelationEnd, tail: RelationEnd): string {
  return `${head.start}:${head.end}${fragmentsKey(head)}>${tail.start}:${tail.end}${fragmentsKey(tail)}`
}

/** A relation's identity across annotators: its ends' extents and its label. */
export function relationKey(head: RelationEnd, tail: RelationEnd, label: string): string {
  return `${relationEndsKey(head, tail)}:${label}`
}
