"""What a training or conversion script reads from the annotation tools' exports.

Arguments are KIND:PATH, KIND one of doccano, doccano-rel, labelstudio,
webanno-tsv, xmi (PATH a file, or for xmi one .xmi file per argument). For each
document (Label Studio: each annotation) it prints
{"spans": [[text, label], ...], "relations": [[head text, tail text, label], ...],
 "problems": [...]}:
- doccano, doccano-rel, labelstudio: each span as the Python slice of the text
  (code points, as doccano-transformer and Label Studio's converters slice it).
- webanno-tsv: each span as its tokens' texts joined by a space; a span is a
  value with a stacking number [n] (its tokens are every token carrying that
  [n]) or a value without one (its one token); a relation's [source_target]
  names the stacked spans, or 0 for the single-token span on the token.
- xmi: each NamedEntity as the UTF-16 slice of the sofa (UIMA's unit); a
  relation's Governor and Dependent as the NamedEntity they name.
"problems" lists ids that repeat within a record and relation ends that name no span.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def json_lines(path):
    """Each record of a JSON-lines file, as a reader of it parses them (blank lines skipped)."""
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def doc(spans, relations, problems):
    return {'spans': spans, 'relations': relations, 'problems': problems}


def read_doccano(path):
    out = []
    for o in json_lines(path):
        out.append(doc([[o['text'][s:e], lab] for s, e, lab in o['label']], [], []))
    return out


def by_id(items, what, problems):
    seen = {}
    for it in items:
        if it['id'] in seen:
            problems.append(f'{what} id {it["id"]} repeats')
        seen[it['id']] = it
    return seen


def read_doccano_rel(path):
    out = []
    for o in json_lines(path):
        text, problems = o['text'], []
        ents = by_id(o['entities'], 'entity', problems)
        by_id(o['relations'], 'relation', problems)
        spans = [[text[e['start_offset']:e['end_offset']], e['label']] for e in o['entities']]
        rels = []
        for r in o['relations']:
            h, t = ents.get(r['from_id']), ents.get(r['to_id'])
            if h is None or t is None:
                problems.append(f'relation {r["id"]} names no entity')
                continue
            rels.append([text[h['start_offset']:h['end_offset']], text[t['start_offset']:t['end_offset']], r['type']])
        out.append(doc(spans, rels, problems))
    return out


def read_labelstudio(path):
    out = []
    with open(path, encoding='utf-8') as f:
        tasks = json.load(f)
    for task in tasks:
        text = task['data']['text']
        for ann in task.get('annotations', []) + task.get('predictions', []):
            problems = []
            regions = [r for r in ann['result'] if r['type'] == 'labels']
            ids = by_id(regions, 'region', problems)
            spans = [[text[r['value']['start']:r['value']['end']], r['value']['labels'][0]] for r in regions]
            rels = []
            for r in ann['result']:
                if r['type'] != 'relation':
                    continue
                h, t = ids.get(r['from_id']), ids.get(r['to_id'])
                if h is None or t is None:
                    problems.append(f'relation {r["from_id"]}->{r["to_id"]} names no region')
                    continue
                rels.append([text[h['value']['start']:h['value']['end']], text[t['value']['start']:t['value']['end']], r['labels'][0]])
            out.append(doc(spans, rels, problems))
    return out


STACKED = re.compile(r'^(.*)\[(\d+)\]$')
REF = re.compile(r'^(\d+-\d+)(?:\[(\d+)_(\d+)\])?$')


def tsv_document(lines):
    tokens = []  # (unit, text, [values], [rel labels], [rel refs])
    for line in lines:
        if not line or line.startswith('#'):
            continue
        cols = line.rstrip('\n').split('\t')
        vals = lambda c: [] if c == '_' else c.split('|')
        tokens.append((cols[0], cols[2], vals(cols[3]), vals(cols[4]) if len(cols) > 5 else [], vals(cols[5]) if len(cols) > 5 else []))
    problems = []
    stacked, single, order = {}, {}, []
    for unit, word, values, _, _ in tokens:
        for v in values:
            m = STACKED.match(v)
            if m:
                if m.group(2) not in stacked:
                    stacked[m.group(2)] = [[], m.group(1)]
                    order.append(('n', m.group(2)))
                stacked[m.group(2)][0].append(word)
            else:
                single.setdefault(unit, []).append([[word], v])
                order.append(('u', unit, len(single[unit]) - 1))
    spans = [[' '.join(stacked[o[1]][0]), stacked[o[1]][1]] if o[0] == 'n' else [' '.join(single[o[1]][o[2]][0]), single[o[1]][o[2]][1]] for o in order]

    def span_at(unit, n):
        if n not in (None, '0'):
            s = stacked.get(n)
            return None if s is None else [' '.join(s[0]), s[1]]
        on = single.get(unit, [])
        return [' '.join(on[0][0]), on[0][1]] if len(on) == 1 else None

    rels = []
    for unit, _, _, labels, refs in tokens:
        for label, ref in zip(labels, refs):
            m = REF.match(ref)
            head = span_at(m.group(1), m.group(2)) if m else None
            tail = span_at(unit, m.group(3)) if m else None
            if head is None or tail is None:
                problems.append(f'relation {ref} on {unit} names no span')
                continue
            rels.append([head[0], tail[0], label])
    return doc(spans, rels, problems)


def read_webanno_tsv(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    docs, cur = [], None
    for line in lines:
        if line.startswith('#FORMAT='):
            cur = []
            docs.append(cur)
        cur.append(line)
    return [tsv_document(d) for d in docs]


XMI_ID = '{http://www.omg.org/XMI}id'


def read_xmi(path):
    root = ET.parse(path).getroot()
    problems, ids = [], set()
    for el in root.iter():
        i = el.get(XMI_ID)
        if i is None:
            continue
        if i in ids:
            problems.append(f'xmi:id {i} repeats')
        ids.add(i)
    sofa = next(el for el in root.iter() if el.tag.endswith('}Sofa')).get('sofaString')
    units = sofa.encode('utf-16-le')
    sl = lambda el: units[2 * int(el.get('begin')):2 * int(el.get('end'))].decode('utf-16-le')
    ents = [el for el in root.iter() if el.tag.endswith('}NamedEntity')]
    by = {el.get(XMI_ID): el for el in ents}
    rels = []
    for el in root.iter():
        if not el.tag.endswith('}Relation'):
            continue
        g, d = by.get(el.get('Governor')), by.get(el.get('Dependent'))
        if g is None or d is None:
            problems.append(f'relation {el.get(XMI_ID)} names no NamedEntity')
            continue
        rels.append([sl(g), sl(d), el.get('value')])
    return [doc([[sl(e), e.get('value')] for e in ents], rels, problems)]


READERS = {'doccano': read_doccano, 'doccano-rel': read_doccano_rel, 'labelstudio': read_labelstudio, 'webanno-tsv': read_webanno_tsv, 'xmi': read_xmi}

result = {}
for arg in sys.argv[1:]:
    kind, path = arg.split(':', 1)
    result.setdefault(kind, []).extend(READERS[kind](path))
print(json.dumps(result, ensure_ascii=False))
