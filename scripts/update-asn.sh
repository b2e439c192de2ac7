#!/usr/bin/env bash
# Refreshes the shipped IP-to-ASN table from the npm package @ip-location-db/asn (RouteViews and DB-IP's IP to
# ASN Lite, CC BY 4.0), checking the tarball against the registry's integrity hash. Keeps the ranges and AS
# numbers (not the organisation names) as gzipped CSV: geo/asn-ipv4.csv.gz (start,end as numbers,asn) and
# geo/asn-ipv6.csv.gz (start,end as addresses,asn). A deployment can instead point gatehouse.geo.asn-database
# at a MaxMind-format ASN file.
# Usage: scripts/update-asn.sh [version]    (then commit src/main/resources/geo)
set -euo pipefail
source "$(dirname "$0")/npm-package.sh"
target="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/geo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
fetched="$(npm_package @ip-location-db/asn "${1:-}")"
cut -d, -f1-3 package/asn-ipv4-num.csv | gzip -9n > "$target/asn-ipv4.csv.gz"
cut -d, -f1-3 package/asn-ipv6.csv | gzip -9n > "$target/asn-ipv6.csv.gz"
cp package/ROUTEVIEWS-LICENSE package/DBIP-LICENSE "$target/"
echo "$fetched" > "$target/ASN-VERSION.txt"
echo "updated the ASN table to ${fetched% (*}"
