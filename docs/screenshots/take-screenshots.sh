#!/usr/bin/env bash
# Takes the console screenshots in docs/screenshots/ under Xvfb, from a real
# three-level hierarchy on this machine (README "A hierarchy on one machine"):
# a root ferryd, edge1 (ReadWrite) and mirror1 (ReadOnly, under edge1) each
# started from its connection string, plus edge2, defined but never started.
# Run from the source folder after building; needs xvfb-run, xdotool and
# imagemagick. Everything lives in a temporary folder and is stopped at the end.
# Usage: take-screenshots.sh [LANG]   LANG "ja" writes docs/screenshots/ja/
# (the Japanese text needs a CJK font: fonts-noto-cjk); the default is English.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD:-build}
lang=${1:-en}
out=docs/screenshots
if [[ $lang != en ]]; then out=docs/screenshots/$lang; mkdir -p "$out"; fi
# ferryctl's output is parsed below: it speaks English whatever the desktop's language.
export FERRY_LANG=en
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=${PORT:-5310}
export FERRY_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
"$build/app/ferryd" --data "$work/root" --listen 127.0.0.1:$port --sync-heartbeat 1 2>"$work/root.log" &
pids+=($!)
sleep 1
export FERRY_SERVER=http://127.0.0.1:$port FERRY_PASSWORD=$FERRY_ADMIN_PASSWORD
ctl="$build/app/ferryctl"
$ctl token create --name site-pull --scope-map _repositories_pull >/dev/null
$ctl connected-registry create --name edge1 --mode ReadWrite --repository app --client-tokens site-pull >/dev/null
$ctl connected-registry create --name edge2 --mode ReadWrite --repository app >/dev/null
$ctl connected-registry create --name mirror1 --mode ReadOnly --parent edge1 --repository app --client-tokens site-pull >/dev/null
# For the access pages: a scope map with a wildcard repository, tokens with
# and without passwords and expiries, one disabled.
$ctl scope-map create --name app-team --description "The app team: pull app, push team/*" \
  --repository app content/read metadata/read \
  --repository 'team/*' content/read content/write content/delete metadata/read metadata/write \
  --gateway edge1 config/read message/read >/dev/null
$ctl token create --name ci-build --scope-map app-team --no-passwords >/dev/null
$ctl token credential generate --name ci-build --password1 --expiration-in-days 90 >/dev/null
$ctl token create --name ci-deploy --scope-map _repositories_push >/dev/null
$ctl token create --name old-robot --scope-map _repositories_pull --status disabled --no-passwords >/dev/null

start_child() { # name port
  $ctl connected-registry get-settings --name "$1" --parent-protocol http --generate-password 1 \
    | sed -n 's/^Connection string: //p' > "$work/$1.conn"
  chmod 600 "$work/$1.conn"
  FERRY_ADMIN_PASSWORD= "$build/app/ferryd" --data "$work/$1" --listen 127.0.0.1:$2 \
    --connection-string-file "$work/$1.conn" --sync-heartbeat 1 2>"$work/$1.log" &
  pids+=($!)
}
start_child edge1 $((port + 1))
for _ in $(seq 30); do $ctl connected-registry show --name edge1 -o json 2>/dev/null | grep -q '"Online"' && break; sleep 1; done
start_child mirror1 $((port + 2))
for _ in $(seq 30); do $ctl connected-registry show --name mirror1 -o json 2>/dev/null | grep -q '"Online"' && break; sleep 1; done

export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
cat > "$work/shoot.sh" <<SHOOT
set -e
"$build/app/ferry-console" --lang $lang --url http://127.0.0.1:$port &
console=\$!
sleep 6
win=\$(xdotool search --name "^Ferry " | head -1)
# No window manager under Xvfb: place the window and give it the keyboard.
xdotool windowmove "\$win" 0 0 windowsize "\$win" 1600 1000
sleep 1
xdotool windowfocus --sync "\$win"
sleep 1
# The main window; then edge1 selected (root is current; a click on the tree
# list's empty part gives it the keyboard, Down moves to row 2, whatever the
# page tabs' and the font's heights): its properties, its client tokens; then
# password1 of its client token regenerated (Alt+1, Alt+R).
import -window root "$out/main-window.png"
xdotool mousemove 150 700 click 1
sleep 1
xdotool key Down
sleep 2
import -window root "$out/details-panel.png"
xdotool key alt+t
sleep 2
import -window root "$out/client-tokens.png"
xdotool key alt+1
sleep 1
import -window root "$out/regenerate-confirm.png"
xdotool key alt+r
sleep 2
import -window root "$out/regenerate-result.png"
# View > Language (Alt+V, L), then the System service menu (Alt+Y).
xdotool key Escape
sleep 1
xdotool windowfocus --sync "\$win"
xdotool key alt+v
sleep 1
xdotool key l
sleep 1
import -window root "$out/language-menu.png"
xdotool key Escape Escape Escape
sleep 1
xdotool windowfocus --sync "\$win"
xdotool key alt+y
sleep 1
import -window root "$out/service-menu.png"
xdotool key Escape
sleep 1
# The New registry dialog (Ctrl+N) under edge1.
xdotool windowfocus --sync "\$win"
xdotool key ctrl+n
sleep 1
import -window root "$out/new-registry.png"
xdotool key Escape
# The access pages (Ctrl+2..4): the tokens with ci-build selected, the scope
# maps, app-team in the grid editor (after the three system maps), the audit
# log filtered to token actions (Alt+C: the action filter).
xdotool key Escape
sleep 1
xdotool windowfocus --sync "\$win"
xdotool key ctrl+2
sleep 2
xdotool key Down
sleep 1
import -window root "$out/tokens.png"
xdotool key ctrl+3
sleep 2
xdotool key Down Down Down Down
sleep 1
import -window root "$out/scope-maps.png"
xdotool key Return
sleep 2
import -window root "$out/scope-map-editor.png"
xdotool key Escape
sleep 1
xdotool windowfocus --sync "\$win"
xdotool key ctrl+4
sleep 2
xdotool key alt+c
xdotool type "token."
xdotool key Return
sleep 2
import -window root "$out/audit-log.png"
kill \$console
SHOOT
dbus-run-session -- scripts/with-keyring.sh \
  xvfb-run -a -s '-screen 0 1600x1000x24' bash "$work/shoot.sh"
echo "screenshots in $out"
