"""What spaCy training code gets from a spaCy JSON export: for each example, `doc.char_span(start, end, label)`
with spaCy's default strict alignment, for every entity and every span of every group.

Usage: read_spacy_char_spans.py FILE (one JSON array of [text, annotations], as the `spacy` export writes it).

spaCy itself is not installed here, so the Doc's tokens follow the part of spaCy's Tokenizer.__call__
(spacy/tokenizer.pyx) that decides where tokens may start and end around whitespace: the text is cut into runs of
whitespace and non-whitespace (str.isspace()); a single " " after a word is that word's trailing space
(token.whitespace_), and any other whitespace run is a token of its own (less one trailing " ", which becomes its
trailing space). Words are not split further at prefixes, suffixes or infixes, so a test text keeps punctuation away
from span edges. Doc.char_span (spacy/tokens/doc.pyx, alignment_mode="strict") gives a Span only when start is some
token's idx and end some token's idx + len(token.text); else None.

Prints, per example, {"entities": [[slice, label, aligned]], "groups": {key: [[slice, label, aligned]]}}.
"""
import json
import sys


def tokens(text):
    """(idx, end) of each token, as above."""
    out, i, n = [], 0, len(text)
    while i < n:
        j = i
        space = text[i].isspace()
        while j < n and text[j].isspace() == space:
            j += 1
        if not space:
            out.append((i, j))
        else:
            run = text[i:j]
            # A run right after a word: its first " " is that word's trailing space.
            start = i + 1 if out and out[-1][1] == i and run[0] == ' ' else i
            end = j - 1 if j - 1 > start and text[j - 1] == ' ' else j
            if start < end:
                out.append((start, end))
        i = j
    return out


def read(path):
    with open(path, encoding='utf-8') as f:
        examples = json.load(f)
    result = []
    for text, ann in examples:
        toks = tokens(text)
        starts = {a for a, _ in toks}
        ends = {b for _, b in toks}

        def char_span(s, e, label):
            return [text[s:e], label, s in starts and e in ends and s < e]

        result.append({
            'entities': [char_span(*t) for t in ann.get('entities', [])],
            'groups': {k: [char_span(*t) for t in v] for k, v in ann.get('spans', {}).items()},
        })
    return result


json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False)
