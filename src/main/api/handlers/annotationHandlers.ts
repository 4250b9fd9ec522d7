import type { annotationMethods } from '../../../shared/api/methods/annotations'
import { createRelation, createSpan, createSpans, deleteRelation, deleteSpan, updateSpan } from '../../services/annotate/annotationService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function annotationHandlers(ctx: ApiContext): HandlerGroup<typeof annotationMethods> {
  return {
    'annotations.get': ({ documentId, annotator }) => {
      const a = ctx.store.annotators.byName(annotator)
      if (!a) return { spans: [], relations: [] }
      return { spans: ctx.store.spans.layer(documentId, a.id), relations: ctx.store.relations.layer(documentId, a.id) }
    },
    'spans.create': (args) => createSpan(ctx.store, args),
    'spans.createMany': (args) => createSpans(ctx.store, args),
    'spans.update': (args) => updateSpan(ctx.store, args),
    'spans.delete': ({ id }) => deleteSpan(ctx.store, id),
    'relations.create': (args) => createRelation(ctx.store, args),
    'relations.delete': ({ id }) => deleteRelation(ctx.store, id),
  }
}
