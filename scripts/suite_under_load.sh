#!/usr/bin/env bash
# Run the whole suite RUNS times in a row on a fresh clone of this repository's HEAD, beside
# BUSY busy loops that each hold a core (the parallel CPU load), and print one line per run.
# A suite that depends on timing or load fails here first.
#   scripts/suite_under_load.sh [RUNS=10] [BUSY=1] [CLONE=/tmp/since-oct7-stress]
set -u
RUNS=${1:-10}
BUSY=${2:-1}
CLONE=${3:-/tmp/since-oct7-stress}
rm -rf "$CLONE" && git clone -q "$(git rev-parse --show-toplevel)" "$CLONE" && cd "$CLONE" || exit 1
echo "clone at $(git log --oneline -1); $BUSY busy loop(s); $(nproc) cores"
pids=()
for _ in $(seq 1 "$BUSY"); do python3 -c "while True: pass" & pids+=($!); done
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  make test ARGS="-q -p no:cacheprovider" > "run$i.log" 2>&1 || failed=$((failed + 1))
  echo "run $i: $(($(date +%s) - start)) s, load $(cut -d' ' -f1 /proc/loadavg):" \
       "$(grep -E '[0-9]+ (passed|failed)' "run$i.log" | tail -1)"
done
echo "$((RUNS - failed)) of $RUNS runs passed (logs: $CLONE/run*.log)"
[ "$failed" = 0 ]
