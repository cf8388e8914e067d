#!/usr/bin/env bash
# Runs every test suite the way CI does: a -Werror build with all suites
# (unit, integration, fuzz corpus replay), then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer, then a -Werror build and
# all suites against each other OpenSSL release of TLSM_OSSL_SUITES (Debian
# suites, default "bullseye trixie sid experimental": OpenSSL 1.1.1, 3.5,
# 3.6, 4.0), built from Debian's sources by tests/ossl/build-openssl.sh, with
# test_openssl_versions comparing each build with build-test. Needs the
# packages that .ci/run installs. Build trees: build-test/, build-san/,
# build-ossl-SUITE/ (OpenSSL itself in build-ossl/SUITE/).
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

passed="build-test, build-san"
skipped=""
for suite in ${TLSM_OSSL_SUITES-bullseye trixie sid experimental}; do
	rc=0
	tests/ossl/build-openssl.sh "$suite" "build-ossl/$suite" || rc=$?
	if [ "$rc" = 3 ] && [ "$suite" != bullseye ]; then
		# The mirror lists versions before it serves them; bullseye (1.1.1) is
		# frozen, so it must always come.
		skipped="$skipped $suite"
		echo "SKIPPED: OpenSSL of $suite: no source could be downloaded"
		continue
	elif [ "$rc" != 0 ]; then
		exit "$rc"
	fi
	prefix=$PWD/build-ossl/$suite/prefix
	san=()
	if [ "$suite" = bullseye ]; then
		# Only 1.1.1 takes ossl_compat's own replacements of 3.0 calls: run
		# them under the sanitizers as well.
		san=(-Db_sanitize=address,undefined -Db_lundef=false)
	fi
	PKG_CONFIG_PATH=$prefix/lib/pkgconfig setup "build-ossl-$suite" -Dwerror=true "${san[@]}" \
		-Dreference_tlsmirror="$PWD/build-test/server/tlsmirror" \
		-Dreference_openssl_cli="$(command -v openssl)"
	meson compile -C "build-ossl-$suite"
	meson test -C "build-ossl-$suite" --print-errorlogs --num-processes 2 --timeout-multiplier 3
	passed="$passed, $(sed 's/ and libevent.*//' "$prefix/.tlsmirror-built")"
done
echo "all test suites passed ($passed)${skipped:+; SKIPPED, not downloadable:$skipped}"
