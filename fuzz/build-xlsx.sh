#!/usr/bin/env bash
# Builds the libFuzzer target of office::ReadXlsx (fuzz/xlsx_fuzz.cc) as OUTDIR/xlsx_fuzz
# with clang 14 (Debian: clang, libclang-rt-14-dev), AddressSanitizer and UBSan, from the
# sources it needs (the reader; core/text.cc for sizes in messages; the error registry
# with core/status.cc) and Debian's libzip, pugixml, libxlsxwriter, ICU.
#   fuzz/build-xlsx.sh OUTDIR
#   OUTDIR/xlsx_fuzz -max_total_time=180 NEW_CORPUS_DIR fuzz/corpus/xlsx
# The target sets -timeout=1 -malloc_limit_mb=256 -rss_limit_mb=512 unless given.
set -euo pipefail
out="${1:?usage: fuzz/build-xlsx.sh OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$(dirname "$0")/.."
. fuzz/error_registry.sh
error_registry "$out"
clang++ -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all -Wall -Wextra -Werror -I src -I tests \
  fuzz/xlsx_fuzz.cc src/office/xlsx.cc src/core/text.cc "${registry_flags[@]}" -o "$out/xlsx_fuzz" \
  $(pkg-config --libs libzip xlsxwriter icu-uc) -lpugixml
