import type { annotationMethods } from '../../../shared/api/methods/annotations'
import { createRelation, createSpan, createSpans, deleteRelation, deleteSpan, updateSpan } from '../../services/annotate/annotationService'
import { AppError } from '../../../shared/api/errors'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function annotationHandlers(ctx: ApiContext): HandlerGroup<typeof annotationMethods> {
  const idOf = (externalId: string): number => {
    const id = ctx.store.documents.hashByExternalId(externalId)?.id
    if (id === undefined) throw new AppError('not_found', `no document ${JSON.stringify(externalId)}`)
    return id
  }
  return {
    'annotations.get': (args) => {
      // By external id: the row id without reading the text; a missing document is an error, as documents.get says.
      const documentId = 'documentId' in args ? args.documentId : idOf(args.externalId)
      const a = ctx.store.annotators.byName(args.annotator)
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
