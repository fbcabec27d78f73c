"""Start Spark Control from an installed prefix with a prebuilt frontend: what the container runs.

`reflex run --env prod` compiles the app and rebuilds the frontend with bun at every start, and
`--backend-only` does not serve the static files. This does what Reflex's own prod run does after
its build step (``reflex.reflex._run_prod``: skip compile, ``run_backend_prod`` with the compiled
frontend mounted), so the image needs no node, bun or npm registry and starts in seconds.

The working directory must be the app directory (``rxconfig.py``, ``.web/build/client``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    app_dir = Path.cwd()
    client = app_dir / ".web" / "build" / "client" / "index.html"
    if not (app_dir / "rxconfig.py").is_file() or not client.is_file():
        print(f"spark-control: {app_dir} has no rxconfig.py or no prebuilt frontend ({client})", file=sys.stderr)
        return 2
    port = os.environ.get("BIND_PORT", "9999")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"spark-control: BIND_PORT must be a port number, got {port!r}", file=sys.stderr)
        return 2
    host = os.environ.get("BIND_HOST", "0.0.0.0")

    from reflex.utils import exec as reflex_exec
    from reflex_base import constants
    from reflex_base.config import get_config
    from reflex_base.environment import environment

    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    loglevel = get_config().loglevel.subprocess_level()
    reflex_exec.run_backend_prod(host, int(port), loglevel, mount_frontend_compiled_app=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
