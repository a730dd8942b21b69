"""corrupt-summary.py IN OUT: writes a copy of the summary file IN whose
first lock chain points at a location that does not exist (well-formed JSON,
inconsistent content)."""
import json
import sys

source, target = sys.argv[1:3]
doc = json.load(open(source))


def first_chain(x):
    if isinstance(x, dict):
        if isinstance(x.get("chain"), list) and x["chain"]:
            return x["chain"]
        values = list(x.values())
    elif isinstance(x, list):
        values = x
    else:
        return None
    for v in values:
        found = first_chain(v)
        if found is not None:
            return found
    return None


chain = first_chain(doc["functions"])
assert chain is not None, "no lock chain in " + source
chain[0]["loc"] = 99999
json.dump(doc, open(target, "w"))
