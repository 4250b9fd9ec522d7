import { AppError } from '../../../shared/api/errors'
import type { teamMethods } from '../../../shared/api/methods/team'
import { TeamSyncService } from '../../services/team/teamSyncService'
import { leaveTeam } from '../../store/teamLeave'
import { assignDocuments, teamDocuments } from '../../team/teamAssignments'
import { teamStatus } from '../../team/teamAdmin'
import type { ApiContext } from '../context'
import type { HandlerGroup } from '../handlerTypes'
import { ANNOTATOR_KEY } from './sessionHandlers'

/** A server call's failure in plain words (the server's own reason), as data. */
async function onServer<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('unavailable', (e as Error).message)
  }
}

/**
 * The Team screen's calls: connect (the password stays in this process's
 * memory), sync now, automatic sync, progress and assignments. One sync
 * service per workspace process, reading the store through the context.
 */
export function teamHandlers(ctx: ApiContext): HandlerGroup<typeof teamMethods> {
  const service = new TeamSyncService(() => ctx.store)
  return {
    'team.state': () => service.state(),
    'team.connect': async ({ server, password, autoSyncSeconds, keepTrying }) => {
      const state = await service.connect(server, password, autoSyncSeconds, keepTrying === true)
      // Annotate under the team name: a layer under any other name is someone else's, and the server refuses it.
      if (state.me) {
        ctx.store.annotators.ensure(state.me.name)
        ctx.store.settings.set(ANNOTATOR_KEY, state.me.name)
      }
      return state
    },
    'team.disconnect': () => service.disconnect(),
    'team.leave': async () => {
      // Stops a loop this process runs (in-process use); the app's own runs in the team worker, which team.disconnect stops.
      await service.disconnect()
      try {
        return { ...leaveTeam(ctx.store.db), state: service.state() }
      } catch (e) {
        if (/not in a team/.test((e as Error).message)) throw new AppError('conflict', (e as Error).message)
        throw e
      }
    },
    'team.syncNow': () => service.syncNow(),
    'team.autoSync': ({ seconds }) => service.setAutoSync(seconds),
    'team.progress': () => onServer(() => teamStatus(service.teamServer())),
    'team.documents': (args) => onServer(() => teamDocuments(service.teamServer(), args)),
    'team.assign': ({ annotator, documents, assigned }) =>
      onServer(async () => {
        const r = await assignDocuments(service.teamServer(), annotator, { documents }, assigned ?? true)
        // Pulled at once, so this desktop's library shows it without waiting for the next tick.
        const state = await service.syncNow()
        return { changed: r.changed, state }
      }),
  }
}
