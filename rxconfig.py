import os

import reflex as rx

config = rx.Config(
    app_name="spark_control",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    frontend_port=int(os.environ.get("BIND_PORT", "9999")),
    backend_port=int(os.environ.get("BIND_PORT", "9999")),
    state_manager_mode="memory",
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
