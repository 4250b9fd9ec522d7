import { z } from 'zod'
import { AnnotatorName } from '../../domain/model'
import type { Annotator } from '../../domain/model'
import { def, returns } from '../define'

export interface AppInfo {
  version: string
  workspace: string
  /** The annotator remembered in this workspace's settings, if one was chosen. */
  annotator: string | null
  transport: 'ipc' | 'http'
}

export const sessionMethods = {
  'app.info': def(z.strictObject({}), returns<AppInfo>()),
  'session.setAnnotator': def(z.strictObject({ name: AnnotatorName }), returns<AppInfo>()),
  'annotators.list': def(z.strictObject({}), returns<Annotator[]>()),
}
