import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LabelType, Relation, Span } from '../../../../../src/shared/domain/model'
import { BratConfCollector, writeAnnotationConf, writeVisualConf } from '../../../../../src/shared/formats/brat/bratConf'
import { decodeBratDocument } from '../../../../../src/shared/formats/brat/decodeBratDocument'
import { readBratConf } from '../../../../../src/shared/formats/brat/readBratConf'
import type { ExportLayer } from '../../../../../src/shared/formats/formatCodec'
import type { ImportRecord } from '../../../../../src/shared/formats/importRecord'
import { REPO_ROOT } from '../../../../helpers/tempWorkspace'

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'brat')
const CORPORA = ['news-tutorial', 'conll2002-esp', 'bionlp2011-epi', 'bionlp2011-id']

function layerOf(r: ImportRecord): ExportLayer {
  const spans: Span[] = r.spans.map((s, i) => ({
    id: i + 1, documentId: 1, annotator: 'a', label: s.label, start: s.start, end: s.end, fragments: s.fragments, kind: s.kind ?? 'entity',
    attributes: s.attributes, note: s.note, norm: s.norm, normText: s.normText ?? null, sourceId: s.sourceId, createdAt: '',
    ...(s.trigger !== undefined ? { triggerId: s.trigger + 1 } : {}),
  }))
  const relations: Relation[] = r.relations.map((x, i) => ({
    id: 1000 + i, documentId: 1, annotator: 'a', label: x.label, headId: x.head + 1, tailId: x.tail + 1, kind: x.kind ?? 'binary',
    attributes: x.attributes, note: x.note, sourceId: x.sourceId, createdAt: '',
  }))
  return { externalId: r.externalId, title: r.title, text: r.text, meta: r.meta, annotator: 'a', status: null, spans, relations }
}

function corpusLayers(corpus: string): { layers: ExportLayer[]; anns: string[] } {
  const dir = path.join(FIXTURES, corpus)
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.ann')).sort()
  const anns = names.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
  const layers = names.map((f, i) => {
    const txt = fs.readFileSync(path.join(dir, f.replace(/\.ann$/, '.txt')), 'utf8')
    return layerOf(decodeBratDocument(txt, anns[i], { file: f, externalId: f }).record!)
  })
  return { layers, anns }
}

const label = (kind: 'entity' | 'relation', name: string, extra: Partial<LabelType> = {}): LabelType => ({
  id: 0, kind, name, color: '#112233', hotkey: null, description: '', headTypes: [], tailTypes: [], attributes: [], ...extra,
})

describe('brat annotation.conf and visual.conf', () => {
  it.each(CORPORA)('%s: the written conf declares every type, role, relation and attribute the documents use, and reads back as written', (corpus) => {
    const { layers, anns } = corpusLayers(corpus)
    const c = new BratConfCollector()
    layers.forEach((l) => c.observe(l))
    const conf = c.build([])
    const back = readBratConf(writeAnnotationConf(conf), writeVisualConf(conf))
    expect({ ...back, colors: null }).toEqual({ ...conf, colors: null })

    // Checked against the .ann lines themselves, not our decoding of them.
    const lines = anns.flatMap((a) => a.split('\n')).filter(Boolean).map((l) => l.split('\t'))
    const spanTypes = new Set([...back.entities, ...back.events.map((e) => e.type)])
    const eventTypes = new Set(back.events.map((e) => e.type))
    for (const f of lines) {
      const body = f[1]?.split(' ') ?? []
      if (f[0][0] === 'T') expect(spanTypes).toContain(body[0])
      if (f[0][0] === 'E') {
        const [type] = body[0].split(':')
        expect(eventTypes).toContain(type)
        const roles = back.events.find((e) => e.type === type)!.roles.map((r) => r.role)
        for (const arg of body.slice(1).filter(Boolean)) expect(roles).toContain(arg.split(':')[0].replace(/(?<=\D)\d+$/, ''))
      }
      if (f[0][0] === 'R' || f[0] === '*') expect(back.relations.map((r) => r.type)).toContain(body[0])
      if (f[0][0] === 'A' || f[0][0] === 'M') {
        const a = back.attributes.find((x) => x.name === body[0])!
        expect(a).toBeDefined()
        if (body[2]) expect(a.values).toContain(body[2])
      }
    }
  })

  it('takes the schema: colours, relation argument types, attribute values, and marks equivalences', () => {
    const c = new BratConfCollector()
    const conf = c.build([
      label('entity', 'Person', { color: '#ff821c', attributes: [{ name: 'Mention', type: 'enum', values: ['Name', 'Nominal'] }, { name: 'Individual', type: 'boolean' }] }),
      label('entity', 'GPE', { color: '#ffd412' }),
      label('relation', 'Located', { color: '#000080', headTypes: ['Person'], tailTypes: ['GPE'] }),
      label('relation', 'Related', {}),
    ])
    const text = writeAnnotationConf(conf)
    expect(text).toContain('[entities]\nGPE\nPerson\n')
    expect(text).toContain('Located\tArg1:Person, Arg2:GPE\n')
    expect(text).toContain('Related\tArg1:<ANY>, Arg2:<ANY>\n')
    expect(text).toContain('Individual\tArg:<ENTITY>\n')
    expect(text).toContain('Mention\tArg:<ENTITY>, Value:Name|Nominal\n')
    const visual = writeVisualConf(conf)
    expect(visual).toContain('Person\tbgColor:#ff821c\n')
    expect(visual).toContain('Located\tcolor:#000080\n')
    expect(readBratConf(text, visual).colors.get('GPE')).toBe('#ffd412')
    for (const section of ['[entities]', '[relations]', '[events]', '[attributes]']) expect(text).toContain(section)
  })

  it('writes the role names a relation type was read with, and reads them back', () => {
    const text = 'p50 binds p65.'
    const ann = 'T1\tProtein 0 3\tp50\nT2\tProtein 10 13\tp65\nR1\tBinds Binder:T1 Target:T2\t\n'
    const c = new BratConfCollector()
    c.observe(layerOf(decodeBratDocument(text, ann, { file: 'x.ann', externalId: 'x' }).record!))
    const written = writeAnnotationConf(c.build([]))
    expect(written).toContain('Binds\tBinder:Protein, Target:Protein\n')
    expect(readBratConf(written).relations).toEqual([{ type: 'Binds', arg1: ['Protein'], arg2: ['Protein'], equiv: false, roles: ['Binder', 'Target'] }])
  })

  it("reads brat's own configurations: macros, groups, quantifiers and separators", () => {
    const news = readBratConf(fs.readFileSync(path.join(FIXTURES, 'news-tutorial', 'annotation.conf'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'news-tutorial', 'visual.conf'), 'utf8'))
    expect(news.entities).toEqual(['Person', 'Organization', 'GPE', 'Money'])
    expect(news.events.find((e) => e.type === 'Die')!.roles).toEqual([
      { role: 'Person-Arg', types: ['Person'] },
      { role: 'Agent-Arg', types: ['Person', 'Organization', 'GPE'] },
      { role: 'Place-Arg', types: ['GPE'] },
    ])
    expect(news.events.map((e) => e.type)).not.toContain('Life')
    expect(news.relations.find((r) => r.type === 'Alias')).toEqual({ type: 'Alias', arg1: ['Person'], arg2: ['Person'], equiv: true })
    expect(news.attributes.find((a) => a.name === 'Mention')).toEqual({ name: 'Mention', targets: ['<ENTITY>'], values: ['Name', 'Nominal', 'Other'] })
    expect(news.colors.get('Person')).toBe('#FF821C')
    const id = readBratConf(fs.readFileSync(path.join(FIXTURES, 'bionlp2011-id', 'annotation.conf'), 'utf8'))
    expect(id.events.map((e) => e.type)).toContain('Positive_regulation')
    expect(id.events.map((e) => e.type)).not.toContain('----------------------------------------')
    expect(id.attributes.map((a) => a.name)).toEqual(['Negation', 'Speculation'])
  })
})
