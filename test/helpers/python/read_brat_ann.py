"""Reads a brat .ann as Python standoff readers do (the file's text, then
str.splitlines(), each line split('\t', 2)), and checks each T line's offsets
against the .txt beside it, sliced by code points. Prints the T lines read and
the problems found."""
import json
import sys

ann, txt = sys.argv[1], sys.argv[2]
with open(txt, encoding='utf-8', newline='') as f:
    text = f.read()
with open(ann, encoding='utf-8', newline='') as f:
    lines = f.read().splitlines()
spans, problems = [], []
for n, line in enumerate(lines, 1):
    if not line.strip():
        continue
    parts = line.split('\t', 2)
    if not parts[0][:1] in 'TRAENM#*':
        problems.append('line %d: %r is no annotation' % (n, line))
        continue
    if parts[0].startswith('T'):
        label, offsets = parts[1].split(' ', 1)
        frags = [tuple(int(x) for x in fr.split(' ')) for fr in offsets.split(';')]
        if any(e > len(text) or s > e for s, e in frags):
            problems.append('line %d: offsets %r outside the text' % (n, offsets))
        spans.append({'id': parts[0], 'label': label, 'frags': frags, 'text': parts[2] if len(parts) > 2 else None})
json.dump({'spans': spans, 'problems': problems}, sys.stdout)
