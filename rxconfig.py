import os

import reflex as rx

config = rx.Config(
    app_name="spark_control",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    frontend_port=int(os.environ.get("BIND_PORT", "9999")),
    backend_port=int(os.environ.get("BIND_PORT", "9999")),
    state_manager_mode="memory",
    # Reflex puts a CORS middleware in front of everything (API included) from this list; its
    # default "*" would open the API to every web page. Empty = closed (see docs/SECURITY.md).
    cors_allowed_origins=[o.strip().rstrip("/") for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip()],
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
