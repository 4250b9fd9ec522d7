"""Reads a Hugging Face token-classification JSONL export as datasets'
json loader and a seqeval-style BIO check do: one JSON object a line, ids
unique, tokens and ner_tags of equal length, each token one str.split() field,
every I- tag continuing a B-/I- of its label, and no token that a model's
tokenizer reads as nothing: BERT's BasicTokenizer (google-research/bert
tokenization.py, _clean_text and _is_control, which transformers' BertTokenizer
keeps) drops every character of category Cc or Cf (a zero-width space U+200B,
a word joiner), so a token made of them is an empty word with no label; and no
token holds half a character (a lone combining accent, half an emoji sequence
or flag: half_character).
Prints the rows and the problems."""
import json
import sys
import unicodedata


def seen_by_bert(tok):
    return ''.join(c for c in tok if c in '\t\n\r' or unicodedata.category(c) not in ('Cc', 'Cf'))

def half_character(tok):
    """Why a token holds part of a character (a grapheme cluster) and not all of it, or None. Python has no
    grapheme segmenter without the regex module, so the plain cases are checked: a token that starts with a
    combining mark (category M: a lone accent, which an uncased BERT's strip_accents drops, leaving nothing) or with
    a zero-width joiner, one that ends with a joiner (half an emoji ZWJ sequence), and an odd number of regional
    indicators (half a flag)."""
    if unicodedata.category(tok[0]).startswith('M'):
        return 'starts with the combining mark U+%04X' % ord(tok[0])
    if tok[0] == '\u200d' or tok[-1] == '\u200d':
        return 'starts or ends with a zero-width joiner'
    if sum(1 for c in tok if 0x1F1E6 <= ord(c) <= 0x1F1FF) % 2:
        return 'an odd number of regional indicators, half a flag'
    return None


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
            elif half_character(tok):
                problems.append('line %d: token %r holds half a character (%s)' % (n, tok, half_character(tok)))
            if tag.startswith('I-') and (prev == 'O' or prev[2:] != tag[2:]):
                problems.append('line %d: %s after %s' % (n, tag, prev))
            if tag != 'O' and tag[:2] not in ('B-', 'I-'):
                problems.append('line %d: tag %r' % (n, tag))
            prev = tag
json.dump({'rows': rows, 'problems': problems}, sys.stdout)
