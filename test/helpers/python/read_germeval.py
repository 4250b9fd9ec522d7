"""A GermEval 2014 file as Hugging Face's `germeval_14` loader reads it (datasets' germeval_14.py,
_generate_examples): csv.reader(delimiter="\t", quoting=csv.QUOTE_NONE); a row whose first cell is "#"
sets the sentence's source (its other cells joined by a space); other rows are `id, token, label,
nested_label` (row[:4]); an empty row ends a sentence, which must have a source ("Source for new
sentence was not set" is an assertion there). Each sentence's outer and inner entities are read as
seqeval's get_entities reads IOB2 (an I- after O or another label starts a chunk).

Usage: read_germeval.py FILE. Prints [{"source", "tokens", "outer": [[words, label]], "inner": [...],
"problems": [...]}] per sentence.
"""
import csv
import json
import sys

from read_training_chunks import chunks  # seqeval's get_entities over IOB2, as the training exports are read


sentences = []
source, rows, problems = '', [], []


def finish():
    global source, rows, problems
    if not rows:
        return
    if not source:
        problems.append('no source line before the sentence')
    for n, r in enumerate(rows, 1):
        if len(r) != 4:
            problems.append(f'row {n} has {len(r)} cells')
        elif r[0] != str(n):
            problems.append(f'row {n} is numbered {r[0]}')
    tokens = [r[1] for r in rows]
    sentences.append({'source': source, 'tokens': tokens, 'outer': chunks(tokens, [r[2] for r in rows]),
                      'inner': chunks(tokens, [r[3] for r in rows]), 'problems': problems})
    source, rows, problems = '', [], []


with open(sys.argv[1], encoding='utf-8', newline='') as f:
    for row in csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE):
        if row:
            if row[0] == '#':
                source = ' '.join(row[1:])
                continue
            rows.append(row)
        else:
            finish()
finish()
json.dump(sentences, sys.stdout, ensure_ascii=False)
