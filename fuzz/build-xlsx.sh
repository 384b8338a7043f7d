#!/bin/sh
# Builds the libFuzzer target of office::ReadXlsx (fuzz/xlsx_fuzz.cc) as OUTDIR/xlsx_fuzz,
# with clang 14 (Debian: clang, libclang-rt-14-dev), AddressSanitizer and UBSan.
#   fuzz/build-xlsx.sh OUTDIR
#   OUTDIR/xlsx_fuzz -max_total_time=180 NEW_CORPUS_DIR fuzz/corpus/xlsx
# The target sets -timeout=1 -malloc_limit_mb=256 -rss_limit_mb=512 unless given.
set -eu
out=${1:?usage: fuzz/build-xlsx.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
${FUZZ_CXX:-clang++} -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Wall -Wextra -Werror \
  -I"$root/src" -I"$root/tests" \
  "$root/fuzz/xlsx_fuzz.cc" "$root/src/office/xlsx.cc" \
  -o "$out/xlsx_fuzz" \
  $(pkg-config --libs libzip xlsxwriter) -lpugixml
echo "built $out/xlsx_fuzz"
