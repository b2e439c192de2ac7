#!/usr/bin/env bash
# Gatehouse sign-in benchmark: native Argon2id ceiling, cold start (without and with an AOT cache), heap,
# password sign-ins through the JSON API. Builds everything it needs; see bench/README.md. Extra arguments go to SignInBench, e.g.
#   bench/run.sh --signin-seconds 60 --accounts 500
# `bench/run.sh second-factor [args]` runs the second-factor benchmark instead: password + TOTP sign-ins
# against password-only sign-ins on the same Gatehouse (SecondFactorBench).
# `bench/run.sh attack [args]` runs the attack scenario: legitimate sign-ins during a credential-stuffing
# run from many source addresses, against the same users alone (AttackBench).
# `bench/run.sh transfers [--crash]` runs internal transfers through the JSON API against pgbench's TPC-B on
# the same PostgreSQL, or with --crash the kill -9 test (TransferBench; needs pgbench and psql).
# `bench/run.sh kucoin` runs the KuCoin listener: unsigned, signed verification and signed accounts against
# the same Gatehouse (KucoinBench).
set -euo pipefail

cd "$(dirname "$0")/.."

main=SignInBench
if [[ "${1:-}" == "second-factor" ]]; then
	main=SecondFactorBench
	shift
elif [[ "${1:-}" == "attack" ]]; then
	main=AttackBench
	shift
elif [[ "${1:-}" == "transfers" ]]; then
	main=TransferBench
	shift
elif [[ "${1:-}" == "kucoin" ]]; then
	main=KucoinBench
	shift
fi

# The build and the app need JDK 25; the machine default may be older.
if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
	export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

echo "[bench] building the app jar"
./mvnw -B -ntp -DskipTests package

echo "[bench] resolving the runtime classpath (for argon2-jvm) and compiling bench/src"
mkdir -p target/bench
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/classpath.txt
classpath="$(cat target/bench/classpath.txt)"
rm -rf target/bench/classes
"$JAVA_HOME/bin/javac" -d target/bench/classes -cp "$classpath" bench/src/*.java

mkdir -p bench/results
# The load generator shares the cores with Gatehouse: the serial collector and a small heap keep its
# own footprint down. SignInBench stops the Gatehouse child and deletes its data on every exit path.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m \
	-cp "target/bench/classes:$classpath" "$main" \
	--jar target/gatehouse-0.1.0-SNAPSHOT.jar --results bench/results "$@"
