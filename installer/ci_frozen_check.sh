#!/usr/bin/env bash
# Proves the frozen build as a store would get it (issue 17): builds the PyInstaller
# bundle and the .deb, installs the .deb with dpkg, and runs the INSTALLED program:
#   1. `counter-app --self-check` against a warehouse-api started on loopback (must pass),
#      and again with that warehouse stopped (must fail);
#   2. enrolled against that warehouse, offscreen, for a while (must not die);
#   3. `counter-app --demo` offscreen, then on Xvfb with the xcb platform, for a while
#      (must not die; it loads biip's and escpos' data files, the translations and the
#      embedded warehouse);
#   4. `--export-diagnostics` from the installed program.
# Prints what it measured (bundle and package size, build and start times).
# Run from .ci/run with the project's venv active; needs root for dpkg (CI is root).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
ALIVE_SECONDS=${ALIVE_SECONDS:-20}
# The installed program by its path: the venv's own `counter-app` script (the source
# tree, not the frozen build) comes first on PATH.
APP=/usr/bin/counter-app

work=$(mktemp -d)
server_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  dpkg --purge counter-app >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "== frozen check: $*"; }
fail() { echo "!! frozen check FAILED: $*" >&2; exit 1; }

step "build extra"
if [ "${FROZEN_CHECK_SKIP_PIP:-0}" != 1 ]; then python -m pip install -q -e ".[server,build]"; fi

if [ "${FROZEN_CHECK_SKIP_BUILD:-0}" = 1 ]; then  # local reruns: reuse dist/
  step "reusing dist/counter-app and the newest dist/*.deb"
else
step "PyInstaller bundle"
start=$(date +%s)
python installer/build.py --no-archive >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "installer/build.py"; }
tail -2 "$work/build.log"
echo "bundle: $(du -sh dist/counter-app | cut -f1), built in $(( $(date +%s) - start )) s"

step ".deb"
start=$(date +%s)
python installer/linux/build_deb.py --compression gzip
echo ".deb built in $(( $(date +%s) - start )) s"
fi
deb=$(ls -t dist/counter-app_*.deb | head -1)
dpkg-deb --info "$deb" | grep -E "Package|Version|Depends|Installed-Size"

step "dpkg -i $deb"
if ! dpkg -i "$deb"; then
  # Dependencies missing on this machine: let apt bring them, as `apt install ./x.deb` would.
  apt-get update -qq && apt-get install -f -y -qq
fi
dpkg-query -W -f='${Status}\n' counter-app | grep -q "install ok installed" || fail "counter-app not installed"
[ "$(readlink -f /usr/bin/counter-app)" = /opt/counter-app/counter-app ] || fail "/usr/bin/counter-app"
for f in /usr/share/applications/counter-app.desktop \
         /usr/share/icons/hicolor/256x256/apps/counter-app.png \
         /usr/lib/udev/rules.d/70-counter-app-receipt-printers.rules; do
  [ -f "$f" ] || fail "$f missing"
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate /usr/share/applications/counter-app.desktop; fi
if command -v udevadm >/dev/null; then
  udevadm verify /usr/lib/udev/rules.d/70-counter-app-receipt-printers.rules 2>/dev/null || true
fi
"$APP" --version

step "warehouse-api on loopback (demo data)"
db="sqlite:///$work/warehouse.db"
python -m warehouse_api.cli seed --demo --products 200 --db "$db" >/dev/null
port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python -m warehouse_api.cli serve --db "$db" --port "$port" >"$work/warehouse.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port"
healthy() { python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "$url/api/v1/health" 2>/dev/null; }
for _ in $(seq 150); do healthy && break; sleep 0.2; done
healthy || { cat "$work/warehouse.log"; fail "warehouse did not start"; }

step "installed self-check against it"
start=$(date +%s%N)
set +e
"$APP" --self-check --data-dir "$work/till" --server "$url" | tee "$work/self-check.txt"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || fail "self-check against a running warehouse (exit $status)"
grep -q "^frozen: yes" "$work/self-check.txt" || fail "$APP is not the frozen program"
echo "self-check took $(( ($(date +%s%N) - start) / 1000000 )) ms"

step "installed counter, enrolled, offscreen for ${ALIVE_SECONDS} s"
code=$(python -m warehouse_api.cli enrollment-code --db "$db" --store S001)
alive() {  # alive NAME ARGS...: the program must still run after ALIVE_SECONDS
  local name=$1; shift
  local log="$work/$name.log" started
  started=$(date +%s%N)
  "$APP" "$@" >"$log" 2>&1 &
  local pid=$!
  local shown=""
  for _ in $(seq $(( ALIVE_SECONDS * 5 ))); do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; fail "$name died"; fi
    if [ -z "$shown" ] && grep -q "propagateSizeHints\|first sync\|sign in" "$log" 2>/dev/null; then
      shown=$(( ($(date +%s%N) - started) / 1000000 ))
    fi
    sleep 0.2
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if grep -q "Traceback" "$log"; then cat "$log"; fail "$name logged a traceback"; fi
  echo "$name: alive after ${ALIVE_SECONDS} s${shown:+, first window after ${shown} ms}"
}
alive enrolled --data-dir "$work/till" --server "$url" --enroll "$code"
grep -q '"url"' "$work/till/settings.json" || fail "the warehouse address was not remembered"
"$APP" --self-check --data-dir "$work/till" || fail "self-check of the enrolled till (remembered address)"

step "installed counter --demo, offscreen for ${ALIVE_SECONDS} s"
alive demo --demo --data-dir "$work/demo-data"

if command -v Xvfb >/dev/null; then
  step "installed counter --demo on an X server (xcb platform, system X libraries)"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || fail "Xvfb did not start"
  DISPLAY=":$(cat "$work/display")" QT_QPA_PLATFORM=xcb alive demo-xcb --demo --data-dir "$work/demo-data"
  kill "$xvfb_pid"; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=""
fi

step "diagnostics from the installed program"
"$APP" --data-dir "$work/till" --export-diagnostics "$work/diag.zip"
python -c "import sys, zipfile; n = zipfile.ZipFile(sys.argv[1]).namelist(); print(n); assert 'integrity.json' in n" "$work/diag.zip"

step "self-check with the warehouse stopped must fail"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
if "$APP" --self-check --data-dir "$work/till" --server "$url"; then
  fail "self-check passed with the warehouse stopped"
fi

echo "frozen check: all passed"
