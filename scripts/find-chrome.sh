#!/usr/bin/env bash
# Prints the path of a Chromium/Chrome to test with. On a fresh Debian machine, running as root,
# installs Debian's chromium; otherwise fails with one line saying what to do.
set -euo pipefail
for candidate in "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[homecoming] Chromium not found; installing Debian's chromium (about 30 s)…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
fi
echo "[homecoming] No Chromium found: install it (Debian: 'apt-get install chromium') or set CHROME_PATH to a Chrome/Chromium binary." >&2
exit 1
