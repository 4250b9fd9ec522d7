"""A consumer's view of a .spacy file: reads it as spaCy's DocBin.from_bytes and get_docs do
(spacy/tokens/_serialize.py: zlib, msgpack, numpy.frombuffer of the uint64 token array reshaped to
tokens x attrs, Doc(words=ORTH column, spaces=spaces)), resolves every hash through the file's own
strings as spaCy's StringStore does (a missing one is a KeyError), builds doc.ents from ENT_IOB /
ENT_TYPE (3 B, 1 I, 2 O, 0 missing) and span groups from struct.unpack(">QQQllll"), and prints
each doc's text, ents and groups as Python slices them (code points).

Run with Debian's python3-msgpack and python3-numpy (.ci/run installs them). The string ids are
independent of Spanwright's TypeScript: MurmurHash64A seed 1 in Python (the fixture script's), and
the ids of spaCy's symbols a document's words and labels can spell, below.

spaCy's StringStore gives a symbol's string its symbol id, not its hash (spacy/strings.pyx: `if string
in SYMBOLS_BY_STR: return SYMBOLS_BY_STR[string]`), so an English word such as "number" (432), "root"
(449), "X" (101), "ID" (64) or "_" (456) is stored by that id, and DocBin.from_bytes adds the file's
strings to a StringStore that way. A symbol's id is its place in `cdef enum symbol_t` of
spacy/symbols.pxd (explosion/spaCy, MIT licence, (c) ExplosionAI GmbH). This reader does not hold that
table; it holds the ids of the strings a text or a label can spell, in runs of consecutive ids, each
run anchored on a figure spaCy documents or on the enum's order:
- ID..LANG = 64..83: the token attributes, in the order spacy/attrs.pxd also gives them (its
  IS_ALPHA..FLAG63 take 1..63; website/docs/api/attributes.md gives DEP as 76);
- ADJ..SPACE = 84..103: the Universal POS tags, which spacy/parts_of_speech.pxd aliases to these symbols;
- PERSON..CARDINAL = 380..397: the OntoNotes entity labels (`nlp.vocab.strings["PERSON"]` is 380 in
  spaCy's course; 104..379 are DEPRECATED001..DEPRECATED276 in spaCy 3, v2's morphology features);
- acomp..acl = 398..451: the dependency labels; then ENT_KB_ID, MORPH, ENT_ID, IDX, "_" = 452..456
  (v3's attrs.pyx names MORPH, ENT_ID and IDX; two reimplementations of spaCy 3.8.4's table, in Dart
  and in Rust, give "_" = 456 and DEPRECATED276 = 379);
- FLAG19..FLAG63 are 19..63 and DEPRECATEDnnn is 103 + nnn, by their names.
The flags IS_ALPHA..IS_CURRENCY (1..18) are left out: no tokenizer makes a word of them, and a file
holding one fails below naming the id, not with a bare KeyError.
"""
import json
import os
import struct
import sys
import zlib

import msgpack
import numpy

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'peers', 'spacy-docbin'))
from make_docbin import murmurhash64a  # noqa: E402

RUNS = [
    (64, 'ID ORTH LOWER NORM SHAPE PREFIX SUFFIX LENGTH CLUSTER LEMMA POS TAG DEP ENT_IOB ENT_TYPE HEAD SENT_START SPACY PROB LANG'),
    (84, 'ADJ ADP ADV AUX CONJ CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X EOL SPACE'),
    (380, 'PERSON NORP FACILITY ORG GPE LOC PRODUCT EVENT WORK_OF_ART LANGUAGE LAW DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL'),
    (398, 'acomp advcl advmod agent amod appos attr aux auxpass cc ccomp complm conj cop csubj csubjpass dep det dobj expl hmod '
          'hyph infmod intj iobj mark meta neg nmod nn npadvmod nsubj nsubjpass num number oprd obj obl parataxis partmod pcomp '
          'pobj poss possessive preconj prep prt punct quantmod relcl rcmod root xcomp acl ENT_KB_ID MORPH ENT_ID IDX _'),
]
SYMBOLS = {'': 0}
for first, names in RUNS:
    SYMBOLS.update({name: first + i for i, name in enumerate(names.split())})
SYMBOLS.update({f'FLAG{n}': n for n in range(19, 64)})
SYMBOLS.update({f'DEPRECATED{n:03d}': 103 + n for n in range(1, 277)})
assert (SYMBOLS['DEP'], SYMBOLS['PERSON']) == (76, 380)  # the documented anchors
assert (SYMBOLS['number'], SYMBOLS['root'], SYMBOLS['_'], SYMBOLS['DEPRECATED276']) == (432, 449, 456, 379)
ORTH, ENT_IOB, ENT_TYPE = SYMBOLS['ORTH'], SYMBOLS['ENT_IOB'], SYMBOLS['ENT_TYPE']


def string_id(s):
    """StringStore.add's key for s: its symbol id, else its hash."""
    return SYMBOLS[s] if s in SYMBOLS else murmurhash64a(s.encode('utf8'), 1)


msg = msgpack.loads(zlib.decompress(open(sys.argv[1], 'rb').read()), raw=False)
attrs = msg['attrs']
vocab = {string_id(s): s for s in msg['strings']}
# StringStore.__getitem__ also answers a symbol id whether or not the file's strings hold its string.
vocab.update({i: s for s, i in SYMBOLS.items() if i not in vocab})


def lookup(key, what):
    if key not in vocab:
        sys.exit(f'{what}: id {key} is neither the hash of one of the file\'s strings nor a symbol this reader knows'
                 f' (a symbol below 1000 the file spelled otherwise?)')
    return vocab[key]



lengths = numpy.frombuffer(msg['lengths'], dtype='int32')
flat_spaces = numpy.frombuffer(msg['spaces'], dtype=bool)
flat_tokens = numpy.frombuffer(msg['tokens'], dtype='uint64').reshape((-1, len(attrs)))
assert flat_tokens.shape[0] == flat_spaces.shape[0] == int(lengths.sum())
docs = []
first = 0
for d, n in enumerate(lengths):
    toks, spaces = flat_tokens[first:first + n], flat_spaces[first:first + n]
    first += n
    words = [lookup(int(t), f'doc {d} ORTH') for t in toks[:, attrs.index(ORTH)]]
    text = ''.join(w + (' ' if s else '') for w, s in zip(words, spaces))
    idx, pos = [], 0
    for w, s in zip(words, spaces):
        idx.append(pos)
        pos += len(w) + (1 if s else 0)
    ents, cur = [], None
    for i, (iob, typ) in enumerate(zip(toks[:, attrs.index(ENT_IOB)], toks[:, attrs.index(ENT_TYPE)])):
        if cur and iob != 1:
            ents.append(cur)
            cur = None
        if iob == 3:
            cur = [i, i + 1, lookup(int(typ), f'doc {d} ENT_TYPE')]
        elif iob == 1:
            assert cur and lookup(int(typ), f'doc {d} ENT_TYPE') == cur[2], f'doc {d} token {i}: I without its B'
            cur[1] = i + 1
        else:
            assert iob == 2, f'doc {d} token {i}: ENT_IOB {iob}'
    if cur:
        ents.append(cur)
    groups = {}
    for group_bytes in msgpack.loads(msg['span_groups'][d], raw=False):
        g = msgpack.loads(group_bytes, raw=False)
        spans = []
        for b in g['spans']:
            _id, _kb, label, s0, e0, sc, ec = struct.unpack('>QQQllll', b)
            assert sc == idx[s0] and ec == idx[e0 - 1] + len(words[e0 - 1]), f'doc {d}: span chars {sc}-{ec} are not on tokens {s0}-{e0}'
            spans.append([text[sc:ec], lookup(label, f'doc {d} group {g["name"]} label')])
        groups[g['name']] = spans
    docs.append({'text': text, 'ents': [[text[idx[a]:idx[b - 1] + len(words[b - 1])], lab] for a, b, lab in ents], 'groups': groups,
                 'flags': msg['flags'][d], 'cats': msg['cats'][d]})
json.dump(docs, sys.stdout, ensure_ascii=False)
