"""Reads a CoNLL file as spaCy's `spacy convert --converter ner` does, without spaCy: a re-implementation of
conll_ner_to_docs (spacy/training/converters/conll_ner_to_docs.py, spaCy v3) with its defaults (n_sents=10,
seg_sents=False), iob_to_biluo and tags_to_entities (spacy/training/iob_utils.py). Documents are split at the
literal string "-DOCSTART- -X- O O" only (input_data.strip().split(doc_delimiter)); without it every 10 sentences
make a document (segment_docs); sentences are split at blank lines; the first column is the word, the last the tag,
a second one (with more than two) the POS. Prints [{"words": [...], "ents": [[label, first, last], ...]}] or
{"error": "..."} where spaCy raises (E903: a sentence line of fewer than two columns)."""
import json
import sys

DOC_DELIMITER = "-DOCSTART- -X- O O"


def iob_to_biluo(tags):
    out, tags = [], list(tags)
    while tags:
        while tags and tags[0] == "O":
            out.append(tags.pop(0))
        if not tags:
            break
        tag = tags.pop(0)
        target_in, target_last, length = "I" + tag[1:], "L" + tag[1:], 1
        while tags and tags[0] in {target_in, target_last}:
            length += 1
            tags.pop(0)
        label = tag[2:]
        if length == 1:
            if not label:
                raise ValueError("E177: ill-formed IOB input %r" % tag)
            out.append("U-" + label)
        else:
            out.extend(["B-" + label] + ["I-" + label] * (length - 2) + ["L-" + label])
    return out


def tags_to_entities(tags):
    entities, start = [], None
    for i, tag in enumerate(tags):
        if tag is None or tag.startswith("-"):
            if start is not None:
                start = None
            else:
                entities.append(("", i, i))
        elif tag.startswith("O"):
            pass
        elif tag.startswith("I"):
            if start is None:
                raise ValueError("E067: I without B")
        elif tag.startswith("U"):
            entities.append((tag[2:], i, i))
        elif tag.startswith("B"):
            start = i
        elif tag.startswith("L"):
            if start is None:
                raise ValueError("E067: L without B")
            entities.append((tag[2:], start, i))
            start = None
        else:
            raise ValueError("E068: invalid tag %r" % tag)
    return entities


def segment_docs(input_data, n_sents):
    sents = input_data.split("\n\n")
    out = ""
    for i in range(0, len(sents), n_sents):
        out += "\n\n" + DOC_DELIMITER + "\n\n".join(sents[i:i + n_sents])
    return out


def convert(input_data, n_sents=10):
    if DOC_DELIMITER in input_data and n_sents:
        n_sents = 0
    if "\n\n" in input_data and DOC_DELIMITER not in input_data and n_sents:
        input_data = segment_docs(input_data, n_sents)
    docs = []
    for conll_doc in input_data.strip().split(DOC_DELIMITER):
        conll_doc = conll_doc.strip()
        if not conll_doc:
            continue
        words, biluo = [], []
        for conll_sent in conll_doc.split("\n\n"):
            conll_sent = conll_sent.strip()
            if not conll_sent:
                continue
            lines = [line.strip() for line in conll_sent.split("\n") if line.strip()]
            cols = list(zip(*[line.split() for line in lines]))
            if len(cols) < 2:
                raise ValueError("E903: the number of columns is less than two")
            words.extend(cols[0])
            biluo.extend(iob_to_biluo(cols[-1]))
        docs.append({"words": words, "ents": [list(e) for e in tags_to_entities(biluo)]})
    return docs


with open(sys.argv[1], encoding="utf-8") as f:
    data = f.read()
try:
    json.dump(convert(data), sys.stdout)
except ValueError as e:
    json.dump({"error": str(e)}, sys.stdout)
