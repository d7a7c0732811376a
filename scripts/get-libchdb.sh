#!/usr/bin/env bash
# get-libchdb.sh [VERSION] — install chDB's libchdb.so, the embedded
# ClickHouse engine framewatch loads at run time, into
#   ${FRAMEWATCH_CACHE:-$HOME/.cache/framewatch}/VERSION/libchdb.so
# and print that path. Idempotent: a verified library is left alone.
#
# Sources, in order:
#   1. the npm package @chdb/lib-linux-x64-gnu (`npm pack`; tarball cached
#      next to the library), tarball and library checked against the pinned
#      sha256 sums below;
#   2. without npm (or if it fails): chDB's release archive on GitHub
#      (override with LIBCHDB_RELEASE_URL), library checked against the
#      pinned sum, or FRAMEWATCH_LIBCHDB_SHA256 if you verified another build.
set -euo pipefail

VERSION="${1:-26.5.3}"
CACHE="${FRAMEWATCH_CACHE:-$HOME/.cache/framewatch}"
DEST="$CACHE/$VERSION/libchdb.so"

die() {
	echo "get-libchdb: $*" >&2
	echo "get-libchdb: alternatively download libchdb.so $VERSION yourself and set FRAMEWATCH_LIBCHDB=/path/to/libchdb.so" >&2
	exit 1
}

case "$VERSION" in
26.5.3)
	NPM_TGZ_SHA256=b874e449710950da3abd7e20376f7bb3387d9e03adcc7082f022be18dfdf316a
	LIB_SHA256=4330da79405733f7572f27c1442f46c03a08301f00859dce0368645731b1e1dc
	;;
*)
	NPM_TGZ_SHA256=
	LIB_SHA256=
	;;
esac
LIB_SHA256="${FRAMEWATCH_LIBCHDB_SHA256:-$LIB_SHA256}"
[ -n "$LIB_SHA256" ] || die "no pinned checksum for libchdb $VERSION (framewatch pins 26.5.3); set FRAMEWATCH_LIBCHDB_SHA256 to the sum you trust"

sha256() { sha256sum "$1" | cut -d' ' -f1; }

# A stamp records that DEST was verified, so that re-runs (every `make run`)
# do not re-hash 559 MB; it is ignored if the library is newer than it.
STAMP="$DEST.sha256"
if [ -f "$DEST" ] && [ -f "$STAMP" ] && [ ! "$DEST" -nt "$STAMP" ] && [ "$(cat "$STAMP")" = "$LIB_SHA256" ]; then
	echo "$DEST"
	exit 0
fi

mkdir -p "$CACHE/$VERSION"
WORK="$(mktemp -d "$CACHE/.get-libchdb.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# install LIB: verify and move into place atomically.
install_lib() {
	local got
	got="$(sha256 "$1")"
	if [ "$got" != "$LIB_SHA256" ]; then
		echo "get-libchdb: $2: libchdb.so has sha256 $got, want $LIB_SHA256" >&2
		return 1
	fi
	chmod 0755 "$1"
	mv -f "$1" "$DEST"
	echo "$LIB_SHA256" >"$STAMP"
	echo "$DEST"
}

if [ -f "$DEST" ] && [ "$(sha256 "$DEST")" = "$LIB_SHA256" ]; then
	echo "$LIB_SHA256" >"$STAMP"
	echo "$DEST"
	exit 0
fi

from_npm() {
	command -v npm >/dev/null || { echo "get-libchdb: npm not found" >&2; return 1; }
	[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "get-libchdb: the npm package is for linux x86_64 only" >&2; return 1; }
	[ -n "$NPM_TGZ_SHA256" ] || { echo "get-libchdb: no pinned npm tarball checksum for $VERSION" >&2; return 1; }
	local tgz="$CACHE/chdb-lib-linux-x64-gnu-$VERSION.tgz"
	if [ ! -f "$tgz" ] || [ "$(sha256 "$tgz")" != "$NPM_TGZ_SHA256" ]; then
		echo "get-libchdb: npm pack @chdb/lib-linux-x64-gnu@$VERSION (167 MB)…" >&2
		(cd "$WORK" && npm pack --silent "@chdb/lib-linux-x64-gnu@$VERSION" >&2) || return 1
		mv -f "$WORK/chdb-lib-linux-x64-gnu-$VERSION.tgz" "$tgz" || return 1
	fi
	local got
	got="$(sha256 "$tgz")"
	if [ "$got" != "$NPM_TGZ_SHA256" ]; then
		echo "get-libchdb: $tgz has sha256 $got, want $NPM_TGZ_SHA256; removing it" >&2
		rm -f "$tgz"
		return 1
	fi
	tar -xzf "$tgz" -C "$WORK" package/libchdb.so || return 1
	install_lib "$WORK/package/libchdb.so" "npm @chdb/lib-linux-x64-gnu@$VERSION"
}

from_release() {
	local asset
	case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) asset=linux-x86_64-libchdb.tar.gz ;;
	Linux-aarch64) asset=linux-aarch64-libchdb.tar.gz ;;
	Darwin-arm64) asset=macos-arm64-libchdb.tar.gz ;;
	Darwin-x86_64) asset=macos-x86_64-libchdb.tar.gz ;;
	*) echo "get-libchdb: no chDB release archive for $(uname -s)-$(uname -m)" >&2; return 1 ;;
	esac
	local url="${LIBCHDB_RELEASE_URL:-https://github.com/chdb-io/chdb/releases/download/v$VERSION/$asset}"
	echo "get-libchdb: downloading $url…" >&2
	if command -v curl >/dev/null; then
		curl -fL --retry 3 -o "$WORK/libchdb.tar.gz" "$url" || return 1
	elif command -v wget >/dev/null; then
		wget -q -O "$WORK/libchdb.tar.gz" "$url" || return 1
	else
		echo "get-libchdb: neither curl nor wget found" >&2
		return 1
	fi
	local member
	member="$(tar -tzf "$WORK/libchdb.tar.gz" | grep -E '(^|/)libchdb\.so$' | head -n1)"
	[ -n "$member" ] || { echo "get-libchdb: $url has no libchdb.so" >&2; return 1; }
	tar -xzf "$WORK/libchdb.tar.gz" -C "$WORK" "$member" || return 1
	install_lib "$WORK/$member" "$url"
}

from_npm || from_release || die "could not install libchdb.so $VERSION into $DEST (see the messages above)"
