import { AppError } from '../../../shared/api/errors'
import type { documentMethods } from '../../../shared/api/methods/documents'
import { listLibrary } from '../../services/library/libraryService'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

export function documentHandlers(ctx: ApiContext): HandlerGroup<typeof documentMethods> {
  const { store } = ctx
  return {
    'documents.list': (args) => listLibrary(store, args),
    'documents.get': (args) => {
      const doc = 'id' in args ? store.documents.byId(args.id) : store.documents.byExternalId(args.externalId)
      if (!doc) throw new AppError('not_found', `no document ${'id' in args ? `with id ${args.id}` : JSON.stringify(args.externalId)}`)
      return doc
    },
    'documents.setStatus': ({ documentId, annotator, status }) => {
      if (!store.documents.byId(documentId)) throw new AppError('not_found', `no document with id ${documentId}`)
      const a = store.annotators.ensure(annotator)
      store.documents.setStatus(documentId, a.id, status)
      return { status }
    },
  }
}
