import type { transferMethods } from '../../../shared/api/methods/transfer'
import { cancelJob, jobStatus } from '../../services/jobs/jobRegistry'
import { previewTransfer, startExport, startImport } from '../../services/jobs/transferJobs'
import { typedServerPath } from '../../services/jobs/typedServerPath'
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
    // Paths typed in the dialogs are read as a shell would: `~/corpus` is in the home folder (typedServerPath.ts).
    'transfer.preview': ({ limit, ...args }) => previewTransfer(ctx.store, { ...args, paths: args.paths.map((p) => typedServerPath(p)) }, limit),
    'transfer.import': (args) => startImport(ctx.store, { ...args, paths: args.paths.map((p) => typedServerPath(p)) }),
    'transfer.export': (args) => startExport(ctx.store, { ...args, out: args.out === null ? null : typedServerPath(args.out) }),
    'transfer.job': ({ id }) => jobStatus(id),
    'transfer.cancel': ({ id }) => cancelJob(id),
  }
}
