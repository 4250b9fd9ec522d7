// The UIMA CAS XMI reader on files INCEpTION wrote (test/fixtures/peers/xmi, see SOURCES.md there) and on
// hostile input. Expected words are read off each file by eye and compared by slicing the imported text.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseXmi } from '../../../../../src/main/services/import/xmiParse'
import { readXmiSource, xmiSourceOf } from '../../../../../src/main/services/import/xmiSource'
import type { ImportRecord, LineError } from '../../../../../src/shared/formats/importRecord'
import { sniffFormat } from '../../../../../src/shared/formats/registry'
import { casToRecord } from '../../../../../src/shared/formats/xmi/casRecord'
import { REPO_ROOT, tempDir } from '../../../../helpers/tempWorkspace'

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'peers', 'xmi')

function readFixture(name: string): ImportRecord {
  const { record, errors } = readXmiSource(xmiSourceOf(path.join(DIR, name), DIR))
  expect(errors).toEqual([])
  return record!
}

const covered = (r: ImportRecord) => r.spans.map((s) => [r.text.slice(s.start, s.end), s.label])
const joined = (r: ImportRecord) => r.relations.map((x) => [x.label, r.text.slice(r.spans[x.head].start, r.spans[x.head].end), r.text.slice(r.spans[x.tail].start, r.spans[x.tail].end), x.kind])

/** Parses an XMI written in a test: the root's namespaces as INCEpTION declares them, and the elements given. */
function cas(body: string, sofa = 'Kerry met Michel in Brussels.'): { record: ImportRecord | null; errors: LineError[] } {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:type4="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmlns:type3="http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore" xmlns:type5="http:///de/tudarmstadt/ukp/dkpro/core/api/segmentation/type.ecore" xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">',
    '<cas:NULL xmi:id="0"/>',
    body,
    `<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="${sofa}"/>`,
    '</xmi:XMI>',
  ].join('\n')
  return casOf(xml)
}

function casOf(xml: string): { record: ImportRecord | null; errors: LineError[] } {
  try {
    return casToRecord(parseXmi(xml), { file: 'x.xmi', externalId: 'x', idFromPath: false, annotator: null })
  } catch (e) {
    const err = e as Error & { line?: number }
    return { record: null, errors: [{ file: 'x.xmi', line: err.line ?? 0, reason: err.message }] }
  }
}

describe('XMI files INCEpTION wrote', () => {
  it('named entities: the value feature is the label, offsets cover the words', () => {
    const r = readFixture('testTokenBoundedSpanWithFeatureValue.xmi')
    expect(r.text).toBe('This is a test .')
    expect(covered(r)).toEqual([
      ['This', 'NE 0'],
      ['is', 'NE 1'],
      ['a', 'NE 2'],
      ['test', 'NE 3'],
      ['.', 'NE 4'],
    ])
    // DKPro DocumentMetaData's documentId is the id; tokens and sentences are counted, not imported.
    expect(r.externalId).toBe('doc')
    expect(r.notes).toEqual({ 'XMI Token annotations (document structure), not imported': 5, 'XMI Sentence annotations (document structure), not imported': 1 })
  })

  it('&#10; in sofaString is a line feed, and a span across it covers both sentences', () => {
    const r = readFixture('testCrossSentenceSpanWithFeatureValue.xmi')
    expect(r.text).toBe('He loves her .\nShe loves him not .')
    expect(covered(r)).toEqual([['He loves her .\nShe loves him not .', 'PERSON']])
  })

  it('stacked named entities without a value take the type name, both kept', () => {
    const r = readFixture('testMultiTokenStackedSpanWithoutFeatureValue.xmi')
    expect(covered(r)).toEqual([
      ['This is a test .', 'NamedEntity'],
      ['This is a test .', 'NamedEntity'],
    ])
  })

  it('zero-length annotations are counted, not imported', () => {
    const r = readFixture('testZeroLengthSpansWithoutFeatureValues.xmi')
    expect(r.spans).toEqual([])
    expect(r.notes?.['zero-length XMI annotations (a Spanwright span covers at least one character), not imported']).toBe(2)
  })

  it('a custom relation between tokens (not imported spans) is counted, not imported', () => {
    const r = readFixture('testSingleTokenRelationWithFeatureValue.xmi')
    expect(r.relations).toEqual([])
    expect(r.notes?.['XMI relations or links whose ends are not imported spans (tokens, zero-length or document-structure annotations), not imported']).toBe(1)
  })

  it('custom span layers without features take the type name; slot links become role relations labelled by the role', () => {
    const r = readFixture('testSimpleSlotFeature.xmi')
    expect(covered(r)).toEqual([
      ['is', 'SimpleSpan'],
      ['a', 'SimpleSpan'],
      ['This', 'SimpleLinkHost'],
    ])
    expect(joined(r)).toEqual([
      ['p1', 'This', 'is', 'role'],
      ['p2', 'This', 'a', 'role'],
    ])
  })

  it('a chain layer: each link a span, each next a relation in the chain order', () => {
    const r = readFixture('testSimpleChain.xmi')
    expect(covered(r).map(([t]) => t)).toEqual(['This', 'is', 'a'])
    expect(joined(r)).toEqual([
      ['SimpleLink', 'This', 'is', 'binary'],
      ['SimpleLink', 'is', 'a', 'binary'],
    ])
  })

  it('a real INCEpTION document CAS (multi-line tags): title from DocumentMetaData, text decoded whole', () => {
    const r = readFixture('inception_lapps_cas.excerpt.xmi')
    expect(r.title).toBe('Michael_Jordan_scientist.txt')
    // DocumentMetaData's end is the text's length (UTF-16 code units): the sofa decoded exactly.
    expect(r.text.length).toBe(1816)
    expect(r.text.slice(0, 20)).toBe('Michael Irwin Jordan')
    expect(r.text.split('\n\n')).toHaveLength(6)
    expect(r.spans).toEqual([])
    expect(r.notes?.['XMI TagsetDescription annotations (document structure), not imported']).toBe(4)
  })

  it('the INCEpTION export layout annotation/<document>/<user>.xmi names the document and the layer', () => {
    const s = xmiSourceOf(path.join('/p', 'annotation', 'story.txt', 'alice.xmi'), '/p')
    expect(s).toMatchObject({ externalId: 'story.txt', annotator: 'alice', idFromPath: true })
    const curated = xmiSourceOf(path.join('/p', 'curation', 'story.txt', 'CURATION_USER.xmi'), '/p')
    expect(curated).toMatchObject({ externalId: 'story.txt', annotator: 'CURATION_USER', idFromPath: true })
    const elsewhere = xmiSourceOf(path.join('/p', 'corpus', 'a', 'b.xmi'), '/p')
    expect(elsewhere).toMatchObject({ externalId: 'corpus/a/b', idFromPath: false })
    expect(elsewhere.annotator).toBeUndefined()
  })
})

describe('XMI detection', () => {
  it('by the .xmi extension, and by the XMI namespace whatever the name; a type system is named; other XML is not told', () => {
    const real = fs.readFileSync(path.join(DIR, 'inception_lapps_cas.excerpt.xmi'), 'utf8')
    expect(sniffFormat('a.xmi', '')).toEqual({ format: 'xmi' })
    expect(sniffFormat('cas.xml', real)).toEqual({ format: 'xmi' })
    expect(sniffFormat('cas', `\uFEFF${fs.readFileSync(path.join(DIR, 'testSimpleChain.xmi'), 'utf8')}`)).toEqual({ format: 'xmi' })
    expect(sniffFormat('TypeSystem.xml', '<?xml version="1.0"?>\n<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">')).toMatchObject({ format: null, reason: expect.stringMatching(/UIMA type system/) })
    expect(sniffFormat('feed.xml', '<?xml version="1.0"?><rss version="2.0"/>')).toMatchObject({ format: null })
  })
})

describe('XMI features, labels and offsets', () => {
  it('offsets are UTF-16 code units (as Java and JavaScript count): a span after an emoji', () => {
    // U+1F600 is two UTF-16 code units: "Kerry" starts at 3, not at 2 as a code-point count would say.
    const { record, errors } = cas('<type4:NamedEntity xmi:id="5" sofa="1" begin="3" end="8" value="PER"/>', '&#x1F600; Kerry met Michel.')
    expect(errors).toEqual([])
    expect(covered(record!)).toEqual([['Kerry', 'PER']])
  })

  it('XML 1.1 (UIMA writes it when the text holds control characters): &#1; and &#13;&#10; are kept, offsets count them', () => {
    const xml = [
      '<?xml version="1.1" encoding="UTF-8"?>',
      '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:type4="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore">',
      '<type4:NamedEntity xmi:id="5" sofa="1" begin="5" end="10" value="PER"/>',
      '<cas:Sofa xmi:id="1" sofaID="_InitialView" sofaString="a&#1;b&#13;&#10;Kerry&#9;."/>',
      '</xmi:XMI>',
    ].join('\n')
    const { record, errors } = casOf(xml)
    expect(errors).toEqual([])
    expect(record!.text).toBe('a\u0001b\r\nKerry\t.')
    expect(covered(record!)).toEqual([['Kerry', 'PER']])
    // The same character reference is not allowed in XML 1.0: refused, not read as something else.
    expect(casOf(xml.replace('version="1.1"', 'version="1.0"')).errors[0]).toMatchObject({ line: 4, reason: 'not well-formed XML: malformed character entity.' })
  })

  it('a custom layer: value first, else the first text feature; the other features are attributes', () => {
    const { record, errors } = cas(
      [
        '<custom:Emotion xmi:id="5" sofa="1" begin="0" end="5" intensity="0.5" Emotion="joy" comment="first name"/>',
        '<custom:Topic xmi:id="6" sofa="1" begin="10" end="16" flag="true" Topic="people" value="PERSON"/>',
        '<custom:Link xmi:id="7" sofa="1" begin="10" end="16" Governor="5" Dependent="6" value="MET" note="x"/>',
      ].join('\n'),
    )
    expect(errors).toEqual([])
    const r = record!
    expect(covered(r)).toEqual([
      ['Kerry', 'joy'],
      ['Michel', 'PERSON'],
    ])
    expect(r.spans[0].attributes).toEqual({ intensity: '0.5', comment: 'first name' })
    expect(r.spans[1].attributes).toEqual({ flag: 'true', Topic: 'people' })
    expect(joined(r)).toEqual([['MET', 'Kerry', 'Michel', 'binary']])
    expect(r.relations[0].attributes).toEqual({ note: 'x' })
  })

  it('DocumentMetaData gives id and title; annotations of another view are counted, not imported', () => {
    const { record } = cas(
      [
        '<type3:DocumentMetaData xmi:id="2" sofa="1" begin="0" end="29" documentTitle="Kerry story" documentId="news-7"/>',
        '<type4:NamedEntity xmi:id="5" sofa="9" begin="0" end="5" value="PER"/>',
      ].join('\n'),
    )
    expect([record!.externalId, record!.title]).toEqual(['news-7', 'Kerry story'])
    expect(record!.spans).toEqual([])
    expect(record!.notes?.['XMI annotations of another view (sofa), not imported']).toBe(1)
  })

  it('a feature structure of an unknown type without offsets is counted by its name', () => {
    const { record } = cas('<custom:Settings xmi:id="5" mode="strict"/>')
    expect(record!.notes?.['XMI Settings feature structures without offsets, not imported']).toBe(1)
  })
})

describe('bad XMI: the file, the line and the reason; no record', () => {
  const refusals: [string, string, number, RegExp][] = [
    ['offsets outside the text', '<type4:NamedEntity xmi:id="5" sofa="1" begin="20" end="99" value="PER"/>', 4, /NamedEntity \(xmi:id 5\): offsets 20-99 are outside the text \(29 UTF-16 code units\)/],
    ['begin after end', '<type4:NamedEntity xmi:id="5" sofa="1" begin="9" end="3"/>', 4, /begin 9 is after end 3/],
    ['offsets that are not numbers', '<type4:NamedEntity xmi:id="5" sofa="1" begin="x" end="3"/>', 4, /begin "x" and end "3" must be whole numbers/],
    ['a Governor naming a missing xmi:id', '<type4:NamedEntity xmi:id="5" sofa="1" begin="0" end="5"/>\n<custom:R xmi:id="6" sofa="1" begin="0" end="5" Governor="5" Dependent="77"/>', 5, /R \(xmi:id 6\): Dependent refers to xmi:id 77, which is not in the file/],
    ['a chain next naming a missing xmi:id', '<custom:Link xmi:id="5" sofa="1" begin="0" end="5" next="88"/>', 4, /next refers to xmi:id 88/],
    ['a slot link whose target is missing', '<custom:LinkType xmi:id="6" role="r" target="99"/>\n<custom:Host xmi:id="7" sofa="1" begin="0" end="5" links="6"/>', 4, /LinkType \(xmi:id 6\): target refers to xmi:id 99/],
    ['a duplicate xmi:id', '<type4:NamedEntity xmi:id="5" sofa="1" begin="0" end="5"/>\n<type4:NamedEntity xmi:id="5" sofa="1" begin="10" end="16"/>', 5, /duplicate xmi:id 5 \(first used on line 4\)/],
    ['a relation with only a Governor', '<type4:NamedEntity xmi:id="5" sofa="1" begin="0" end="5"/>\n<custom:R xmi:id="6" sofa="1" begin="0" end="5" Governor="5"/>', 5, /a relation needs both Governor and Dependent/],
    ['an undeclared namespace prefix (a type the file never declared)', '<mystery:Thing xmi:id="5" sofa="1" begin="0" end="5"/>', 4, /not well-formed XML: unbound namespace prefix: "mystery"/],
  ]
  it.each(refusals)('%s', (_what, body, line, reason) => {
    const { record, errors } = cas(body)
    expect(record).toBeNull()
    expect(errors).toHaveLength(1)
    expect(errors[0].line).toBe(line)
    expect(errors[0].reason).toMatch(reason)
  })

  it('a span splitting a surrogate pair', () => {
    const { record, errors } = cas('<type4:NamedEntity xmi:id="5" sofa="1" begin="1" end="4"/>', '&#x1F600; Kerry')
    expect(record).toBeNull()
    expect(errors[0].reason).toMatch(/split a surrogate pair/)
  })

  it('malformed XML names its line', () => {
    const { errors } = casOf('<?xml version="1.0"?>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI">\n<a>\n</b>\n</xmi:XMI>')
    expect(errors[0].line).toBe(4)
    expect(errors[0].reason).toBe('not well-formed XML: unexpected close tag.')
  })

  it('an XML file that is not XMI, and an XMI without a sofa', () => {
    expect(casOf('<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"/>').errors[0].reason).toMatch(/not a UIMA CAS XMI file: the root element is <typeSystemDescription>/)
    const noSofa = casOf('<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore"><cas:NULL xmi:id="0"/></xmi:XMI>')
    expect(noSofa.errors[0].reason).toMatch(/no cas:Sofa element/)
    const uriSofa = casOf('<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore">\n<cas:Sofa xmi:id="1" sofaID="_InitialView" sofaURI="file:/a.txt"/></xmi:XMI>')
    expect(uriSofa.errors[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/no sofaString \(its text is at sofaURI "file:\/a.txt"\)/) })
  })

  it('a DTD entity is not expanded (no entity expansion attack)', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore">\n<cas:Sofa xmi:id="1" sofaID="_InitialView" sofaString="&b;"/></xmi:XMI>'
    const { record, errors } = casOf(xml)
    expect(record).toBeNull()
    expect(errors[0]).toMatchObject({ line: 4, reason: expect.stringMatching(/not well-formed XML: .*entity/i) })
  })

  it('deep nesting is refused at once (no stack overflow, no quadratic prefix look-ups), and many annotations read', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`
    const refused = cas(`<custom:Deep xmi:id="5">\n${deep}</custom:Deep>`)
    expect(refused.errors).toEqual([{ file: 'x.xmi', line: 5, reason: 'elements nested deeper than 64 levels (a UIMA CAS XMI nests 3); refused' }])
    const many = Array.from({ length: 20_000 }, (_, i) => `<type4:NamedEntity xmi:id="${i + 10}" sofa="1" begin="0" end="5" value="PER"/>`).join('\n')
    const { record, errors } = cas(many)
    expect(errors).toEqual([])
    expect(record!.spans).toHaveLength(20_000)
  })

  it('an unreadable encoding names its line', () => {
    const dir = tempDir()
    try {
      const file = path.join(dir, 'bad.xmi')
      fs.writeFileSync(file, Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<x>'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('</x>')]))
      const { errors } = readXmiSource(xmiSourceOf(file, dir))
      expect(errors[0]).toMatchObject({ file, line: 2, reason: expect.stringMatching(/not valid UTF-8/) })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
