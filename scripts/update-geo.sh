#!/usr/bin/env bash
# Refreshes the shipped country database from the npm package @ip-location-db/geo-whois-asn-country-mmdb
# (CC0-1.0), checking the tarball against the registry's integrity hash. A deployment can instead point
# gatehouse.geo.country-database at any MaxMind-format country file (file:/path/to/db.mmdb) and replace
# that file on its own schedule; a restart picks it up.
# Usage: scripts/update-geo.sh [version]    (then commit src/main/resources/geo)
set -euo pipefail
source "$(dirname "$0")/npm-package.sh"
target="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/geo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fetched="$(npm_package @ip-location-db/geo-whois-asn-country-mmdb "${1:-}")"
cp package/geo-whois-asn-country.mmdb "$target/"
cp package/NRO_LICENSE "$target/NRO_LICENSE"
echo "$fetched" > "$target/VERSION.txt"
echo "updated the country database to ${fetched% (*}"
