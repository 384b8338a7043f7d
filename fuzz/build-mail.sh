#!/usr/bin/env bash
# Builds the desk's inbound mail parser fuzz target with clang's libFuzzer:
# fuzz/build-mail.sh OUTDIR, then OUTDIR/mail_fuzz fuzz/corpus/mail
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: fuzz/build-mail.sh OUTDIR}"
mkdir -p "$out"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I src fuzz/mail_fuzz.cc src/intake/mail_message.cc src/core/crypto.cc \
  $(pkg-config --cflags --libs libsodium) -o "$out/mail_fuzz"
