import type { LibraryEntry } from '../../../shared/api/methods/documents'

/**
 * Review compares layers, so it is offered where there is something to compare:
 * two annotators' layers, or a gold layer already begun (a reviewer can go on
 * with it, or check it against the one layer). A single layer with no gold, or
 * none at all, has nothing to adjudicate.
 */
export function reviewable(d: Pick<LibraryEntry, 'layerCount' | 'hasGold'>): boolean {
  return d.layerCount >= 2 || d.hasGold
}
