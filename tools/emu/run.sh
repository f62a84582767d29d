#!/usr/bin/env bash
# Runs one Go package's tests on an emulated CPU with AVX-512 (tools/emu):
#
#   tools/emu/run.sh [emu flags...] ./path/to/pkg [test binary flags...]
#
# e.g.
#   tools/emu/run.sh -copy node/repops/testdata ./node/repops \
#       -test.run 'TestKernelsMatchGo' -test.short -test.v
#
# The emu flags (-copy, -env, -cpu, -timeout, -keep ...; see
# `go run ./tools/emu -h`) come before the package; the package's directory
# is the program's working directory in the guest (-cwd). The test binary is
# built here with CGO_ENABLED=0 (static). Run from the repository root,
# after tools/emu/setup.sh. Exit status 0 only if the guest executed the
# AVX-512 self-check and the tests printed PASS.
set -euo pipefail
cd "$(dirname "$0")/../.."

emu=()
while [ $# -gt 0 ] && [[ "$1" == -* ]]; do
  case "$1" in
    -*=*|-keep) emu+=("$1"); shift ;;
    *) [ $# -ge 2 ] || { echo "run.sh: $1 needs a value"; exit 2; }; emu+=("$1" "$2"); shift 2 ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: tools/emu/run.sh [emu flags...] ./pkg [test flags...]"; exit 2; }
pkg=${1%/}; shift
dir=${pkg#./}

bin=$(mktemp -d)/$(basename "$dir").test
trap 'rm -rf "$(dirname "$bin")"' EXIT
CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go test -c -o "$bin" "./$dir"
go run ./tools/emu -cwd "$dir" "${emu[@]}" "$bin" "$@"
