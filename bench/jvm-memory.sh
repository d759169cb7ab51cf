#!/usr/bin/env bash
# Memory of a running JVM: heap in use after a full GC (jcmd GC.run, then GC.heap_info), RSS,
# threads and open files from /proc, and the CPU it used over 10 s before the GC (what holding
# its connections costs while nothing happens).   bench/jvm-memory.sh PID [LABEL]
set -euo pipefail
pid=$1
label=${2:-}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep 10
cpu_percent=$(( ($(ticks) - before) * 100 / $(getconf CLK_TCK) / 10 ))
jcmd "$pid" GC.run > /dev/null
heap=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen|total [0-9]+K, used/ {print; exit}')
used_kb=$(sed -E 's/.*used ([0-9]+)K.*/\1/' <<< "$heap")
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
fds=$(ls "/proc/$pid/fd" | wc -l)
printf '%sheap used after full GC: %d MB; RSS: %d MB; threads: %d; open files: %d; CPU over 10 s: %d%% of a core\n' \
    "${label:+$label: }" $((used_kb / 1024)) $((rss_kb / 1024)) "$threads" "$fds" "$cpu_percent"
