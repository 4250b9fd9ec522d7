// XMI saved as `.xml` (DKPro's XmiWriter, a renamed INCEpTION export) is read when named alone, by the XMI
// namespace it declares. In a folder such files were passed over as "not a file the import reads (by its extension)"
// (an outsider's folder of eight INCEpTION test files renamed to .xml: "no importable files in this folder").
// Other XML in a folder (a pom.xml, a TypeSystem.xml) is listed as skipped with why, never read or refused.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importFiles } from '../../../../../src/main/services/import/importFiles'
import { tempStoresClosedAfterEach } from '../../../../helpers/closedAfterEach'

const tempStore = tempStoresClosedAfterEach()
const PEERS = path.join(__dirname, '../../../../fixtures/peers/xmi')

describe('.xml files in a folder', () => {
  it('XMI ones are read as XMI; a type system and other XML are listed as skipped, with why', async () => {
    const { store, dir } = tempStore()
    const folder = path.join(dir, 'inception')
    fs.mkdirSync(folder)
    fs.copyFileSync(path.join(PEERS, 'testSimpleChain.xmi'), path.join(folder, 'chain.xml'))
    fs.copyFileSync(path.join(PEERS, 'testSingleTokenRelationWithFeatureValue.xmi'), path.join(folder, 'relation.XML'))
    fs.writeFileSync(path.join(folder, 'TypeSystem.xml'), '<?xml version="1.0"?>\n<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"/>\n')
    fs.writeFileSync(path.join(folder, 'pom.xml'), '<?xml version="1.0"?>\n<project/>\n')
    const r = await importFiles(store, [folder], { annotator: 'ann', addLabels: true, backup: false })
    expect(r).toMatchObject({ linesRead: 2, imported: 2 })
    expect(r.skipped).toEqual([
      { file: path.join(folder, 'TypeSystem.xml'), reason: 'a UIMA type system description, not an annotated document: import the .xmi files beside it (they are read without it)' },
      { file: path.join(folder, 'pom.xml'), reason: 'an XML file that is not UIMA CAS XMI (it declares no http://www.omg.org/XMI namespace)' },
    ])
  })
})
