# Sourced by scripts/run and scripts/test: the project's tool paths and Reflex's offline switches.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/.venv/bin:$PATH"
export NPM_CONFIG_REGISTRY="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)}"
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_CHECK_LATEST_VERSION=false
export REFLEX_DIR="$ROOT/.reflex-home"
export BUN_INSTALL_CACHE_DIR="$ROOT/.tools/bun-cache"
export HF_HUB_OFFLINE=1
