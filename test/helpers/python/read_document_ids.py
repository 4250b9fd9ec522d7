"""The document ids of a JSON (an array of records) or JSON-lines export, as Python reads them: per record its
`id` and, for a Label Studio task, `data.id`, each with Python's type name ("int", "str"), and whether a join on
the source's ids finds it (`id in wanted`, the way a pandas merge or a dict lookup matches: 17 != "17").
Usage: read_document_ids.py FILE WANTED_JSON. Prints [{"id": ..., "type": ..., "data_id_type": ..., "joined": ...}]."""
import json
import sys

with open(sys.argv[1], encoding='utf-8') as f:
    body = f.read()
wanted = json.loads(sys.argv[2])
try:
    records = json.loads(body)
    if not isinstance(records, list):
        records = [records]
except json.JSONDecodeError:
    records = [json.loads(line) for line in body.splitlines() if line.strip()]
out = []
for r in records:
    data = r.get('data') if isinstance(r.get('data'), dict) else {}
    out.append({
        'id': r.get('id'),
        'type': type(r.get('id')).__name__,
        'data_id_type': type(data['id']).__name__ if 'id' in data else None,
        'joined': r.get('id') in wanted or data.get('id') in wanted,
    })
json.dump(out, sys.stdout)
