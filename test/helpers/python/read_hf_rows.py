"""Reads a Hugging Face token-classification JSONL export as datasets'
json loader and a seqeval-style BIO check do: one JSON object a line, ids
unique, tokens and ner_tags of equal length, each token one str.split() field,
every I- tag continuing a B-/I- of its label, and no token that a model's
tokenizer reads as nothing: BERT's BasicTokenizer (google-research/bert
tokenization.py, _clean_text and _is_control, which transformers' BertTokenizer
keeps) drops every character of category Cc or Cf (a zero-width space U+200B,
a word joiner), so a token made of them is an empty word with no label.
Prints the rows and the problems."""
import json
import sys
import unicodedata


def seen_by_bert(tok):
    return ''.join(c for c in tok if c in '\t\n\r' or unicodedata.category(c) not in ('Cc', 'Cf'))

rows, problems, seen = [], [], set()
with open(sys.argv[1], encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        row = json.loads(line)
        rows.append(row)
        if row['id'] in seen:
            problems.append('line %d: id %r again' % (n, row['id']))
        seen.add(row['id'])
        if len(row['tokens']) != len(row['ner_tags']):
            problems.append('line %d: %d tokens, %d tags' % (n, len(row['tokens']), len(row['ner_tags'])))
        prev = 'O'
        for tok, tag in zip(row['tokens'], row['ner_tags']):
            if tok.split() != [tok]:
                problems.append('line %d: token %r is not one field' % (n, tok))
            elif not seen_by_bert(tok).strip():
                problems.append('line %d: token %r is empty to a model\'s tokenizer' % (n, tok))
            if tag.startswith('I-') and (prev == 'O' or prev[2:] != tag[2:]):
                problems.append('line %d: %s after %s' % (n, tag, prev))
            if tag != 'O' and tag[:2] not in ('B-', 'I-'):
                problems.append('line %d: tag %r' % (n, tag))
            prev = tag
json.dump({'rows': rows, 'problems': problems}, sys.stdout)
