"""What spaCy training code gets from a spaCy JSON export: for each example, `doc.char_span(start, end, label)`
with spaCy's default strict alignment, for every entity and every span of every group.

Usage: read_spacy_char_spans.py FILE (one JSON array of [text, annotations], as the `spacy` export writes it).

spaCy itself is not installed here, so the Doc's tokens follow the part of spaCy's Tokenizer.__call__
(spacy/tokenizer.pyx) that decides where tokens may start and end around whitespace: the text is cut into runs of
whitespace and non-whitespace (str.isspace()); a single " " after a word is that word's trailing space
(token.whitespace_), and any other whitespace run is a token of its own (less one trailing " ", which becomes its
trailing space). Each word is then split as spaCy's English punctuation rules split it (spacy/lang/punctuation.py,
char_classes.py; no tokenizer exceptions beyond n't): prefixes (a leading punctuation or symbol character), suffixes (a
trailing one; "." only after a lowercase letter, a digit, punctuation or two capitals, so "U.S." stays whole; 's and
n't), and infixes (a hyphen or dash after a letter or digit before a letter, : < > = / likewise, "," between letters,
"." between a lowercase and a capital letter, + - * ^ between digits). Doc.char_span (spacy/tokens/doc.pyx, alignment_mode="strict") gives a Span only when start is some
token's idx and end some token's idx + len(token.text); else None.

Prints, per example, {"entities": [[slice, label, aligned]], "groups": {key: [[slice, label, aligned]]}}.
"""
import json
import sys
import unicodedata


def punct(c):
    return unicodedata.category(c)[0] in 'PS'


def suffix_len(w):
    for clitic in ("n't", "n’t", "'s", "’s", "'S", "’S"):
        if len(w) > len(clitic) and w.endswith(clitic):
            return len(clitic)
    last = w[-1]
    if last == '.':
        before = w[-2]
        two_caps = len(w) > 2 and w[-2].isupper() and w[-3].isupper()
        return 1 if before.islower() or before.isdigit() or punct(before) or two_caps else 0
    return 1 if punct(last) else 0


def infix_at(w, k):
    c, a, b = w[k], w[k - 1], w[k + 1]
    if c in '-–—' and a.isalnum() and b.isalpha():
        return True
    if c in ':<>=/' and a.isalnum() and b.isalpha():
        return True
    if c == ',' and a.isalpha() and b.isalpha():
        return True
    if c == '.' and a.islower() and b.isupper():
        return True
    return c in '+-*^' and a.isdigit() and (b.isdigit() or b == '-')


def split_word(text, i, j):
    """(idx, end) of the tokens spaCy's prefix, suffix and infix rules make of the word text[i:j]."""
    pre, suf = [], []
    a, b = i, j
    changed = True
    while changed and b - a > 1:
        changed = False
        if punct(text[a]):
            pre.append((a, a + 1))
            a += 1
            changed = True
            continue
        n = suffix_len(text[a:b])
        if n and b - n > a:
            suf.insert(0, (b - n, b))
            b -= n
            changed = True
    mid, start = [], a
    for k in range(a + 1, b - 1):
        if infix_at(text, k):
            if start < k:
                mid.append((start, k))
            mid.append((k, k + 1))
            start = k + 1
    if start < b:
        mid.append((start, b))
    return pre + mid + suf


def tokens(text):
    """(idx, end) of each token, as above."""
    out, i, n = [], 0, len(text)
    while i < n:
        j = i
        space = text[i].isspace()
        while j < n and text[j].isspace() == space:
            j += 1
        if not space:
            out.extend(split_word(text, i, j))
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
