#!/bin/sh
# Stands in for clang-deadlock check: logs each run, reads the buffer, takes
# three seconds (in a child process, as a real analysis may), then reports
# one finding at the top of the file (its last argument).
for File; do :; done
Log="$(dirname "$0")/runs.log"
echo start >> "$Log"
cat > /dev/null
sleep 3
echo done >> "$Log"
printf '{"findings":[{"file":"%s","line":1,"column":1,"check":"deadlock-double-lock","message":"stand-in finding","notes":[]}],"errors":[]}\n' "$(realpath "$File")"
exit 1
