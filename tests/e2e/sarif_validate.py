#!/usr/bin/python3
"""Validates SARIF files against the official 2.1.0 JSON schema (draft-04).
Runs under Debian's /usr/bin/python3, where python3-jsonschema lives.
usage: sarif_validate.py SCHEMA FILE..."""
import json, sys
import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("%s: %s: %s" % (path, "/".join(str(p) for p in e.path), e.message))
    bad += len(errors)
    if not errors:
        print("%s: valid SARIF 2.1.0" % path)
sys.exit(1 if bad else 0)
