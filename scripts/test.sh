#!/usr/bin/env bash
# README command 2: install what the tests need, build, start a PostgreSQL server, and
# run every test: formatting, unit, storage (SQLite and PostgreSQL), API over HTTP on
# both engines, the fuzz targets for a bounded time, the web app's unit tests (Vitest)
# and browser tests (Chromium), and the
# unit, storage, API and mail tests again under ASan+UBSan (with an ASan-built server).
set -euo pipefail
cd "$(dirname "$0")/.."
# Every phase prints the seconds since the start, so a slow CI run shows where its time went.
phase() { echo "== $* (at ${SECONDS} s)"; }
scripts/install-deps.sh --test

# Compile through ccache: a fresh clone on a machine that ran the tests before recompiles only
# what changed. BASEDIR + NOHASHDIR make the cache independent of the clone's path.
if command -v ccache >/dev/null; then
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-12G}"
fi

phase "clang-format"
files=$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 2>/dev/null || true)
if [ -n "$files" ]; then
  clang-format --dry-run -Werror $files
fi

phase "a plain Release build compiles (GCC 12's -Wrestrict false positive is no error outside the presets)"
plain="build/plain-release"
cmake -S . -B "$plain" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRENKEI_TESTS=OFF >/dev/null
ninja -C "$plain" src/domain/CMakeFiles/renkei_domain.dir/sharing/mail_render.cc.o >/dev/null

phase "PostgreSQL"
export RENKEI_TEST_PG_URL="$(scripts/start-test-postgres.sh)"
export RENKEI_REQUIRE_PG=1

phase "build (release)"
cmake --preset release >/dev/null
cmake --build --preset release
phase "tests (release)"
ctest --preset release -j3  # the suites mostly wait (fsync, sleeps, HTTP): side by side they take a third

phase "fuzz (libFuzzer, bounded: the JSON body reader and the .xlsx reader)"
scripts/fuzz.sh "${RENKEI_FUZZ_SECONDS:-45}"

phase "web app: type check, build, unit tests, browser tests"
(
  cd web
  npm ci --no-audit --no-fund --loglevel=error
  npm run build --silent
  npm test --silent
  RENKEI_BIN="$PWD/../build/release/src/app/renkei" npm run e2e --silent
)

if [ "${RENKEI_SKIP_ASAN:-}" != 1 ]; then
  phase "build (ASan+UBSan)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan --target unit_tests storage_tests api_tests mail_tests renkei
  phase "tests (ASan+UBSan; the API suite drives an ASan-built server)"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j3 -R '^(unit|storage|api|mail)$'
fi
phase "done"
