"""``python -m spark_embed``: serve on $HOST:$PORT (default 0.0.0.0:8001) with the models from env."""

from __future__ import annotations

import logging

import uvicorn

from spark_embed.app import create_app
from spark_embed.config import Config


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    cfg = Config.from_env()
    uvicorn.run(create_app(cfg), host=cfg.host, port=cfg.port, log_level="info")


if __name__ == "__main__":
    main()
