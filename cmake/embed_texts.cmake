# Generates a C++ source defining `extern const char* const NAME[]` and
# `extern const size_t NAMECount` with the contents of several text files (sorted by name).
# Invoked at build time: cmake -DDIR=<folder> -DGLOB=<pattern> -DOUT=<file.cc> -DNAME=<symbol>
#   -DNS=<namespace> -P embed_texts.cmake
file(GLOB files "${DIR}/${GLOB}")
list(SORT files)
set(body "// Generated from ${DIR}/${GLOB}. Do not edit.\n#include <cstddef>\nnamespace ${NS} {\nextern const char* const ${NAME}[];\nextern const size_t ${NAME}Count;\nconst char* const ${NAME}[] = {\n")
set(count 0)
foreach(f IN LISTS files)
  file(READ "${f}" text)
  string(APPEND body "R\"renkei_text(${text})renkei_text\",\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND body "};\nconst size_t ${NAME}Count = ${count};\n}  // namespace ${NS}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
