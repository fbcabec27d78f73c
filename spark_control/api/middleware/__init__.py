"""The HTTP middleware of the API, one module per concern; ``api.hardening.install_hardening``
puts them together in order.

- ``body_limits``: request body caps per route family (413)
- ``security_headers``: security headers and the UI's Content-Security-Policy
- ``audit``: audit of mutations the core does not record itself
- ``docs``: the OpenAPI docs behind operator access
- ``cors``: CORS for ``CORS_ORIGINS`` only
- ``host_allowlist``: the Host allowlist and the websocket's Origin check
- ``upload_guard``: Reflex's upload route needs a signed-in operator
- ``log_redaction``: secrets scrubbed from log records
- ``data_dir``: the data directory is never served
- ``request_metrics``: requests counted by route template and status (``/metrics``);
  installed by ``create_api`` itself, innermost
"""
