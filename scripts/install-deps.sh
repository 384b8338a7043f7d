#!/usr/bin/env bash
# Installs what Renkei needs on Debian 12 from Debian's packages.
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also what the tests and benchmarks need
# Skips apt-get entirely when everything is already installed.
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libicu-dev
  libcli11-dev libtomlplusplus-dev libcurl4-openssl-dev
  libmecab-dev mecab-ipadic-utf8
  libxlsxwriter-dev libzip-dev libpugixml-dev
  libvalijson-dev
  libssl-dev
)
# The web app builds with Node.js and npm; the machine image may bring its own Node.js
# (then Debian's is not needed), otherwise Debian's packages provide them.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
if [ "${1:-}" = "--test" ]; then
  # python3-aiosmtpd: the real SMTP server the mail tests deliver to; LibreOffice (calc,
  # headless) opens the exported .xlsx in a test.
  # clang + libclang-rt-14-dev: the libFuzzer targets (scripts/fuzz.sh).
  # poppler-utils + poppler-data: the PDF tests read the filed report's PDF back with
  # pdfinfo/pdftotext and render it with pdftoppm (poppler-data: the Adobe-Japan1 CMaps).
  # ccache: test.sh compiles through it, so a run after an earlier one on the same machine
  # recompiles only what changed.
  # rsyslog: bench/utm_intake/run.sh has Debian's rsyslogd receive the same syslog stream
  # into a file in the same run, for the ratio.
  packages+=(ccache libreoffice-calc-nogui libgtest-dev postgresql clang-format nginx-light wrk curl sqlite3
             chromium fonts-noto-cjk python3-aiosmtpd clang libclang-rt-14-dev
             poppler-utils poppler-data rsyslog)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
