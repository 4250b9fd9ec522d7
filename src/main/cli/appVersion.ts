import fs from 'node:fs'
import path from 'node:path'
import { appRoot } from '../workspace/paths'

export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0'
  }
}
