# Sourced by fuzz/build-*.sh: generates the error registry (core/error_codes.{h,cc} from
# data/errors/*.json, as the CMake build does) under OUTDIR/generated and sets
# registry_flags: the include root and the sources every target that builds a Status
# needs (the registry and core/status.cc). Run from the repository's root.
#   error_registry OUTDIR
error_registry() {
  local gen="$1/generated"
  mkdir -p "$gen/core"
  cmake -DDIR="$PWD/data/errors" -DOUT_H="$gen/core/error_codes.h" \
    -DOUT_CC="$gen/core/error_codes.cc" -P cmake/error_registry.cmake
  registry_flags=(-I "$gen" src/core/status.cc "$gen/core/error_codes.cc")
}
