// A domain file reaching into the HTTP layer. It must not compile: renkei_domain sees
// only core's and its own include roots (tests/CMakeLists.txt checks the compiler's
// "not found" for the second include and that the file compiles when the rule is absent).
#include "domain/principal.h"
#include "http/api.h"
