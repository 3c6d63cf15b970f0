#!/usr/bin/env bash
# Runs flowmeter-spark in local mode without a Spark install: Spark's jars come from the local
# Maven repository. Builds first when the jar is missing or older than the sources.
# Usage: ./flowmeter-spark.sh [--master local[N]] extract|train|classify ...
# On a cluster use spark-submit instead (see flowmeter-spark/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/flowmeter-spark/target/flowmeter-spark.jar"
classpath_file="$here/flowmeter-spark/target/spark-classpath.txt"
if [ ! -f "$jar" ] || [ -n "$(find "$here" -name target -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  echo "flowmeter-spark: building (mvn install)..." >&2
  (cd "$here" && mvn -q -B -DskipTests install >&2)
fi
if [ ! -f "$classpath_file" ] || [ "$here/flowmeter-spark/pom.xml" -nt "$classpath_file" ]; then
  # compile scope includes provided: that is where Spark is.
  (cd "$here" && mvn -q -B -pl flowmeter-spark dependency:build-classpath \
      -Dmdep.includeScope=compile -Dmdep.outputFile="$classpath_file" >&2)
fi
exec java ${FLOWMETER_SPARK_JAVA_OPTS:--Xmx4g} \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "$jar:$(cat "$classpath_file")" org.flowmeter.spark.FlowmeterSpark "$@"
