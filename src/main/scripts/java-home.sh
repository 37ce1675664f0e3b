# Sourced: exports JAVA_HOME pointing at a JDK >= 21 (Temurin 25 on this machine kind).
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -n "$j" ] && [ -x "$j/bin/javac" ] && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME="$j"; break
  fi
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  echo "no JDK >= 21 found: install one (e.g. temurin-25-jdk) and set JAVA_HOME" >&2; exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
