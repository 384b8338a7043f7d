#!/usr/bin/env bash
# Builds every fuzz target (fuzz/build-<name>.sh) with clang's libFuzzer and runs each
# for a bounded time over its corpus in the tree (fuzz/corpus/<name>/), which it only
# reads: new inputs go to a scratch folder. A crash, leak, timeout or out-of-memory
# fails the run and leaves the input in build/fuzz/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
out="$PWD/build/fuzz"
mkdir -p "$out"
for build in fuzz/build-*.sh; do
  name="$(basename "$build" .sh)"
  name="${name#build-}"
  "$build" "$out"
  scratch="$(mktemp -d)"
  echo "fuzz: ${name} for ${seconds} s"
  (cd "$out" && "./${name}_fuzz" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=5 \
     -print_final_stats=1 "$scratch" "$OLDPWD/fuzz/corpus/$name" 2>"$out/${name}.log") || {
    tail -n 40 "$out/${name}.log" >&2
    echo "fuzz: ${name} failed; the input is in $out" >&2
    exit 1
  }
  grep -E "^stat::number_of_executed_units|^Done" "$out/${name}.log" || true
  rm -rf "$scratch"
done
