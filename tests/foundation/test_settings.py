import pytest

from spark_control.errors import ConfigError
from spark_control.settings import ClusterConfig, load_settings


def test_defaults_are_demo_mode_on_port_9999(monkeypatch, tmp_path):
    for var in ("SPARK1_HOST", "SPARK2_HOST", "CLUSTER_FILE", "BIND_PORT", "DEMO"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings(data_dir=tmp_path)
    assert s.is_demo
    assert s.bind_port == 9999
    assert s.ssh_key_path == tmp_path / "ssh" / "id_ed25519"
    assert s.ssh_known_hosts == tmp_path / "ssh" / "known_hosts"


def test_original_env_vars_configure_two_sparks(monkeypatch, tmp_path):
    monkeypatch.setenv("SPARK1_HOST", "192.0.2.11")
    monkeypatch.setenv("SPARK1_USER", "ops")
    monkeypatch.setenv("SPARK2_HOST", "192.0.2.12")
    monkeypatch.setenv("SPARK2_USER", "ops")
    monkeypatch.setenv("SSH_KEY_PATH", str(tmp_path / "k"))
    monkeypatch.setenv("BIND_PORT", "8123")
    monkeypatch.setenv("SSH_DIR", str(tmp_path / "sshdir"))
    monkeypatch.setenv("SSH_KNOWN_HOSTS", str(tmp_path / "kh"))
    monkeypatch.setenv("MODELS_YAML", str(tmp_path / "m.yaml"))
    s = load_settings(data_dir=tmp_path)
    assert not s.is_demo
    assert s.bind_port == 8123
    assert s.ssh_key_path == tmp_path / "k"
    assert s.ssh_known_hosts == tmp_path / "kh"
    assert s.models_yaml == tmp_path / "m.yaml"
    c = s.configured_cluster()
    assert [n.name for n in c.nodes] == ["spark1", "spark2"]
    assert c.url_for("vllm") == "http://192.0.2.11:8888"
    assert c.url_for("asr") == "http://192.0.2.12:8000"
    assert c.node("spark2").user == "ops"


@pytest.mark.parametrize(
    ("var", "value", "needle"),
    [
        ("BIND_PORT", "99999", "BIND_PORT"),
        ("BIND_PORT", "abc", "BIND_PORT"),
        ("APP_AUTH", "maybe", "APP_AUTH"),
        ("SIM_SPEED", "-1", "SIM_SPEED"),
        # the sections (settings.auth, settings.llm) name their own variables
        ("LLM_MAX_BODY_BYTES", "5", "LLM_MAX_BODY_BYTES="),
        ("SESSION_HOURS", "-1", "SESSION_HOURS="),
    ],
)
def test_bad_env_names_the_setting_and_the_fix(monkeypatch, var, value, needle):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as e:
        load_settings()
    assert needle in str(e.value) and "Fix" in str(e.value)


def test_sections_read_their_own_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("LLM_MAX_CONCURRENCY", "7")
    monkeypatch.setenv("MAX_TEXT_BODY_MB", "2")
    monkeypatch.setenv("SESSION_HOURS", "3")
    s = load_settings(data_dir=tmp_path)
    assert (s.llm.max_concurrency, s.auth.max_text_body_mb, s.auth.session_hours) == (7, 2.0, 3.0)
    assert s.llm.max_body_bytes == 8 * 1024 * 1024 and s.auth.max_body_mb == 1.0  # defaults unchanged


def test_bad_host_names_the_variable(monkeypatch):
    monkeypatch.setenv("SPARK1_HOST", "bad host; rm -rf /")
    with pytest.raises(ConfigError, match="SPARK1_HOST"):
        load_settings()


def test_cluster_file_with_n_nodes(tmp_path, monkeypatch):
    f = tmp_path / "cluster.yaml"
    f.write_text(
        "nodes:\n"
        "  - {name: spark1, host: 192.0.2.1, user: a, services: {vllm: 8888}}\n"
        "  - {name: spark2, host: 192.0.2.2, user: a, services: {asr: 8000, tts: 8880}}\n"
        "  - {name: spark3, host: '2001:db8::3', user: a, ssh_port: 2222, services: {embed: 8001}}\n"
    )
    monkeypatch.setenv("CLUSTER_FILE", str(f))
    s = load_settings()
    c = s.configured_cluster()
    assert len(c.nodes) == 3
    assert c.url_for("embed") == "http://[2001:db8::3]:8001"
    assert c.node("spark3").ssh_port == 2222


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("nodes:\n  - {name: a, host: h, services: {vllm: 1}}\n  - {name: a, host: h2}\n", "unique"),
        ("nodes:\n  - {name: a, host: h, services: {gpu: 1}}\n", "unknown service"),
        ("nodes:\n  - {name: a, host: h, services: {vllm: 70000}}\n", "port"),
        ("nodes: [\n", "not valid YAML"),
        (
            "nodes:\n  - {name: a, host: h, services: {vllm: 1}}\n  - {name: b, host: h, services: {vllm: 2}}\n",
            "more than one node",
        ),
    ],
)
def test_bad_cluster_file_names_file_and_field(tmp_path, monkeypatch, body, needle):
    f = tmp_path / "cluster.yaml"
    f.write_text(body)
    monkeypatch.setenv("CLUSTER_FILE", str(f))
    with pytest.raises(ConfigError) as e:
        load_settings()
    assert "CLUSTER_FILE" in str(e.value) and str(f) in str(e.value) and needle in str(e.value)


def test_missing_cluster_file(monkeypatch, tmp_path):
    monkeypatch.setenv("CLUSTER_FILE", str(tmp_path / "nope.yaml"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings()


def test_empty_cluster_is_valid():
    assert ClusterConfig().url_for("vllm") is None
