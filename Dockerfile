# syntax=docker/dockerfile:1
# Spark Control as an appliance: one image, one port (9999), state in /data.
#
#   docker build -t spark-control .
#   docker buildx build --platform linux/amd64,linux/arm64 -t <registry>/spark-control:<version> --push .
#
# The build steps are packaging/build-steps.sh, which CI also runs outside Docker
# (scripts/appliance-smoke): this file only orders them and sets up the runtime image.
# See docs/INSTALL.md.
ARG PYTHON_IMAGE=python:3.12-slim

# ---- build: Python deps, the app, and Reflex's frontend export (needs bun, from the npm registry)
FROM ${PYTHON_IMAGE} AS build
# npm only fetches bun (pinned in .tools/package-lock.json); Reflex runs its build under bun.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
COPY packaging/build-steps.sh packaging/
RUN PIP_NO_CACHE_DIR=1 packaging/build-steps.sh venv /src /opt/spark-control
COPY . .
# The browser's websocket port is compiled into the bundle: it must be the port users open.
ARG BIND_PORT=9999
RUN packaging/build-steps.sh app /src /opt/spark-control \
 && BIND_PORT=${BIND_PORT} packaging/build-steps.sh build-frontend /src /opt/spark-control

# ---- runtime: Python, ffmpeg (audio decoding), espeak-ng (demo mode's speech); no node, no bun
FROM ${PYTHON_IMAGE} AS runtime
ARG BIND_PORT=9999
ARG VERSION=dev
LABEL org.opencontainers.image.title="Spark Control" \
      org.opencontainers.image.description="Control room and LAN gateway for a private two-DGX-Spark AI cluster" \
      org.opencontainers.image.version="${VERSION}"
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg espeak-ng \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 spark \
 && useradd --system --uid 10001 --gid spark --home-dir /data --no-create-home --shell /usr/sbin/nologin spark \
 && install -d -o spark -g spark -m 0700 /data
COPY --from=build /opt/spark-control /opt/spark-control
ENV DATA_DIR=/data \
    BIND_HOST=0.0.0.0 \
    BIND_PORT=${BIND_PORT} \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
VOLUME ["/data"]
USER spark
EXPOSE ${BIND_PORT}
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python3", "-c", "import os, sys, urllib.request; u = 'http://127.0.0.1:%s/health' % os.environ.get('BIND_PORT', '9999'); sys.exit(0 if urllib.request.urlopen(u, timeout=4).status == 200 else 1)"]
ENTRYPOINT ["/opt/spark-control/bin/spark-control"]
