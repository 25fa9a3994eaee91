#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS from the committed seeds, keeping what it learns in a
# work corpus and any crashing input in FINDINGS. Exit status: the fuzzer's (0 = no finding).
# Usage: run_fuzzer.sh BINARY SEEDS WORK FINDINGS SECONDS
set -euo pipefail
binary=$1 seeds=$2 work=$3 findings=$4 seconds=$5
mkdir -p "$work" "$findings"
# Findings of earlier runs are replayed first: one that passes now was fixed, and is moved to
# fixed/<target>/ beside findings/ (commit it as a seed if it is worth keeping); one that still
# fails stays, and the run says so, so that an old finding neither hides nor fakes a new one.
fixed=$(dirname "$findings")/../fixed/$(basename "$findings")
for old in "$findings"/*; do
  [ -f "$old" ] || continue
  if "$binary" -runs=1 -timeout=25 -rss_limit_mb=3072 "$old" >/dev/null 2>&1; then
    mkdir -p "$fixed"
    mv "$old" "$fixed/"
    echo "replayed $(basename "$old"): passes now; moved to $fixed/"
  else
    echo "replayed $(basename "$old"): still fails"
  fi
done
# -timeout: one input taking longer than 25 s is a finding (a hang); -rss_limit_mb: as is one
# that makes the process grow past 3 GB. The first corpus directory is the one written to.
exec "$binary" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=3072 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$findings/" "$work" "$seeds"
