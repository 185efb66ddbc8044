#!/usr/bin/env bash
# Takes the README screenshot: runs the console in demo mode on a virtual X screen (Xvfb), waits until the demo
# has produced live data, captures the screen into docs/console-demo.png and stops the console (which stops the
# demo's nats-server).
#
#   docs/screenshot.sh                 # dark theme, waits 25 s
#   KLAXON_SHOT_WAIT=40 KLAXON_SHOT_THEME=light docs/screenshot.sh
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
jar="$root/app/target/klaxon.jar"
out="$root/docs/console-demo.png"
wait_s="${KLAXON_SHOT_WAIT:-25}"
theme="${KLAXON_SHOT_THEME:-dark}"
hint="install with: sudo apt-get install xvfb imagemagick libgtk-3-0"

missing=0
command -v java >/dev/null 2>&1 || { echo "screenshot: java not found (JDK 17 needed)" >&2; missing=1; }
command -v xvfb-run >/dev/null 2>&1 || { echo "screenshot: xvfb-run not found; $hint" >&2; missing=1; }
command -v import >/dev/null 2>&1 || { echo "screenshot: import (ImageMagick) not found; $hint" >&2; missing=1; }
if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ] && [ ! -x /usr/bin/nats-server ]; then
  echo "screenshot: nats-server not found (the demo runs one); install with: sudo apt-get install nats-server" >&2
  missing=1
fi
[ "$missing" = 0 ] || exit 1

# Build when the jar is missing or older than any source.
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/bridge-engine/pom.xml" "$root/app/pom.xml" \
    "$root/bridge-engine/src/main" "$root/app/src/main" -newer "$jar" -print -quit)" ]; then
  command -v mvn >/dev/null 2>&1 || { echo "screenshot: mvn not found and $jar needs building" >&2; exit 1; }
  echo "screenshot: building $jar" >&2
  (cd "$root" && mvn -q -DskipTests package)
fi

log=$(mktemp -t klaxon-shot-XXXXXX.log)
trap 'rm -f "$log"' EXIT

# Everything that needs the X display runs inside one xvfb-run.
xvfb-run -a -s "-screen 0 1440x900x24" bash -s -- "$jar" "$out" "$wait_s" "$theme" "$log" <<'INNER'
set -euo pipefail
jar=$1 out=$2 wait_s=$3 theme=$4 log=$5
java -jar "$jar" --demo --theme "$theme" >"$log" 2>&1 &
pid=$!
for _ in $(seq "$wait_s"); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "screenshot: the console exited early; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 1
done
# -trim drops the empty screen around the window (there is no window manager under Xvfb).
import -window root -trim +repage "$out"
kill -TERM "$pid"
for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then
  echo "screenshot: console did not stop on SIGTERM; killing it" >&2
  kill -KILL "$pid"
fi
wait "$pid" 2>/dev/null || true
INNER

echo "screenshot: wrote $out ($(identify -format '%wx%h' "$out" 2>/dev/null || echo '?'))"
