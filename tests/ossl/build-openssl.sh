#!/usr/bin/env bash
# Builds the OpenSSL of one Debian suite from its source package, and
# libevent against it, into DIR/prefix, for a second tlsmirror build:
#
#   tests/ossl/build-openssl.sh SUITE DIR
#   PKG_CONFIG_PATH=DIR/prefix/lib/pkgconfig meson setup build-ossl
#
# SUITE is a Debian suite whose OpenSSL you want: bullseye (1.1.1w),
# trixie (3.5), sid (3.6), experimental (4.0, with sid's libevent). Their
# binary packages need a newer C library than Debian 12's, so the source is
# built here instead.
# apt-get downloads the sources with its own state under DIR/apt (the
# machine's sources and packages are not touched) and checks them against
# the suite's index, signed with the keys of debian-archive-keyring. Needs
# apt, gcc, make and perl. A second run with DIR built does nothing.
#
# Exit status: 0 built; 1 failed; 3 no OpenSSL source of SUITE could be
# downloaded (the mirror lists versions it does not serve yet, or none).
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 SUITE DIR" >&2
	exit 1
fi
suite=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
prefix=$dir/prefix
stamp=$prefix/.tlsmirror-built
if [ -e "$stamp" ]; then
	echo "build-openssl: $(cat "$stamp") already built in $prefix"
	exit 0
fi

apt_dir=$dir/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dir/src"
# experimental holds only what differs from sid (it has no libevent).
suites=$suite
if [ "$suite" = experimental ]; then
	suites="experimental sid"
fi
for s in $suites; do
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
		"http://deb.debian.org/debian $s main"
done > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	-o "Dir::State::status=/dev/null" -o "APT::Sandbox::User=root" -q)
apt-get "${apt_opts[@]}" update >"$dir/apt-update.log" 2>&1 || {
	cat "$dir/apt-update.log" >&2
	echo "build-openssl: cannot read the $suite source index" >&2
	exit 3
}

# Downloads the newest version of source package $1 that the mirror serves
# into $dir/src; prints the version.
fetch() {
	local pkg=$1 v
	for v in $(apt-cache "${apt_opts[@]}" showsrc "$pkg" | sed -n 's/^Version: //p' |
			sort -u -V -r); do
		if (cd "$dir/src" && apt-get "${apt_opts[@]}" source --download-only --tar-only \
				"$pkg=$v" >"$dir/fetch-$pkg.log" 2>&1); then
			echo "$v"
			return 0
		fi
		echo "build-openssl: $pkg $v is listed for $suite but not served; trying older" >&2
	done
	return 1
}

ossl_version=$(fetch openssl) || {
	echo "build-openssl: no openssl source of $suite could be downloaded" >&2
	exit 3
}
lev_version=$(fetch libevent) || {
	echo "build-openssl: no libevent source of $suite could be downloaded" >&2
	exit 3
}
upstream=${ossl_version%-*}
upstream=${upstream#*:}
lev_upstream=${lev_version%-*}
lev_upstream=${lev_upstream#*:}

jobs=$(nproc)
start=$(date +%s)
rm -rf "$dir/openssl" "$dir/libevent"
mkdir -p "$dir/openssl" "$dir/libevent"
# Unpacks the upstream tarball of source package $1, version $2, into $3.
unpack() {
	local tarball
	tarball=$(find "$dir/src" -maxdepth 1 -name "$1_$2.orig.tar.*" ! -name '*.asc' | head -1)
	tar -xf "$tarball" -C "$3" --strip-components=1
}

unpack openssl "$upstream" "$dir/openssl"
(
	cd "$dir/openssl"
	# The rpath lets the openssl command and libevent find these libraries.
	./config --prefix="$prefix" --openssldir="$prefix/ssl" --libdir=lib shared no-tests \
		enable-ssl-trace "-Wl,-rpath,$prefix/lib"
	make -j"$jobs"
	make install_sw install_ssldirs
) >"$dir/openssl-build.log" 2>&1 || {
	tail -40 "$dir/openssl-build.log" >&2
	echo "build-openssl: OpenSSL $ossl_version failed to build (log: $dir/openssl-build.log)" >&2
	exit 1
}
unpack libevent "$lev_upstream" "$dir/libevent"
(
	cd "$dir/libevent"
	PKG_CONFIG_PATH=$prefix/lib/pkgconfig ./configure --prefix="$prefix" --disable-static \
		--disable-samples --disable-libevent-regress --disable-debug-mode \
		CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib -Wl,-rpath,$prefix/lib"
	make -j"$jobs"
	make install
) >"$dir/libevent-build.log" 2>&1 || {
	tail -40 "$dir/libevent-build.log" >&2
	echo "build-openssl: libevent $lev_version failed to build against OpenSSL $ossl_version" \
		"(log: $dir/libevent-build.log)" >&2
	exit 1
}
echo "OpenSSL $ossl_version and libevent $lev_version (Debian $suite)" >"$stamp"
echo "build-openssl: $(cat "$stamp") built in $prefix in $(($(date +%s) - start)) s"
