import { AppError } from '../../../shared/api/errors'
import type { documentMethods } from '../../../shared/api/methods/documents'
import { libraryCounts, listLibrary } from '../../services/library/libraryService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function documentHandlers(ctx: ApiContext): HandlerGroup<typeof documentMethods> {
  const requireDocument = (id: number) => {
    if (!ctx.store.documents.byId(id)) throw new AppError('not_found', `no document with id ${id}`)
  }
  return {
    'documents.list': (args) => listLibrary(ctx.store, args),
    'documents.counts': (args) => libraryCounts(ctx.store, args),
    'documents.next': ({ annotator, documentId, direction, notDone, assignedFirst }) => {
      requireDocument(documentId)
      const who = ctx.store.annotators.byName(annotator)?.id ?? -1
      const dir = direction ?? 'next'
      return (
        (assignedFirst ? ctx.store.library.assignedNeighbour(documentId, who, dir, notDone ?? false) : null) ??
        ctx.store.library.neighbour(documentId, who, dir, notDone ?? false)
      )
    },
    'documents.get': (args) => {
      const doc = 'id' in args ? ctx.store.documents.byId(args.id) : ctx.store.documents.byExternalId(args.externalId)
      if (!doc) throw new AppError('not_found', `no document ${'id' in args ? `with id ${args.id}` : JSON.stringify(args.externalId)}`)
      return doc
    },
    'documents.status': ({ documentId, annotator }) => {
      requireDocument(documentId)
      const a = ctx.store.annotators.byName(annotator)
      return { status: a ? ctx.store.documents.status(documentId, a.id) : 'todo' }
    },
    'documents.layers': ({ documentId }) => {
      requireDocument(documentId)
      return ctx.store.documents.layers(documentId)
    },
    'documents.setStatus': ({ documentId, annotator, status }) => {
      requireDocument(documentId)
      const a = ctx.store.annotators.ensure(annotator)
      ctx.store.documents.setStatus(documentId, a.id, status)
      return { status }
    },
  }
}
