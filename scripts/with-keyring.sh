#!/usr/bin/env bash
# Runs a command with an unlocked gnome-keyring on the current D-Bus session
# bus (call it under dbus-run-session). The keyring password is random and
# thrown away: this keyring exists only for the duration of the command.
set -euo pipefail
if command -v gnome-keyring-daemon >/dev/null; then
  keyring_password=$(head -c 24 /dev/urandom | base64)
  eval "$(printf '%s' "$keyring_password" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
  unset keyring_password
fi
exec "$@"
