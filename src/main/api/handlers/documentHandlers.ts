import { AppError } from '../../../shared/api/errors'
import type { documentMethods } from '../../../shared/api/methods/documents'
import { libraryCounts, listLibrary } from '../../services/library/libraryService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function documentHandlers(ctx: ApiContext): HandlerGroup<typeof documentMethods> {
  const { store } = ctx
  const requireDocument = (id: number) => {
    if (!store.documents.byId(id)) throw new AppError('not_found', `no document with id ${id}`)
  }
  return {
    'documents.list': (args) => listLibrary(store, args),
    'documents.counts': (args) => libraryCounts(store, args),
    'documents.next': ({ annotator, documentId, direction, notDone }) => {
      requireDocument(documentId)
      return store.library.neighbour(documentId, store.annotators.byName(annotator)?.id ?? -1, direction ?? 'next', notDone ?? false)
    },
    'documents.get': (args) => {
      const doc = 'id' in args ? store.documents.byId(args.id) : store.documents.byExternalId(args.externalId)
      if (!doc) throw new AppError('not_found', `no document ${'id' in args ? `with id ${args.id}` : JSON.stringify(args.externalId)}`)
      return doc
    },
    'documents.status': ({ documentId, annotator }) => {
      requireDocument(documentId)
      const a = store.annotators.byName(annotator)
      return { status: a ? store.documents.status(documentId, a.id) : 'todo' }
    },
    'documents.setStatus': ({ documentId, annotator, status }) => {
      requireDocument(documentId)
      const a = store.annotators.ensure(annotator)
      store.documents.setStatus(documentId, a.id, status)
      return { status }
    },
  }
}
