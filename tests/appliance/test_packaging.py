"""The appliance packaging, checked without Docker or start-cli: one version everywhere, the
runtime image stage carries no JS toolchain, compose and the StartOS package say what the docs
say. (Building and running the image's contents is scripts/appliance-smoke, which CI runs.)"""

from __future__ import annotations

import re
import tomllib

import yaml

from spark_control.settings import PROJECT_ROOT

ROOT = PROJECT_ROOT


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def dockerfile_stages() -> dict[str, list[str]]:
    stages: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        m = re.match(r"FROM\s+\S+\s+AS\s+(\S+)", line, re.I)
        if m:
            current = m.group(1)
            stages[current] = []
        elif current:
            stages[current].append(line)
    return stages


def test_one_version_in_pyproject_changelog_and_startos():
    version = project_version()
    changelog = (ROOT / "CHANGELOG.md").read_text()
    first = re.search(r"^## (\S+)", changelog, re.M)
    assert first and first.group(1) == version, f"CHANGELOG.md's newest entry must be {version}"
    versions = ROOT / "packaging/startos/startos/install/versions"
    current = re.search(r"current:\s*(\w+)", (versions / "index.ts").read_text()).group(1)
    declared = {
        m.group(1): m.group(2)
        for f in versions.glob("*.ts")
        for m in re.finditer(r"export const (\w+) = VersionInfo\.of\(\{\s*version: '([^']+)'", f.read_text())
    }
    assert declared[current].split(":")[0] == version, f"StartOS current version {declared[current]} != {version}"
    # the version is written nowhere else by hand
    assert version not in (ROOT / "Dockerfile").read_text()
    assert version not in (ROOT / "compose.yaml").read_text()


def test_runtime_stage_has_no_js_toolchain_and_runs_unprivileged():
    stages = dockerfile_stages()
    assert set(stages) == {"build", "runtime"}
    runtime = "\n".join(stages["runtime"])
    for tool in ("nodejs", "npm", "bun", "build-frontend"):
        assert tool not in runtime, f"the runtime stage mentions {tool}"
    assert "ffmpeg" in runtime
    assert re.search(r"^USER (?!root)\S+", runtime, re.M)
    assert re.search(r"^EXPOSE \$\{BIND_PORT\}", runtime, re.M) and "ARG BIND_PORT=9999" in runtime
    assert re.search(r"^VOLUME \[\"/data\"\]", runtime, re.M) and "DATA_DIR=/data" in runtime
    assert "HEALTHCHECK" in runtime and "/health" in runtime
    assert 'ENTRYPOINT ["/opt/spark-control/bin/spark-control"]' in runtime
    build = "\n".join(stages["build"])
    # the image runs exactly the scripted steps CI runs outside Docker
    for step in ("build-steps.sh venv", "build-steps.sh app", "build-steps.sh build-frontend"):
        assert step in build


def test_compose_controller_and_optional_qdrant():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app = compose["services"]["spark-control"]
    assert app["build"] == "."
    assert any(p.endswith(":9999:9999") for p in app["ports"])
    assert "spark-control-data:/data" in app["volumes"]
    assert "profiles" not in app
    for var in ("SPARK1_HOST", "SPARK2_HOST", "OPERATOR_PASSWORD", "QDRANT_URL"):
        assert var in app["environment"]
    qdrant = compose["services"]["qdrant"]
    assert qdrant["profiles"] == ["qdrant"]
    assert "qdrant-data:/qdrant/storage" in qdrant["volumes"]
    assert set(compose["volumes"]) == {"spark-control-data", "qdrant-data"}


def test_startos_actions_call_the_documented_routes():
    actions = ROOT / "packaging/startos/startos/actions"
    cluster_api = (ROOT / "docs/CLUSTER_API.md").read_text()
    routes = {
        "showSshKey.ts": ["'GET', '/api/ssh/public-key'"],
        "configureSparks.ts": ["'PUT', '/api/settings/nodes'", "/api/settings/nodes/${n.name}/test"],
        "reapplyPatches.ts": ["'POST', '/api/actions/reapply-patches', { confirm: true }"],
    }
    for name, calls in routes.items():
        text = (actions / name).read_text()
        for call in calls:
            assert call in text, f"{name} does not call {call}"
            path = re.search(r"/api/[\w/-]+", call).group(0)
            assert path.split("/${")[0] in cluster_api, f"{path} is not in docs/CLUSTER_API.md"
    index = (actions / "index.ts").read_text()
    assert index.count(".addAction(") == 4
    main = (ROOT / "packaging/startos/startos/main.ts").read_text()
    assert "/health" in main and "'/opt/spark-control/bin/spark-control'" in main
    assert "Backups.ofVolumes('main')" in (ROOT / "packaging/startos/startos/backups.ts").read_text()
