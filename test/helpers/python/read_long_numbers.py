"""What Python reads as the long numbers of a JSON or JSON-lines file. Python's json module reads an
integer exactly, whatever its size, while a JavaScript number rounds one beyond 2^53
(1234567890123456789 becomes 1234567890123456800). Usage: read_long_numbers.py FILE. Reads the file
as one JSON value, else one value a non-blank line, and prints {"numbers": [[path, digits, kind]]}:
every integer whose digits are 16 or more, and every string of 16 or more digits, with its
path (keys and indexes joined by "/"), its digits as Python's str() gives them, and "int" or "str"."""
import json
import re
import sys

LONG = re.compile(r'^-?\d{16,}$')


def walk(v, path, out):
    if isinstance(v, bool):
        return
    if isinstance(v, int) and len(str(abs(v))) >= 16:
        out.append([path, str(v), 'int'])
    elif isinstance(v, str) and LONG.match(v):
        out.append([path, v, 'str'])
    elif isinstance(v, dict):
        for k, x in v.items():
            walk(x, f'{path}/{k}', out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, f'{path}/{i}', out)


with open(sys.argv[1], encoding='utf-8') as f:
    data = f.read()
try:
    values = [json.loads(data)]
except ValueError:
    values = [json.loads(line) for line in data.splitlines() if line.strip()]
out = []
for i, v in enumerate(values):
    walk(v, str(i) if len(values) > 1 else '', out)
print(json.dumps({'numbers': out}))
