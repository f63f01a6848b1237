#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-e2e.sh PYTHON SCRIPT ARGS…: runs an end-to-end test of the real app on
# its own Xvfb (a free display picked by the server itself, so parallel test
# runs never race for one), its own session bus and accessibility bus; the
# script starts the app and drives it through AT-SPI.
set -euo pipefail

if [[ ${1:-} != --inside ]]; then
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true; rm -f "$fifo"' EXIT
  read -r display <"$fifo"
  export DISPLAY=":$display"
  dbus-run-session -- "$0" --inside "$@"
  exit $?
fi

shift
python=$1
shift
/usr/libexec/at-spi-bus-launcher --launch-immediately &
launcher=$!
trap 'kill $launcher 2>/dev/null || true' EXIT
sleep 0.5
"$python" "$@"
