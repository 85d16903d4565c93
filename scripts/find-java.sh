# Sourced by the launcher and the benchmark scripts: finds a Java runtime 21 or newer.
# find_java prints its path (SOCRA_JAVA, JAVA_HOME, PATH, then the usual install folders) or fails.

java_version() { # the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local candidates=() dir c v
  [[ -n "${SOCRA_JAVA:-}" ]] && candidates+=("$SOCRA_JAVA")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    v="$(java_version "$c" || true)"
    if [[ -n "$v" && "$v" -ge 21 ]]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

java_home_of() { # the installation folder of the java binary $1 (for JAVA_HOME)
  (cd "$(dirname "$(readlink -f "$1")")/.." && pwd)
}
