import { importFiles } from '../../services/import/importFiles'
import type { CliCommand } from '../command'
import { openWorkspace } from '../workspaceOption'

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file|dir>... [--db FILE] [--annotator NAME]',
  summary: 'import .txt and .jsonl files (folders recursively) in one transaction',
  options: { db: { type: 'string' }, annotator: { type: 'string' } },
  async run({ values, positionals, out }) {
    if (!positionals.length) throw new Error('import needs at least one file or folder')
    const store = await openWorkspace(values.db as string | undefined, { samples: false })
    try {
      const r = importFiles(store, positionals, { annotator: (values.annotator as string | undefined) ?? null })
      out.log(
        `imported ${r.imported} of ${r.linesRead} records (${r.rejected} rejected): ${r.documentsAdded} new documents, ` +
          `${r.layersAdded} new layers, ${r.spansAdded} spans (${r.spansSkipped} already present), ${r.relationsAdded} relations`,
      )
      return 0
    } finally {
      store.close()
    }
  },
}
