# Generates a C++ source defining `extern const char* const NAME[]` (the contents of several
# text files, sorted by name), `extern const char* const NAMENames[]` (their file names) and
# `extern const size_t NAMECount`.
# Invoked at build time: cmake -DDIR=<folder> -DGLOB=<pattern> -DOUT=<file.cc> -DNAME=<symbol>
#   -DNS=<namespace> -P embed_texts.cmake
file(GLOB files "${DIR}/${GLOB}")
list(SORT files)
set(body "// Generated from ${DIR}/${GLOB}. Do not edit.\n#include <cstddef>\nnamespace ${NS} {\nextern const char* const ${NAME}[];\nextern const char* const ${NAME}Names[];\nextern const size_t ${NAME}Count;\nconst char* const ${NAME}[] = {\n")
set(count 0)
set(names "")
foreach(f IN LISTS files)
  file(READ "${f}" text)
  string(APPEND body "R\"renkei_text(${text})renkei_text\",\n")
  get_filename_component(name "${f}" NAME)
  string(APPEND names "\"${name}\",\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND body "};\nconst char* const ${NAME}Names[] = {\n${names}};\nconst size_t ${NAME}Count = ${count};\n}  // namespace ${NS}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
