#!/usr/bin/env bash
# Start-up of app images, interleaved (BENCHMARKS.md, "Class-data archives in the app image"): per round, each
# image once, in an order rotating from round to round, after one unrecorded warm-up of each:
#   version  klaxon-bridge --version, wall time
#   run      klaxon-bridge run (one log route, a nats-server on loopback already up, storage kept per image): from
#            just before the launcher to the instant printed on its "nats connected" line
#   window, console   klaxon --demo on an Xvfb display: the console's own "first frame of ..." lines (ms after the
#            JVM started); -Dklaxon.quitAfterFirstFrame=true makes it quit right after
# Appends "name round measure ms" lines (tab-separated) to OUT.
#
#   docs/startup-bench.sh ROUNDS OUT.tsv NAME=IMAGE...
#   docs/startup-bench.sh 7 /tmp/startup.tsv base=/tmp/base/klaxon cds=app/target/installer/klaxon
# Needs nats-server, Xvfb and a free port 14222 and display :93.
set -u
rounds=${1:?rounds}
out=${2:?output file}
shift 2
names=()
declare -A images
for arg in "$@"; do
  names+=("${arg%%=*}")
  images[${arg%%=*}]=$(cd "${arg#*=}" && pwd)
done
work=$(mktemp -d)
export DISPLAY=:93
Xvfb :93 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
nats-server -a 127.0.0.1 -p 14222 >/dev/null 2>&1 &
nats=$!
trap 'kill $xvfb $nats 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
for v in "${names[@]}"; do
  mkdir -p -m 700 "$work/$v/store"
  cat >"$work/$v/klaxon.yaml" <<EOF
nats:
  servers: ["nats://127.0.0.1:14222"]
  subjects: ["alerts.>"]
storage:
  dir: $work/$v/store
routes:
  - match: "alerts.>"
    action: log
EOF
done
ns() { date +%s%N; }
one_version() {
  local t0 t1
  t0=$(ns)
  "${images[$1]}/bin/klaxon-bridge" --version >/dev/null
  t1=$(ns)
  echo $(((t1 - t0) / 1000000))
}
one_run() {
  local d=$work/$1 t0 pid line
  rm -f "$d/run.out" # else the loop below may still read the last run's line
  t0=$(ns)
  HOME=$d "${images[$1]}/bin/klaxon-bridge" run --config "$d/klaxon.yaml" >"$d/run.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "nats connected" "$d/run.out" 2>/dev/null && break
    sleep 0.05
  done
  kill -TERM $pid
  wait $pid 2>/dev/null
  line=$(grep -m1 "nats connected" "$d/run.out") || { echo NA; return; }
  echo $((($(date -d "${line%% *}" +%s%N) - t0) / 1000000))
}
one_console() {
  local d=$work/$1/console-$RANDOM w c
  mkdir -p "$d"
  HOME=$d XDG_CONFIG_HOME=$d/config XDG_DATA_HOME=$d/data _JAVA_OPTIONS="-Dklaxon.quitAfterFirstFrame=true" \
    timeout 60 "${images[$1]}/bin/klaxon" --demo >"$d/out" 2>&1
  w=$(grep -o "first frame of the startup window [0-9]*" "$d/out" | awk '{print $NF}')
  c=$(grep -o "first frame of the console [0-9]*" "$d/out" | awk '{print $NF}')
  echo "${w:-NA} ${c:-NA}"
}
for v in "${names[@]}"; do
  one_version "$v" >/dev/null
  one_run "$v" >/dev/null
  one_console "$v" >/dev/null
done
n=${#names[@]}
for r in $(seq 1 "$rounds"); do
  for k in $(seq 0 $((n - 1))); do
    v=${names[$(((k + r) % n))]}
    printf "%s\t%s\tversion\t%s\n" "$v" "$r" "$(one_version "$v")" >>"$out"
    printf "%s\t%s\trun\t%s\n" "$v" "$r" "$(one_run "$v")" >>"$out"
    read -r w c < <(one_console "$v")
    printf "%s\t%s\twindow\t%s\n%s\t%s\tconsole\t%s\n" "$v" "$r" "$w" "$v" "$r" "$c" >>"$out"
  done
  echo "startup-bench: round $r done $(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
