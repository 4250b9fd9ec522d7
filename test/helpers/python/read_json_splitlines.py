"""Reads a JSON export as everyday Python code does: the whole file, then
str.splitlines() and json.loads per non-empty line (JSONL), or json.loads of
the whole file (a JSON array). Prints the values read, or the error."""
import json
import sys

path, kind = sys.argv[1], sys.argv[2]
with open(path, encoding='utf-8') as f:
    data = f.read()
try:
    values = json.loads(data) if kind == 'array' else [json.loads(l) for l in data.splitlines() if l.strip()]
    json.dump({'values': values}, sys.stdout)
except ValueError as e:
    json.dump({'error': str(e)}, sys.stdout)
