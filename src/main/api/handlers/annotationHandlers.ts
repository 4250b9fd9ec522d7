import type { annotationMethods } from '../../../shared/api/methods/annotations'
import { createRelation, createSpan, createSpans, deleteRelation, deleteSpan, updateSpan } from '../../services/annotate/annotationService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function annotationHandlers(ctx: ApiContext): HandlerGroup<typeof annotationMethods> {
  const { store } = ctx
  return {
    'annotations.get': ({ documentId, annotator }) => {
      const a = store.annotators.byName(annotator)
      if (!a) return { spans: [], relations: [] }
      return { spans: store.spans.layer(documentId, a.id), relations: store.relations.layer(documentId, a.id) }
    },
    'spans.create': (args) => createSpan(store, args),
    'spans.createMany': (args) => createSpans(store, args),
    'spans.update': (args) => updateSpan(store, args),
    'spans.delete': ({ id }) => deleteSpan(store, id),
    'relations.create': (args) => createRelation(store, args),
    'relations.delete': ({ id }) => deleteRelation(store, id),
  }
}
