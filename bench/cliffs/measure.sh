#!/usr/bin/env bash
# measure.sh ROOT DIR (ROOT: a bt checkout, built) [bt run args]: prints user+sys CPU s, peak RSS MB, wall s of bt run --no-report
# DIR/res is bt's own run folder: bt run replaces a folder it wrote, so nothing here deletes anything.
ROOT=$1; D=$2; shift 2
/usr/bin/time -f "%U %S %M %e" -o "$D/time.txt" node "$ROOT/bin/bt.js" run "$D/scenario.yaml" --out "$D/res" --no-report "$@" > "$D/run.out" 2> "$D/run.err"
rc=$?
read -r u s m e < "$D/time.txt"
printf "%-28s cpu %7.2f s  rss %6.0f MB  wall %6.2f s rc=%d  %s\n" "$(basename "$D")" "$(echo "$u+$s" | bc)" "$(echo "$m/1024" | bc)" "$e" "$rc" "$(grep -o 'input events.*' "$D/run.out" | head -c 150)"
