#!/usr/bin/env bash
# Takes the README's screenshots from the real console on a virtual X screen (Xvfb): a local nats-server with the
# demo's synthetic alert feed plus one flooding subject, the real engine paging the loopback PagerDuty double (test
# code, so incidents exist to show), and the window stepped through its views (see ScreenshotTour).
#
#   docs/screenshot.sh                              # dark theme, 40 s of feed before the first picture
#   KLAXON_SHOT_WAIT=60 KLAXON_SHOT_THEME=light docs/screenshot.sh
#   KLAXON_SHOT_VIEWS=/tmp/views docs/screenshot.sh     # also one picture of every view there (live.png, ...)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
wait_s="${KLAXON_SHOT_WAIT:-40}"
theme="${KLAXON_SHOT_THEME:-dark}"
hint="install with: sudo apt-get install xvfb xauth libgtk-3-0"

missing=0
command -v java >/dev/null 2>&1 || { echo "screenshot: java not found (JDK 17 needed)" >&2; missing=1; }
command -v mvn >/dev/null 2>&1 || { echo "screenshot: mvn not found" >&2; missing=1; }
command -v xvfb-run >/dev/null 2>&1 || { echo "screenshot: xvfb-run not found; $hint" >&2; missing=1; }
if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ] && [ ! -x /usr/bin/nats-server ]; then
  echo "screenshot: nats-server not found; install with: sudo apt-get install nats-server" >&2
  missing=1
fi
[ "$missing" = 0 ] || exit 1

# One reactor build, so the classpath names this tree's jars, not older ones from ~/.m2.
echo "screenshot: building" >&2
mvn -q -B -pl app -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/tour.classpath
classpath="$root/app/target/test-classes:$root/app/target/classes:$(cat "$root/app/target/tour.classpath")"

xvfb-run -a -s "-screen 0 1600x1000x24" \
    java -cp "$classpath" dev.klaxon.app.tour.ScreenshotTour "$root/docs" "$wait_s" "$theme" "${KLAXON_SHOT_VIEWS:-}"
