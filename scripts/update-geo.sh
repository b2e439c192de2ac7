#!/usr/bin/env bash
# Refreshes the shipped country database from the npm package @ip-location-db/geo-whois-asn-country-mmdb
# (CC0-1.0), checking the tarball against the registry's integrity hash. A deployment can instead point
# gatehouse.geo.country-database at any MaxMind-format country file (file:/path/to/db.mmdb) and replace
# that file on its own schedule; a restart picks it up.
# Usage: scripts/update-geo.sh [version]    (then commit src/main/resources/geo)
set -euo pipefail
package="@ip-location-db/geo-whois-asn-country-mmdb"
version="${1:-$(npm view "$package" version 2>/dev/null)}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/geo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
expected="$(npm view "$package@$version" dist.integrity 2>/dev/null)"
npm pack --silent "$package@$version" >/dev/null 2>&1
tarball="$(ls ./*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$expected" = "$actual" ] || { echo "integrity mismatch: $expected vs $actual" >&2; exit 1; }
tar xzf "$tarball"
cp package/geo-whois-asn-country.mmdb "$target/"
cp package/NRO_LICENSE "$target/NRO_LICENSE"
echo "$package@$version ($expected)" > "$target/VERSION.txt"
echo "updated the country database to $package@$version"
