#!/usr/bin/env bash
# Takes the screenshots of trust on first use and connection profiles under
# Xvfb: a real ferryd serving its own `ferryd init-tls` certificate, the
# console asked to trust it, the profiles dialog with the pinned fingerprint,
# then the same server with a new certificate, refused. Run from the source
# folder after building; needs xvfb-run, xdotool, imagemagick, dbus-run-session.
# Usage: take-trust-screenshots.sh [LANG]   LANG "ja" writes docs/screenshots/ja/
set -euo pipefail
[[ -n "${TRACE:-}" ]] && set -x
cd "$(dirname "$0")/../.."
if [[ -z "${FERRY_SHOOTING:-}" ]]; then
  exec env FERRY_SHOOTING=1 dbus-run-session -- scripts/with-keyring.sh \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
build=$(realpath "${BUILD:-build}")
lang=${1:-en}
out=docs/screenshots
# The windows are found by their titles, which are translated.
title_main="Ferry Console" title_trust="Trust this server" title_profiles="Connection profiles"
title_changed="certificate has changed"
if [[ $lang == ja ]]; then
  out=docs/screenshots/ja
  title_main="Ferry コンソール" title_trust="このサーバーの証明書を信頼" title_profiles="接続プロファイル"
  title_changed="証明書が変更されました"
fi
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data-home
port=${PORT:-5340}
export FERRY_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')

serve() {
  "$build/app/ferryd" init-tls --data "$work/root" --ip 127.0.0.1 >/dev/null
  "$build/app/ferryd" --data "$work/root" --listen 127.0.0.1:$port --tls 2>>"$work/root.log" &
  ferryd=$!; pids+=($ferryd)
  sleep 1
}
console() { # args...
  "$build/app/ferry-console" --lang "$lang" "$@" &
  app=$!; pids+=($app)
  sleep 5
  win=$(xdotool search --name "$title_main" | head -1)
  xdotool windowmove "$win" 0 0 windowsize "$win" 1400 860
  sleep 1
}
dialog() { # window title -> focused and placed in view
  local d
  for _ in $(seq 20); do d=$(xdotool search --name "$1" | head -1 || true); [[ -n $d ]] && break; sleep 0.5; done
  [[ -n $d ]] || { echo "no window named '$1'" >&2; import -window root "$work/missing.png"; cp "$work/missing.png" /tmp/ferry-missing.png; return 1; }
  xdotool windowmove "$d" 380 180
  xdotool windowfocus --sync "$d"
  sleep 1
}

serve
FERRY_PASSWORD=$FERRY_ADMIN_PASSWORD console --url https://127.0.0.1:$port
dialog "$title_trust"
import -window root "$out/trust-certificate.png"
xdotool key alt+t   # Trust and connect
sleep 4
xdotool windowfocus --sync "$win"
sleep 1
import -window root "$work/after-trust.png"
xdotool key ctrl+shift+l
dialog "$title_profiles"
import -window root "$out/connection-profiles.png"
xdotool key Escape
sleep 1
kill "$app"; wait "$app" 2>/dev/null || true
kill "$ferryd"; wait "$ferryd" 2>/dev/null || true

serve   # the same URL, a new certificate
console # the last profile
dialog "$title_changed"
import -window root "$out/certificate-changed.png"
