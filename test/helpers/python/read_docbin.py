"""A consumer's view of a .spacy file: reads it as spaCy's DocBin.from_bytes and get_docs do
(spacy/tokens/_serialize.py: zlib, msgpack, numpy.frombuffer of the uint64 token array reshaped to
tokens x attrs, Doc(words=ORTH column, spaces=spaces)), resolves every hash through the file's own
strings as spaCy's StringStore does (a missing one is a KeyError), builds doc.ents from ENT_IOB /
ENT_TYPE (3 B, 1 I, 2 O, 0 missing) and span groups from struct.unpack(">QQQllll"), and prints
each doc's text, ents and groups as Python slices them (code points).

Run with Debian's python3-msgpack and python3-numpy (.ci/run installs them). The string ids are
independent of Spanwright's TypeScript: MurmurHash64A seed 1 in Python (the fixture script's), and
the symbol ids of spaCy's entity labels as spaCy's docs list them.
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

# spacy/symbols.pxd: the entity labels, in order from PERSON = 380 (and "" = 0).
ENTITY_SYMBOLS = ['PERSON', 'NORP', 'FACILITY', 'ORG', 'GPE', 'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LANGUAGE', 'LAW',
                  'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL']
SYMBOLS = {'': 0, **{s: 380 + i for i, s in enumerate(ENTITY_SYMBOLS)}}


def string_id(s):
    return SYMBOLS[s] if s in SYMBOLS else murmurhash64a(s.encode('utf8'), 1)


msg = msgpack.loads(zlib.decompress(open(sys.argv[1], 'rb').read()), raw=False)
attrs = msg['attrs']
vocab = {string_id(s): s for s in msg['strings']}
lengths = numpy.frombuffer(msg['lengths'], dtype='int32')
flat_spaces = numpy.frombuffer(msg['spaces'], dtype=bool)
flat_tokens = numpy.frombuffer(msg['tokens'], dtype='uint64').reshape((-1, len(attrs)))
assert flat_tokens.shape[0] == flat_spaces.shape[0] == int(lengths.sum())
docs = []
first = 0
for d, n in enumerate(lengths):
    toks, spaces = flat_tokens[first:first + n], flat_spaces[first:first + n]
    first += n
    words = [vocab[int(t)] for t in toks[:, attrs.index(65)]]
    text = ''.join(w + (' ' if s else '') for w, s in zip(words, spaces))
    idx, pos = [], 0
    for w, s in zip(words, spaces):
        idx.append(pos)
        pos += len(w) + (1 if s else 0)
    ents, cur = [], None
    for i, (iob, typ) in enumerate(zip(toks[:, attrs.index(77)], toks[:, attrs.index(78)])):
        if cur and iob != 1:
            ents.append(cur)
            cur = None
        if iob == 3:
            cur = [i, i + 1, vocab[int(typ)]]
        elif iob == 1:
            assert cur and vocab[int(typ)] == cur[2], f'doc {d} token {i}: I without its B'
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
            spans.append([text[sc:ec], vocab[label]])
        groups[g['name']] = spans
    docs.append({'text': text, 'ents': [[text[idx[a]:idx[b - 1] + len(words[b - 1])], lab] for a, b, lab in ents], 'groups': groups,
                 'flags': msg['flags'][d], 'cats': msg['cats'][d]})
json.dump(docs, sys.stdout, ensure_ascii=False)
