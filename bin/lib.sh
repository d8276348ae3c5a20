# Shared by the bin/ commands: find a JDK 25 and the chDB engine. Sourced, not run.

TP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The chDB engine we build and test against: npm package, version, and checksums of what it ships.
CHDB_NPM_PACKAGE="@chdb/lib-linux-x64-gnu"
CHDB_VERSION="26.7.3-stable.1"
CHDB_TGZ_SHA256="c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad"
CHDB_LIB_SHA256="36ad4e999882821ef13cf2d0f52c93f48e6ee1b4498b35a201c23ce4b8d15bf5"
TP_CACHE="${TENANT_PULSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenant-pulse}"
CHDB_LIBRARY_DEFAULT="$TP_CACHE/chdb/$CHDB_VERSION/libchdb.so"

java_major() { # prints the major version of the java at $1/bin/java, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Exports JAVA_HOME pointing at a JDK 25+: $JAVA_HOME when it is one, else one under /usr/lib/jvm.
use_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Tenant Pulse needs a JDK 25 or newer: none at \$JAVA_HOME (${JAVA_HOME:-unset}) or under /usr/lib/jvm; install Temurin 25 or set JAVA_HOME to a JDK 25." >&2
  exit 1
}

# Exports CHDB_LIBRARY, fetching libchdb.so once into the cache when it is not there yet.
use_chdb() {
  export CHDB_LIBRARY="${CHDB_LIBRARY:-$CHDB_LIBRARY_DEFAULT}"
  [ -f "$CHDB_LIBRARY" ] || "$TP_ROOT/bin/fetch-chdb"
}

# The console pages' browser tests drive Debian's chromium through Debian's chromium-driver
# (never a downloaded browser). Installs both when missing and this shell may (root, apt-get);
# otherwise says plainly that those tests will be skipped.
use_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium and chromium-driver (the console pages' browser tests)" >&2
    (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) ||
      echo "could not install chromium and chromium-driver: the console pages' browser tests will be skipped" >&2
  else
    echo "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver):" \
      "the console pages' browser tests will be skipped" >&2
  fi
}

# Runs a main class of a module (bin/sql, bin/bench: warehouse; bin/bench-collector: collector) on
# JDK 25: builds the module and the modules it depends on when their sources or POMs are newer than
# its jar, and keeps its runtime classpath (those modules as their jars in target/) in
# <module>/target. Build output goes to stderr so the command's stdout stays clean for pipes.
# $TP_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=bench.jfr).
run_module_main() {
  local module="$1" main_class="$2"
  shift 2
  local target="$TP_ROOT/$module/target" jar cp_file watched
  cp_file="$target/runtime-classpath.txt"
  jar=$(ls "$target/$module"-*.jar 2>/dev/null | grep -v -e '-sources\.jar$' -e '-tests\.jar$' | head -n 1 || true)
  # The module, and the modules of this repository its classpath holds.
  watched=("$TP_ROOT/pom.xml" "$TP_ROOT/$module/pom.xml" "$TP_ROOT/$module/src/main")
  if [ -f "$cp_file" ]; then
    local dep
    for dep in $(tr ':' '\n' <"$cp_file" | sed -n "s#^$TP_ROOT/\([^/]*\)/target/.*#\1#p" | sort -u); do
      watched+=("$TP_ROOT/$dep/pom.xml" "$TP_ROOT/$dep/src/main")
    done
  fi
  if [ -z "$jar" ] || [ ! -f "$cp_file" ] || [ -n "$(find "${watched[@]}" -newer "$jar" -print -quit)" ]; then
    # Tests and formatting are bin/test's business, not a reason to refuse to run. In one reactor
    # build the modules it depends on resolve to their fresh jars, not to stale installed ones; the
    # module itself is the last to write the classpath file. Tests are compiled but not run
    # (-DskipTests, not maven.test.skip): a module with a sibling's test-jar among its test
    # dependencies (dashboards: warehouse's) cannot resolve its class path without that jar.
    (cd "$TP_ROOT" && ./mvnw -q -B -ntp -pl "$module" -am package dependency:build-classpath \
      -DskipTests -Dspotless.check.skip=true \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file") >&2
    jar=$(ls "$target/$module"-*.jar | grep -v -e '-sources\.jar$' -e '-tests\.jar$' | head -n 1)
  fi
  # shellcheck disable=SC2086 # TP_JAVA_OPTS is a list of options
  exec java --enable-native-access=ALL-UNNAMED ${TP_JAVA_OPTS:-} \
    -cp "$jar:$(cat "$cp_file")" "$main_class" "$@"
}

# Runs a main class of a module's test sources on JDK 25: the benchmarks and load generators, kept
# out of the shipped jars. Builds the module with the modules it depends on (-am: a fresh clone needs
# nothing installed first) when a POM or source is newer than the class path file it keeps in
# <module>/target/test-classpath.txt. Build output goes to stderr; $TP_JAVA_OPTS adds JVM options.
# Kafka's and Flink's calls of sun.misc.Unsafe are allowed without JDK 24+'s warnings among the
# figures (the option needs JDK 24+: every caller runs use_jdk25 first).
run_test_main() {
  local module="$1" main_class="$2"
  shift 2
  local target="$TP_ROOT/$module/target"
  local cp_file="$target/test-classpath.txt"
  if [ ! -f "$cp_file" ] ||
    [ -n "$(find "$TP_ROOT/pom.xml" "$TP_ROOT"/*/pom.xml "$TP_ROOT"/*/src -newer "$cp_file" -print -quit)" ]; then
    (cd "$TP_ROOT" && ./mvnw -q -B -ntp -pl "$module" -am test-compile dependency:build-classpath \
      -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >&2
  fi
  # shellcheck disable=SC2086 # TP_JAVA_OPTS is a list of options
  exec java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${TP_JAVA_OPTS:-} \
    -cp "$target/test-classes:$target/classes:$(cat "$cp_file")" "$main_class" "$@"
}

# Runs a main class of the warehouse module (bin/sql) with chDB: see run_module_main.
run_warehouse_main() {
  run_module_main warehouse "$@"
}
