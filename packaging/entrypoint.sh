#!/bin/sh
# Starts Spark Control from an installed prefix (PREFIX/venv, PREFIX/app with the prebuilt
# frontend): the container's entrypoint, and what CI's appliance smoke test starts outside Docker.
# Needs only Python: no node, no bun, no registry. Settings come from the environment (README).
set -eu
PREFIX="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
export PATH="$PREFIX/venv/bin:$PATH"
export DATA_DIR="${DATA_DIR:-$PREFIX/data}"
mkdir -p "$DATA_DIR"
export REFLEX_TELEMETRY_ENABLED=false REFLEX_CHECK_LATEST_VERSION=false
# Reflex keeps a little per-user state (installation id, locks): in the data volume, not in $HOME.
export REFLEX_DIR="${REFLEX_DIR:-$DATA_DIR/.reflex}"
cd "$PREFIX/app"
exec python "$PREFIX/bin/serve.py" "$@"
