import type { transferMethods } from '../../../shared/api/methods/transfer'
import { cancelJob, jobStatus } from '../../services/jobs/jobRegistry'
import { previewTransfer, startExport, startImport } from '../../services/jobs/transferJobs'
import { saveUpload } from '../../services/jobs/uploads'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'

/**
 * Import and export from the app's dialogs. The start calls return a running
 * job at once; the work goes on in this process between other calls (it
 * yields to the event loop), polled with `transfer.job`.
 */
export function transferHandlers(ctx: ApiContext): HandlerGroup<typeof transferMethods> {
  return {
    'transfer.upload': ({ name, base64 }) => saveUpload(name, base64),
    'transfer.preview': ({ limit, ...args }) => previewTransfer(ctx.store, args, limit),
    'transfer.import': (args) => startImport(ctx.store, args),
    'transfer.export': (args) => startExport(ctx.store, args),
    'transfer.job': ({ id }) => jobStatus(id),
    'transfer.cancel': ({ id }) => cancelJob(id),
  }
}
