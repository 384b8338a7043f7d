#!/usr/bin/env bash
# Builds the intake's syslog/CEF fuzz target with clang's libFuzzer: fuzz/build-syslog.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: fuzz/build-syslog.sh OUTDIR}"
mkdir -p "$out"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I src fuzz/syslog_fuzz.cc src/intake/syslog.cc src/intake/fields.cc -o "$out/syslog_fuzz"
