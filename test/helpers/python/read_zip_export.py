"""Reads a ZIP download as Python's standard library does (zipfile): checks
every member's CRC (testzip), then extracts it into the folder given and lists
each member's name and the SHA-256 of its bytes. Prints JSON."""
import hashlib
import json
import sys
import zipfile

archive, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive) as z:
    bad = z.testzip()
    members = []
    for info in z.infolist():
        data = z.read(info)
        members.append({'name': info.filename, 'dir': info.is_dir(), 'utf8': bool(info.flag_bits & 0x800),
                        'sha256': hashlib.sha256(data).hexdigest()})
    z.extractall(dest)
json.dump({'bad': bad, 'members': members}, sys.stdout)
