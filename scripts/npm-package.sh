#!/usr/bin/env bash
# Sourced by the update scripts: npm_package <package> <version> unpacks that version of an npm package into
# ./package of the current directory after checking the tarball against the registry's integrity hash, and
# prints "<package>@<version> (<integrity>)" for the VERSION file. An empty version means the latest.
npm_package() {
  local package="$1" version="${2:-}"
  [ -n "$version" ] || version="$(npm view "$package" version 2>/dev/null)"
  local expected actual tarball
  expected="$(npm view "$package@$version" dist.integrity 2>/dev/null)"
  npm pack --silent "$package@$version" >/dev/null 2>&1
  tarball="$(ls ./*.tgz)"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  [ "$expected" = "$actual" ] || { echo "integrity mismatch: $expected vs $actual" >&2; return 1; }
  tar xzf "$tarball"
  echo "$package@$version ($expected)"
}
