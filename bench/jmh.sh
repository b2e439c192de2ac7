#!/usr/bin/env bash
# In-process JMH figures for the CPU side of second-factor checks (TOTP verification, step-up proof
# check); see bench/README.md. Extra arguments go to JMH, e.g. bench/jmh.sh -f 2 -wi 5
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
	export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

echo "[jmh] compiling the benchmarks (test sources; JMH generates its harness from their annotations)"
./mvnw -B -ntp -q test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
mkdir -p bench/results
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
	-cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" \
	org.openjdk.jmh.Main 'io.gatehouse.factor.FactorBenchmarks' -rff bench/results/jmh-latest.csv "$@"
