"""Prints a SARIF log (a file, or - for stdin) one fact a line, for FileCheck:

  rule[N] ID
  result RULEID (ruleIndex N -> RULE) LEVEL: MESSAGE
    location URI:LINE:COLUMN
    related ID URI:LINE:COLUMN: MESSAGE
    flow URI:LINE:COLUMN: MESSAGE
    fingerprint VALUE
  invocation executionSuccessful=BOOL
    notification LEVEL: MESSAGE
"""
import json
import sys


def where(physical):
    region = physical.get("region", {})
    return "%s:%s:%s" % (physical["artifactLocation"]["uri"],
                         region.get("startLine"), region.get("startColumn"))


source = sys.stdin if sys.argv[1:] in ([], ["-"]) else open(sys.argv[1])
log = json.load(source)
for run in log["runs"]:
    rules = run["tool"]["driver"]["rules"]
    for index, rule in enumerate(rules):
        print("rule[%d] %s" % (index, rule["id"]))
    for result in run["results"]:
        index = result["ruleIndex"]
        print("result %s (ruleIndex %d -> %s) %s: %s" % (
            result["ruleId"], index, rules[index]["id"], result["level"],
            result["message"]["text"]))
        for loc in result.get("locations", []):
            print("  location " + where(loc["physicalLocation"]))
        for rel in result.get("relatedLocations", []):
            print("  related %s %s: %s" % (rel["id"], where(rel["physicalLocation"]),
                                          rel["message"]["text"]))
        for flow in result.get("codeFlows", []):
            for thread in flow["threadFlows"]:
                for step in thread["locations"]:
                    loc = step["location"]
                    print("  flow %s: %s" % (where(loc["physicalLocation"]),
                                             loc["message"]["text"]))
        for key, value in sorted(result.get("partialFingerprints", {}).items()):
            print("  fingerprint %s %s" % (key, value))
    for invocation in run.get("invocations", []):
        print("invocation executionSuccessful=%s" %
              str(invocation["executionSuccessful"]).lower())
        for note in invocation.get("toolExecutionNotifications", []):
            print("  notification %s: %s" % (note["level"], note["message"]["text"]))
