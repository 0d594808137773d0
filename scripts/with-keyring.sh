#!/usr/bin/env bash
# Runs a command with an unlocked gnome-keyring on the current D-Bus session
# bus (call it under dbus-run-session). The keyring lives in a throwaway
# folder and its password is random and forgotten: it exists only for the
# duration of the command and never touches the user's own keyrings.
set -euo pipefail
if command -v gnome-keyring-daemon >/dev/null; then
  keyring_home=$(mktemp -d)
  trap 'rm -rf "$keyring_home"' EXIT
  keyring_password=$(head -c 24 /dev/urandom | base64)
  eval "$(printf '%s' "$keyring_password" | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL 2>/dev/null || true
  unset keyring_password
fi
"$@"
