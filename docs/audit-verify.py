#!/usr/bin/env python3
"""Checks a Gatehouse audit export without Gatehouse (docs/audit.md): python3 audit-verify.py export.json

Re-computes every link of the chain with SHA-256, then writes the checkpoint's signed message and signature
beside the export for openssl to check against the published key:
  openssl pkeyutl -verify -pubin -inkey gatehouse-audit-key.pem -rawin -in export.json.msg -sigfile export.json.sig
"""
import base64, hashlib, json, struct, sys

export = json.load(open(sys.argv[1], encoding="utf-8"))
def field(value): data = (value or "").encode("utf-8"); return struct.pack(">I", len(data)) + data
prev, events, c = bytes(32), export["events"], export["checkpoint"]
if c is None:
    sys.exit("NO CHECKPOINT: the links may hold, but a cut at the end or a re-linked chain would not show")
for n, e in enumerate(events, 1):
    if e["seq"] != n or bytes.fromhex(e["prevHash"]) != prev:
        sys.exit(f"BROKEN at seq {n}: missing, out of order or not linked to the event before it")
    if e["hashVersion"] not in (1, 2) or (e["hashVersion"] == 1 and n > c["v1Until"]):
        sys.exit(f"BROKEN at seq {n}: hash version {e['hashVersion']} where the checkpoint says version 2")
    if e["hashVersion"] == 2:  # version 1 (older events) needs the server's key: checked for links only
        values = ["gatehouse-audit-v2", export["chainKey"], str(e["seq"]), e["accountId"], e["time"], e["type"],
                  e["outcome"], e["reason"], e["ip"], e["country"], e["city"], e["userAgent"], e["sessionId"], e["factor"],
                  e["actor"]] + [v for k in sorted(e["details"]) for v in (k, e["details"][k])]
        if hashlib.sha256(prev + b"".join(map(field, values))).hexdigest() != e["hash"]:
            sys.exit(f"BROKEN at seq {n}: changed, its content does not match its hash")
    prev = bytes.fromhex(e["hash"])
if c["chainKey"] != export["chainKey"] or c["seq"] > len(events) or events[c["seq"] - 1]["hash"] != c["hash"]:
    sys.exit(f"BROKEN: the signed checkpoint vouches for seq {c['seq']}, which this chain does not hold")
message = f"gatehouse-audit-checkpoint-v1\n{c['chainKey']}\n{c['seq']}\n{c['hash']}\n{c['v1Until']}\n{c['signedAt']}\n"
open(sys.argv[1] + ".msg", "wb").write(message.encode("utf-8"))
open(sys.argv[1] + ".sig", "wb").write(base64.b64decode(c["signature"]))
print(f"LINKS INTACT: {len(events)} events, checkpoint at seq {c['seq']}; now check its signature with openssl")
