#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-e2e.sh PYTHON SCRIPT ARGS…: runs an end-to-end test of the real app on
# its own Xvfb (a free display picked by the server itself, so parallel test
# runs never race for one), its own session bus and accessibility bus; the
# script starts the app and drives it through AT-SPI.
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  # A display number of our own, far from xvfb-run's 99 and up; the server
  # says when it is ready through -displayfd. Retry on a taken number.
  dir=$(mktemp -d)
  xvfb=
  trap 'if [[ -n $xvfb ]]; then kill $xvfb 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
  for _ in 1 2 3 4 5 6 7 8; do
    display=$((300 + RANDOM % 600))
    [[ -e /tmp/.X11-unix/X$display || -e /tmp/.X$display-lock ]] && continue
    mkfifo "$dir/ready"
    Xvfb ":$display" -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3>"$dir/ready" >"$dir/xvfb.log" 2>&1 </dev/null &
    xvfb=$!
    # Ready, and really ours: a client can connect (a server of another
    # sandbox may hold the same number in the abstract socket namespace).
    # -noreset: without it the server resets when that client leaves and
    # refuses the app's connection for a moment.
    if read -r -t 20 ready <"$dir/ready" && [[ $ready == "$display" ]] &&
      { ! command -v xwininfo >/dev/null || xwininfo -root -display ":$display" >/dev/null 2>&1; }; then
      break
    fi
    kill $xvfb 2>/dev/null || true
    xvfb=
    rm -f "$dir/ready"
  done
  if [[ -z $xvfb ]]; then
    echo "Bail out! could not start Xvfb"
    exit 1
  fi
  export DISPLAY=":$display"
  status=0
  dbus-run-session -- "$0" --inside "$@" || status=$?
  if ((status != 0)); then
    echo "# Xvfb :$display (pid $xvfb, $(kill -0 $xvfb 2>/dev/null && echo alive || echo gone)) said:"
    sed 's/^/# /' "$dir/xvfb.log"
  fi
  exit $status
fi

shift
python=$1
shift
# The registry daemon announces itself on stdout, which is TAP here.
/usr/libexec/at-spi-bus-launcher --launch-immediately >&2 &
launcher=$!
trap 'kill $launcher 2>/dev/null || true' EXIT
sleep 0.5
# The tests import voronka_e2e.py from the source tree: leave no cache there.
export PYTHONDONTWRITEBYTECODE=1
"$python" "$@"
