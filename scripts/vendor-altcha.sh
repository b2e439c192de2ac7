#!/usr/bin/env bash
# Refreshes the ALTCHA widget that Gatehouse serves itself (no CDN) from the npm package, checking the
# tarball against the registry's integrity hash. The widget's 2.x line speaks ALTCHA protocol v1, the one
# the server library org.altcha:altcha implements; 3.x speaks v2 and would not verify.
# Usage: scripts/vendor-altcha.sh [version]    (then commit src/main/resources/static/vendor/altcha)
set -euo pipefail
version="${1:-2.3.0}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/static/vendor/altcha"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
expected="$(npm view "altcha@$version" dist.integrity 2>/dev/null)"
npm pack --silent "altcha@$version" >/dev/null 2>&1
actual="sha512-$(openssl dgst -sha512 -binary "altcha-$version.tgz" | base64 -w0)"
[ "$expected" = "$actual" ] || { echo "integrity mismatch: $expected vs $actual" >&2; exit 1; }
tar xzf "altcha-$version.tgz"
mkdir -p "$target"
cp package/dist_external/altcha.js package/dist_external/worker.js package/dist_external/altcha.css "$target/"
cp package/LICENSE.txt "$target/LICENSE.txt"
echo "altcha@$version ($expected)" > "$target/VERSION.txt"
echo "vendored altcha@$version into $target"
