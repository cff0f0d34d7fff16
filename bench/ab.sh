#!/usr/bin/env bash
# Two builds of ztm, timed in alternation on one model, so that a shared host's drift
# falls on both alike (every before/after figure in the commit messages was taken so):
#   bash bench/ab.sh N DIR_A DIR_B [MODEL]
# DIR_A and DIR_B are checkouts with `npm run build` done (a `git worktree` of the old
# commit, with node_modules linked, serves). Each run is `ztm analyze MODEL --format json
# -o … --markdown …`; prints the median and fastest wall time of each build in ms. The
# reports of the last runs stay in /tmp/ab-A.* and /tmp/ab-B.* to compare with cmp.
set -euo pipefail
n=$1; a=$2; b=$3; model=${4:-.bench/model-10000.yaml}
ta=(); tb=()
for _ in $(seq "$n"); do
  for side in A B; do
    dir=$a; [ "$side" = B ] && dir=$b
    s=$(date +%s%N)
    node "$dir/bin/ztm.js" analyze "$model" --format json -o "/tmp/ab-$side.json" --markdown "/tmp/ab-$side.md" 2>/dev/null || [ $? -eq 1 ]
    ms=$(( ($(date +%s%N) - s) / 1000000 ))
    if [ "$side" = A ]; then ta+=("$ms"); else tb+=("$ms"); fi
  done
done
stats() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "median %d ms, fastest %d ms", v[int((NR+1)/2)], v[1]}'; }
echo "A ($a): $(stats "${ta[@]}")"
echo "B ($b): $(stats "${tb[@]}")"
