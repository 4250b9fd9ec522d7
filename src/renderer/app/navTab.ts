import { useEffect, useState } from 'react'
import { RECOMMENDERS_HREF } from '../features/recommend/recommendersRoute'
import { SCHEMA_HREF } from '../features/schema/schemaRoute'
import { TEAM_HREF } from '../features/team/teamRoute'
import { WORKSPACE_HREF } from '../features/workspace/workspaceRoute'
import { parseReviewHash } from './reviewRoute'

export type NavTab = 'library' | 'schema' | 'agreement' | 'recommenders' | 'team' | 'backups'

/**
 * The top bar's tab for an address. A document and its review are places in the library (both are opened from a
 * library row, and the review's deep link names a document), so they light Library, whichever screen linked them;
 * Agreement is the dashboard alone. Every address lights exactly one tab.
 */
export function navTab(hash: string): NavTab {
  if (hash === SCHEMA_HREF) return 'schema'
  if (hash === RECOMMENDERS_HREF) return 'recommenders'
  if (hash === TEAM_HREF) return 'team'
  if (hash === WORKSPACE_HREF) return 'backups'
  if (parseReviewHash(hash)?.name === 'agreement') return 'agreement'
  return 'library'
}

export function useNavTab(): NavTab {
  const [tab, setTab] = useState(() => navTab(window.location.hash))
  useEffect(() => {
    const update = () => setTab(navTab(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return tab
}
