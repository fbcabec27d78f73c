"""Start Spark Control from an installed prefix with a prebuilt frontend: what the container runs.

`reflex run --env prod` compiles the app and rebuilds the frontend with bun at every start, and
`--backend-only` does not serve the static files. This does what Reflex's own prod run does after
its build step (``reflex.reflex._run_prod``: skip compile, ``run_backend_prod`` with the compiled
frontend mounted), so the image needs no node, bun or npm registry and starts in seconds.

The working directory must be the app directory (``rxconfig.py``, ``.web/build/client``).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path


def built_port(client: Path) -> int | None:
    """The port the frontend bundle's websocket goes to (Reflex compiles it into reflex-env-*.js)."""
    for f in (client / "assets").glob("reflex-env-*.js"):
        m = re.search(r"localhost:(\d+)/_event", f.read_text(errors="replace"))
        if m:
            return int(m.group(1))
    return None


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
    bundle_port = built_port(client.parent)
    if bundle_port is not None and bundle_port != int(port):
        print(
            f"spark-control: warning: the frontend was built for port {bundle_port} but BIND_PORT={port}: "
            f"pages load, but their live connection goes to port {bundle_port} (rebuild with BIND_PORT={port}; "
            "docs/INSTALL.md)",
            file=sys.stderr,
        )

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
