"""What a training script reads from token-tag and spaCy JSON exports.

Arguments are KIND:PATH, KIND one of conll, hf, spacy. For each file it prints
the documents as a model would see them:
- conll: documents split at -DOCSTART- lines, the last column the tag; hf: rows
  grouped by their "document". Entities are read as seqeval's get_entities
  reads IOB2 (a B- starts a chunk, an I- of the same label continues it, an I-
  after O or another label starts one, as conlleval does), each chunk as its
  words joined by a space, with its label; "tagged" lists every word whose tag
  is not O, with its label.
- spacy: one JSON array of [text, annotations]; entities and spans["sc"] as
  Python slices of the text (code points), and whether the example has the
  "sc" key at all (spancat reads an example without it as one with no spans).
- jsonl: each span as the slices of its fragments (or of start:end), with its label.
- prodigy: each task's spans as [text slice, label, whether it starts and ends on its tokens].
"""
import json
import sys


def json_lines(path):
    """Each record of a JSON-lines file; a blank line fails, as training code's line reader would."""
    with open(path, encoding='utf-8') as f:
        for line in f:
            yield json.loads(line)


def chunks(words, tags):
    out, cur = [], None
    for w, t in zip(words, tags):
        if t == 'O':
            cur = None
            continue
        prefix, label = t[:2], t[2:]
        if prefix == 'I-' and cur is not None and cur[1] == label:
            cur[0].append(w)
        else:
            cur = [[w], label]
            out.append(cur)
    return [[' '.join(ws), label] for ws, label in out]


def tagged(words, tags):
    return [[w, t[2:]] for w, t in zip(words, tags) if t != 'O']


def read_conll(path):
    docs, words, tags = [], None, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            cols = line.split()
            if not cols:
                continue
            if cols[0] == '-DOCSTART-':
                if words is not None:
                    docs.append((words, tags))
                words, tags = [], []
                continue
            words.append(cols[0])
            tags.append(cols[-1])
    if words is not None:
        docs.append((words, tags))
    return [{'entities': chunks(w, t), 'tagged': tagged(w, t)} for w, t in docs]


def read_hf(path):
    docs = {}
    for row in json_lines(path):
        d = docs.setdefault(row['document'], {'entities': [], 'tagged': []})
        # A sentence is a row: a chunk never runs on into the next row.
        d['entities'] += chunks(row['tokens'], row['ner_tags'])
        d['tagged'] += tagged(row['tokens'], row['ner_tags'])
    return list(docs.values())


def read_spacy(path):
    with open(path, encoding='utf-8') as f:
        examples = json.load(f)
    out = []
    for text, ann in examples:
        spans = ann.get('spans', {})
        out.append({
            'entities': [[text[s:e], label] for s, e, label in ann['entities']],
            'has_sc': 'sc' in spans,
            'sc': [[text[s:e], label] for s, e, label in spans.get('sc', [])],
        })
    return out


def read_jsonl(path):
    out = []
    for rec in json_lines(path):
        text = rec['text']
        out.append([[[text[a:b] for a, b in (s.get('fragments') or [[s['start'], s['end']]])], s['label']] for s in rec['spans']])
    return out


def read_prodigy(path):
    out = []
    for task in json_lines(path):
        text, tokens = task['text'], task.get('tokens', [])
        spans = []
        for s in task.get('spans', []):
            # Prodigy's training reads a span's tokens: they must start and end where its characters do.
            on_tokens = 'token_start' in s and tokens[s['token_start']]['start'] == s['start'] and tokens[s['token_end']]['end'] == s['end']
            spans.append([text[s['start']:s['end']], s['label'], on_tokens])
        out.append(spans)
    return out


READERS = {'conll': read_conll, 'hf': read_hf, 'spacy': read_spacy, 'jsonl': read_jsonl, 'prodigy': read_prodigy}
if __name__ == '__main__':
    result = {}
    for arg in sys.argv[1:]:
        kind, path = arg.split(':', 1)
        result[kind] = READERS[kind](path)
    json.dump(result, sys.stdout, ensure_ascii=False)
