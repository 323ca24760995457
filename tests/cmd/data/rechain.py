#!/usr/bin/env python3
"""A forger's tool for the journal tests: recompute every entry's hash (the rule of
lib/registry/journal.c, s40_journal_hash) from the rows as they stand, and print the UPDATE
statements that write the recomputed chain back, so that the chain alone looks intact.

    dbsql "SELECT seq, at, \"user\", op, entity, detail FROM journal ORDER BY seq" |
        rechain.py sqlite|pg | dbsql
"""
import hashlib
import struct
import sys

engine = sys.argv[1]
prev = bytes(32)
out = []
for line in sys.stdin.read().splitlines():
    seq, at, user, op, entity, detail = line.split("|", 5)
    h = hashlib.sha256()
    h.update(prev)
    h.update(struct.pack(">q", int(seq)))
    h.update(struct.pack(">q", int(at)))
    for s in (user, op, entity, detail):
        b = s.encode()
        h.update(struct.pack(">I", len(b)))
        h.update(b)
    new = h.digest()

    def lit(b):
        return f"X'{b.hex()}'" if engine == "sqlite" else f"'\\x{b.hex()}'::bytea"

    out.append(f"UPDATE journal SET prev_hash = {lit(prev)}, hash = {lit(new)} WHERE seq = {seq};")
    prev = new
print("\n".join(out))
