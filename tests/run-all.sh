#!/usr/bin/env bash
# Runs every test suite the way CI does: a -Werror build with all suites
# (unit, integration, fuzz corpus replay), then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer. Needs the packages that
# .ci/run installs. Build trees: build-test/ and build-san/.
set -euo pipefail
cd "$(dirname "$0")/.."

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1

setup() {
	local dir=$1
	shift
	if [ -d "$dir" ]; then
		meson setup --reconfigure "$dir" "$@"
	else
		meson setup "$dir" "$@"
	fi
}

setup build-test -Dwerror=true
meson compile -C build-test
meson test -C build-test --print-errorlogs --num-processes 2

setup build-san -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C build-san
meson test -C build-san --print-errorlogs --num-processes 2 --timeout-multiplier 3
echo "all test suites passed (build-test and build-san)"
