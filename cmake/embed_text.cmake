# Generates a C++ source defining `extern const char NAME[]` with the contents of a text file.
# Invoked at build time: cmake -DIN=<file> -DOUT=<file.cc> -DNAME=<symbol> -DNS=<namespace> -P
file(READ "${IN}" text)
set(body "// Generated from ${IN}. Do not edit.\nnamespace ${NS} {\nextern const char ${NAME}[];\nconst char ${NAME}[] = R\"renkei_text(${text})renkei_text\";\n}  // namespace ${NS}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
