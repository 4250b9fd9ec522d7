"""Reads a Prodigy JSONL export as Prodigy/spaCy do: rebuild each task's Doc
from tokens (words = text, spaces = ws, as spacy.tokens.Doc(vocab, words,
spaces)), then find each span by its characters on that Doc (char_span, strict);
each token's text must be Python's slice text[start:end] (offsets in code points).
Prints, per task, the problems found (an empty list when the task is sound)."""
import json
import sys

out = []
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f:
        task = json.loads(line)
        text, tokens, problems = task['text'], task['tokens'], []
        doc_text, idx = '', []
        for i, t in enumerate(tokens):
            if t['id'] != i:
                problems.append('token %d has id %r' % (i, t['id']))
            idx.append(len(doc_text))
            doc_text += t['text'] + (' ' if t['ws'] else '')
        if doc_text != text:
            problems.append('Doc(words, spaces).text is %r, not the text %r' % (doc_text, text))
        for i, t in enumerate(tokens):
            if text[t['start']:t['end']] != t['text']:
                problems.append('token %r is %r in text[%d:%d]' % (t['text'], text[t['start']:t['end']], t['start'], t['end']))
            if idx[i] != t['start'] or idx[i] + len(t['text']) != t['end']:
                problems.append('token %r is at %d in the Doc, %d in the task' % (t['text'], idx[i], t['start']))
        starts = {p: i for i, p in enumerate(idx)}
        ends = {p + len(t['text']): i for i, (p, t) in enumerate(zip(idx, tokens))}
        for s in task.get('spans', []):
            if starts.get(s['start']) != s.get('token_start') or ends.get(s['end']) != s.get('token_end'):
                problems.append('span %r: char_span gives tokens %r..%r, the task says %r..%r' % (
                    text[s['start']:s['end']], starts.get(s['start']), ends.get(s['end']), s.get('token_start'), s.get('token_end')))
        out.append({'id': task.get('id'), 'problems': problems})
json.dump(out, sys.stdout)
