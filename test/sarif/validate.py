#!/usr/bin/env python3
"""Validates a SARIF log (a file, or - for standard input) against the
committed SARIF 2.1.0 schema. Prints 'valid' or the first errors."""
import json
import os
import sys

import jsonschema

schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "sarif-schema-2.1.0.json")
with open(schema_path) as f:
    schema = json.load(f)
source = sys.stdin if sys.argv[1:] in ([], ["-"]) else open(sys.argv[1])
log = json.load(source)
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
if errors:
    for error in errors[:10]:
        print("invalid at /" + "/".join(str(p) for p in error.path) + ": " +
              error.message, file=sys.stderr)
    sys.exit(1)
print("valid")
