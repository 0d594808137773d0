#!/usr/bin/env bash
# The Debian package end to end, on this machine (needs root, as CI has):
# build it with scripts/package.sh, check its contents, install it with dpkg,
# run the installed ferryd as the package's service user on a temporary data
# folder, push and pull an image through it with skopeo, then remove (data
# and settings stay) and purge (everything goes). Whatever fails, the trap
# stops ferryd and purges the package, so the machine is left as found.
#   tests/package/deb_install.sh SOURCE_DIR BUILD_DIR WORK_DIR
# BUILD_DIR is packaged as it is (ctest passes its own, so only the programs
# are rebuilt); it is reconfigured to install under /usr.
set -euo pipefail

source_dir=$(cd "$1" && pwd)
build_dir=$2
work_dir=$3
step() { printf '== %s\n' "$*"; }
# dpkg's status of the package: "install ok installed", "deinstall ok
# config-files", ... or empty when dpkg has no trace of it.
package_state() { dpkg-query -W -f='${Status}' ferry 2>/dev/null | grep -v "not-installed" || true; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

if [[ $(id -u) -ne 0 ]]; then
  echo "needs root (dpkg -i); CI runs it as root"
  exit 77 # ctest: skipped, never shown as passed
fi
for tool in dpkg-deb skopeo setpriv sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
# Never disturb a real installation.
if [[ -n $(package_state) ]]; then
  fail "the ferry package is on this machine ($(package_state)); not touching it"
fi
[[ ! -e /var/lib/ferry && ! -e /etc/ferry ]] || fail "/var/lib/ferry or /etc/ferry exists without the package; not touching it"

tmp=$(mktemp -d)
chmod 0755 "$tmp"
ferryd_pid=
cleanup() {
  local status=$?
  if [[ -n $ferryd_pid ]] && kill -0 "$ferryd_pid" 2>/dev/null; then
    kill "$ferryd_pid" 2>/dev/null || true
    wait "$ferryd_pid" 2>/dev/null || true
  fi
  if [[ -n $(package_state) ]]; then
    dpkg --purge ferry >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  if (( status != 0 )) && [[ -f $work_dir/ferryd.log ]]; then
    echo "--- ferryd's log"; cat "$work_dir/ferryd.log"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "build the .deb"
mkdir -p "$work_dir"
deb=$("$source_dir/scripts/package.sh" "$build_dir" | tail -1)
[[ -f $deb ]] || fail "scripts/package.sh printed no package"

step "check the package"
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/ferryd ./usr/bin/ferry-console ./usr/bin/ferryctl \
            ./usr/share/applications/org.ferry.Console.desktop \
            ./usr/share/icons/hicolor/scalable/apps/org.ferry.Console.svg \
            ./usr/share/metainfo/org.ferry.Console.metainfo.xml \
            ./usr/lib/systemd/system/ferryd.service ./etc/ferry/ferryd.conf \
            ./usr/share/doc/ferry/installing.md ./usr/share/doc/ferry/copyright; do
  grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
dpkg-deb --info "$deb" conffiles | grep -qx /etc/ferry/ferryd.conf || fail "ferryd.conf is not a conffile"
depends=$(dpkg-deb --field "$deb" Depends)
for dependency in adduser libqt6core6 libqt6widgets6 qt6-qpa-plugins libssl3 libsqlite3-0; do
  grep -q "$dependency" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done

step "install"
dpkg -i "$deb" >/dev/null
getent passwd ferry >/dev/null || fail "postinst created no ferry user"
[[ $(stat -c '%U:%G %a' /var/lib/ferry) == "ferry:ferry 750" ]] || fail "/var/lib/ferry is $(stat -c '%U:%G %a' /var/lib/ferry)"
[[ $(stat -c '%U:%G %a' /etc/ferry/ferryd.conf) == "root:ferry 640" ]] || fail "ferryd.conf is $(stat -c '%U:%G %a' /etc/ferry/ferryd.conf)"
/usr/bin/ferryd --help | grep -q /etc/ferry/ferryd.conf || fail "the installed ferryd's default configuration is not /etc/ferry/ferryd.conf"
if command -v systemd-analyze >/dev/null; then
  # Checks the unit's syntax and that ExecStart exists; the unit is not run here.
  # Warnings too (an unknown or misspelt key is only a warning).
  systemd-analyze verify /usr/lib/systemd/system/ferryd.service 2>&1 | grep -v "^$" | tee "$tmp/verify" || true
  ! grep -qi "ferryd.service" "$tmp/verify" || fail "systemd-analyze verify complains about ferryd.service"
  # The hardening, as systemd scores it (0 = locked down, 10 = fully exposed).
  exposure=$(systemd-analyze security --offline=yes /usr/lib/systemd/system/ferryd.service 2>/dev/null |
             sed -n 's/.*Overall exposure level for ferryd.service: \([0-9.]*\).*/\1/p')
  [[ -n $exposure ]] || fail "systemd-analyze security gave no score"
  awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || fail "ferryd.service's exposure is $exposure, above 2.0"
  echo "   systemd exposure level: $exposure"
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/org.ferry.Console.desktop >"$tmp/desktop" 2>&1 || true
  [[ ! -s $tmp/desktop ]] || { cat "$tmp/desktop"; fail "desktop-file-validate has remarks"; }
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net --pedantic /usr/share/metainfo/org.ferry.Console.metainfo.xml >"$tmp/appstream" 2>&1 ||
    { cat "$tmp/appstream"; fail "appstreamcli rejects the metainfo"; }
fi

step "run the installed ferryd as the ferry user, as the unit does"
data=$tmp/data
install -d -o ferry -g ferry -m 0750 "$data"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
# The installed configuration file, with the data folder and a free port
# on the command line (which beats the file).
# setpriv execs ferryd itself, so $! is ferryd and gets the SIGTERM below.
FERRY_ADMIN_PASSWORD=$password setpriv --reuid ferry --regid ferry --init-groups -- \
  /usr/bin/ferryd serve --config /etc/ferry/ferryd.conf \
  --data "$data" --listen 127.0.0.1:0 2>"$work_dir/ferryd.log" &
ferryd_pid=$!
url=
for _ in $(seq 100); do
  url=$(sed -n 's/.*ready: listening on \(http[^ ]*\).*/\1/p' "$work_dir/ferryd.log" | head -1)
  [[ -n $url ]] && break
  kill -0 "$ferryd_pid" 2>/dev/null || fail "ferryd exited"
  sleep 0.1
done
[[ -n $url ]] || fail "ferryd never said it was ready"
host=${url#http://}
[[ -n $(ls -A "$data") && -z $(find "$data" ! -user ferry) ]] || fail "the data folder is empty or has files not owned by ferry"

step "push and pull with skopeo through $host"
# A one-layer OCI image made here, byte for byte.
layout=$tmp/layout
mkdir -p "$layout/blobs/sha256" "$tmp/rootfs"
echo "hello from the ferry package test" >"$tmp/rootfs/hello.txt"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$tmp/rootfs" -cf "$tmp/layer.tar" hello.txt
diff_id=$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)
gzip -n -c "$tmp/layer.tar" >"$tmp/layer.tar.gz"
blob() { # file -> prints digest hex, stores the blob
  local hex; hex=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$layout/blobs/sha256/$hex"; echo "$hex"
}
layer=$(blob "$tmp/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$diff_id" >"$tmp/config.json"
config=$(blob "$tmp/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%d}]}' \
  "$config" "$(stat -c %s "$tmp/config.json")" "$layer" "$(stat -c %s "$tmp/layer.tar.gz")" >"$tmp/manifest.json"
manifest=$(blob "$tmp/manifest.json")
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
  "$manifest" "$(stat -c %s "$tmp/manifest.json")" >"$layout/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"

# The admin's credentials in an auth file, never on a command line.
printf '{"auths":{"%s":{"auth":"%s"}}}' "$host" "$(printf 'admin:%s' "$password" | base64 -w0)" >"$tmp/auth.json"
export REGISTRY_AUTH_FILE=$tmp/auth.json TMPDIR=$tmp
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$layout:v1" "docker://$host/package-test/hello:v1" ||
  fail "skopeo push failed"
skopeo --insecure-policy copy -q --src-tls-verify=false "docker://$host/package-test/hello:v1" "oci:$tmp/pulled:v1" ||
  fail "skopeo pull failed"
cmp -s "$layout/blobs/sha256/$layer" "$tmp/pulled/blobs/sha256/$layer" || fail "the pulled layer differs"
grep -q "sha256:$manifest" "$tmp/pulled/index.json" || fail "the pulled manifest digest differs"
unset REGISTRY_AUTH_FILE

kill "$ferryd_pid"
wait "$ferryd_pid" || fail "ferryd did not stop cleanly on SIGTERM"
ferryd_pid=

step "an ordinary user's ferryd (the console's) runs without the service's file"
# Without --config the installed ferryd reads /etc/ferry/ferryd.conf, which
# is root:ferry 0640: nobody cannot read it, and must start anyway.
install -d -o nobody -m 0700 "$tmp/user-data"
setpriv --reuid nobody --regid nogroup --clear-groups -- \
  /usr/bin/ferryd --data "$tmp/user-data" --listen 127.0.0.1:0 2>"$work_dir/ferryd.log" &
ferryd_pid=$!
for _ in $(seq 100); do
  grep -q "ready: listening" "$work_dir/ferryd.log" && break
  kill -0 "$ferryd_pid" 2>/dev/null || fail "a user's ferryd exited"
  sleep 0.1
done
grep -q "ready: listening" "$work_dir/ferryd.log" || fail "a user's ferryd never said it was ready"
kill "$ferryd_pid"
wait "$ferryd_pid" || fail "a user's ferryd did not stop cleanly"
ferryd_pid=

step "remove keeps data and settings"
echo keep >/var/lib/ferry/marker
dpkg --remove ferry >/dev/null
[[ ! -e /usr/bin/ferryd && ! -e /usr/lib/systemd/system/ferryd.service ]] || fail "remove left the programs"
[[ -f /etc/ferry/ferryd.conf && -f /var/lib/ferry/marker ]] || fail "remove deleted settings or data"
getent passwd ferry >/dev/null || fail "remove deleted the service user"

step "purge deletes them"
dpkg --purge ferry >/dev/null
[[ ! -e /etc/ferry && ! -e /var/lib/ferry ]] || fail "purge left /etc/ferry or /var/lib/ferry"
! getent passwd ferry >/dev/null || fail "purge left the ferry user"
[[ -z $(package_state) ]] || fail "dpkg still has ferry: $(package_state)"
step "ok"
