#!/usr/bin/env bash
# The container image's build steps, as plain shell, so that CI can run exactly what the
# Dockerfile runs without a Docker daemon (scripts/appliance-smoke does: same steps, a temp prefix,
# then the same entrypoint with no node/bun on PATH).
#
#   packaging/build-steps.sh venv           SRC PREFIX   # PREFIX/venv with requirements.txt (runtime deps only)
#   packaging/build-steps.sh app            SRC PREFIX   # the app's files into PREFIX/app, entrypoint into PREFIX/bin
#   packaging/build-steps.sh runtime        SRC PREFIX   # venv + app
#   packaging/build-steps.sh build-frontend SRC PREFIX   # Reflex's frontend export -> PREFIX/app/.web/build/client
#
# build-frontend needs Python (PREFIX/venv from `runtime`), npm (to fetch bun from the npm
# registry) and the registry itself; nothing it installs lands in PREFIX except the static files.
# The runtime (PREFIX) needs only Python: no node, no bun, no registry.
set -euo pipefail

usage() { sed -n '2,12p' "$0" >&2; exit 2; }
[ $# -eq 3 ] || usage
step="$1"
SRC="$(cd "$2" && pwd)"
PREFIX="$3"
mkdir -p "$PREFIX"
PREFIX="$(cd "$PREFIX" && pwd)"
PYTHON="${PYTHON:-python3}"

# What the running app needs from the source tree (and nothing else: no tests, docs, toolchains).
APP_FILES=(rxconfig.py pyproject.toml models.yaml spark_control spark_embed parakeet_patches)

step_venv() {
  if [ ! -x "$PREFIX/venv/bin/python" ]; then
    "$PYTHON" -m venv "$PREFIX/venv"
  fi
  "$PREFIX/venv/bin/pip" install -q --disable-pip-version-check -r "$SRC/requirements.txt"
}

step_app() {
  mkdir -p "$PREFIX/app" "$PREFIX/bin"
  for f in "${APP_FILES[@]}"; do
    rm -rf "${PREFIX:?}/app/$f"
    cp -R "$SRC/$f" "$PREFIX/app/$f"
  done
  # assets/ is optional (Reflex's static files); copy it when the project has one.
  if [ -d "$SRC/assets" ]; then rm -rf "$PREFIX/app/assets"; cp -R "$SRC/assets" "$PREFIX/app/assets"; fi
  find "$PREFIX/app" \( -name __pycache__ -o -name '*.pyc' \) -prune -exec rm -rf {} +
  rm -f "$PREFIX/app/spark_embed/Dockerfile"
  # Bytecode now: at run time the prefix is read-only (root-owned in the image), so a start
  # without it would compile every module on every start.
  "$PREFIX/venv/bin/python" -m compileall -q "$PREFIX/app" >/dev/null
  install -m 0755 "$SRC/packaging/entrypoint.sh" "$PREFIX/bin/spark-control"
  install -m 0644 "$SRC/packaging/serve.py" "$PREFIX/bin/serve.py"
}

step_build_frontend() {
  [ -x "$PREFIX/venv/bin/reflex" ] || { echo "build-frontend: run the 'runtime' step first ($PREFIX/venv has no reflex)" >&2; exit 1; }
  [ -f "$PREFIX/app/rxconfig.py" ] || { echo "build-frontend: run the 'runtime' step first ($PREFIX/app is empty)" >&2; exit 1; }
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/spark-control-frontend.XXXXXX")"
  trap 'rm -rf "$work"' RETURN
  # bun from the npm registry (pinned in .tools/package-lock.json), as scripts/setup does.
  mkdir -p "$work/tools"
  cp "$SRC/.tools/package.json" "$SRC/.tools/package-lock.json" "$work/tools/"
  npm ci --prefix "$work/tools" --no-audit --no-fund --loglevel=error
  # A scratch copy of the app: .web/ (node_modules, caches) is built there, never in PREFIX.
  mkdir -p "$work/app"
  cp -R "$PREFIX/app/." "$work/app/"
  cp -R "$SRC/reflex.lock" "$work/app/reflex.lock"
  (
    cd "$work/app"
    export PATH="$work/tools/node_modules/.bin:$PREFIX/venv/bin:$PATH"
    export NPM_CONFIG_REGISTRY="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)}"
    export REFLEX_TELEMETRY_ENABLED=false REFLEX_CHECK_LATEST_VERSION=false
    export REFLEX_DIR="$work/reflex-home"
    export BUN_INSTALL_CACHE_DIR="${BUN_INSTALL_CACHE_DIR:-$work/bun-cache}"
    # The port the browser's websocket goes to is compiled into the bundle: the image's one port.
    export BIND_PORT="${BIND_PORT:-9999}"
    # Exporting imports the app: keep demo-mode data of that import out of the source copy.
    export DATA_DIR="$work/data"
    reflex export --frontend-only --no-zip --loglevel warning
  )
  [ -f "$work/app/.web/build/client/index.html" ] || { echo "build-frontend: the export produced no index.html" >&2; exit 1; }
  rm -rf "$PREFIX/app/.web"
  mkdir -p "$PREFIX/app/.web/build"
  cp -R "$work/app/.web/build/client" "$PREFIX/app/.web/build/client"
}

case "$step" in
  venv) step_venv ;;
  app) step_app ;;
  runtime) step_venv; step_app ;;
  build-frontend) step_build_frontend ;;
  *) usage ;;
esac
