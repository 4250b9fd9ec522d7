"""Reads a brat annotation.conf as brat's own configuration reader does (nlplab/brat, MIT licence,
server/src/projectconfig.py: __parse_configs, __read_term_hierarchy, TypeHierarchyNode), written here
from its rules, not copied: sections are "[name]" lines; in a section, blank lines and lines starting
with "#" are skipped, a line of hyphens is a separator, "<NAME>=value" defines a macro; other lines are
"terms args" split at the first run of whitespace, terms split at "|" (the first is the type, a leading
"!" marks it unusable), args split at ","; each arg must be KEY:TYPES (else brat refuses the whole
configuration), TYPES split at "|". The stored name of a type is its first term with every character
outside ASCII letters, digits, _ and - replaced by _ (normalize_to_storage_form).
Usage: read_brat_conf.py annotation.conf. Prints {"error": null or why brat refuses the file,
"types": {section: [[written, stored]]}, "arg_types": [[relation, key, type]]}."""
import json
import re
import sys


def storage(t):
    return re.sub(r'[^a-zA-Z0-9_-]', '_', t.replace(' ', '_'))


sections, current = {}, None
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f.read().split('\n'):
        m = re.match(r'^\s*\[(.*)\]\s*$', line)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)

types, arg_types, error = {}, [], None
for section, lines in sections.items():
    out = types.setdefault(section, [])
    for line in lines:
        if line.strip() == '' or re.match(r'^\s*#', line) or re.match(r'^\s*-+\s*$', line) or re.match(r'^<([a-zA-Z_-]+)>=\s*(.*?)\s*$', line):
            continue
        m = re.match(r'^(\s*)(\S+)(?:\s+(.*))?$', line)
        terms = [t.strip() for t in m.group(2).split('|') if t.strip()]
        first = terms[0][1:] if terms[0].startswith('!') else terms[0]
        out.append([m.group(2), storage(first)])
        args = [a.strip() for a in (m.group(3) or '').split(',') if a.strip()]
        for a in args:
            am = re.match(r'^(\S*?):(\S*)$', a)
            if not am:
                error = error or 'failed to parse argument %r of %r' % (a, line)
                continue
            if section != 'attributes':
                for t in am.group(2).split('|'):
                    arg_types.append([first, am.group(1), t])
print(json.dumps({'error': error, 'types': types, 'arg_types': arg_types}, ensure_ascii=False))
