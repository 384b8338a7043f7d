#!/usr/bin/env bash
# Builds the JSON body reader's fuzz target with clang's libFuzzer: fuzz/build-json.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: fuzz/build-json.sh OUTDIR}"
mkdir -p "$out"
. fuzz/error_registry.sh
error_registry "$out"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I src fuzz/json_fuzz.cc src/http/json_input.cc "${registry_flags[@]}" -o "$out/json_fuzz"
