import { exportJsonl } from '../../services/export/exportJsonl'
import type { CliCommand } from '../command'
import { openWorkspace } from '../workspaceOption'

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --format jsonl [--db FILE] [--annotator NAME] [--offsets codepoint|utf16] --out PATH',
  summary: 'export annotations (offsets in code points unless --offsets utf16)',
  options: {
    db: { type: 'string' },
    annotator: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
    offsets: { type: 'string', default: 'codepoint' },
    out: { type: 'string' },
  },
  async run({ values, out }) {
    if (values.format !== 'jsonl') throw new Error(`unknown export format ${JSON.stringify(values.format)} (available: jsonl)`)
    if (!values.out) throw new Error('export needs --out PATH')
    const unit = values.offsets === 'utf16' ? 'utf16' : values.offsets === 'codepoint' ? 'codepoint' : null
    if (!unit) throw new Error('--offsets is codepoint or utf16')
    const store = await openWorkspace(values.db as string | undefined, { samples: false })
    try {
      const r = exportJsonl(store, values.out as string, { annotator: values.annotator as string | undefined, unit })
      out.log(`wrote ${r.lines} lines (${r.spans} spans, ${r.relations} relations) to ${values.out} (offsets in ${unit === 'utf16' ? 'UTF-16 code units' : 'code points'})`)
      return 0
    } finally {
      store.close()
    }
  },
}
