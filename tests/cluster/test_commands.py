"""Command building and quoting: hostile model names and args never escape their argv slot."""

import shlex

import pytest

from spark_control.catalog import ModelSpec
from spark_control.cluster import commands as c
from spark_control.errors import ConfigError

HOSTILE = [
    "x; rm -rf /",
    "$(reboot)",
    "`id`",
    "a b",
    "it's",
    'dq"uote',
    "new\nline",
    "--flag=1 && echo pwned",
    "|cat /etc/shadow",
    "*",
    "~root",
    "${HOME}",
    "",
]


def spec(**kw) -> ModelSpec:
    base = dict(
        name="m",
        hf_repo="org/m",
        served_name="m",
        description="",
        image="vllm-node",
        tensor_parallel=1,
        max_model_len=4096,
        gpu_memory_utilization=0.5,
        quantization=None,
        vllm_args=(),
        env=(),
        memory_gib=10,
        params_b=None,
        load_time_s=10,
    )
    base.update(kw)
    return ModelSpec(**base)


@pytest.mark.parametrize("evil", HOSTILE)
def test_each_argv_element_survives_the_shell_round_trip(evil):
    line = c.shell_line(["docker", "logs", evil])
    assert shlex.split(line) == ["docker", "logs", evil]


@pytest.mark.parametrize("evil", [h for h in HOSTILE if h])
def test_hostile_names_and_args_reach_vllm_as_single_words_through_both_shells(evil):
    s = spec(served_name=evil, vllm_args=("--x", evil), image=evil)
    rc = c.launch_command(c.LaunchTemplates(), s, port=8888, node_hosts=["h1"])
    words = shlex.split(rc.line)  # the SSH login shell
    assert words[:3] == ["cd", "spark-vllm-docker", "&&"]
    argv = words[3:]
    k = argv.index("exec") + 1
    assert k == rc.reparse_from
    assert argv[:k] == list(rc.argv[:k]) and argv[:k].count(evil) == 1  # the image
    # launch-cluster.sh: COMMAND_TO_RUN="$@" (joined with spaces), then bash -c "$COMMAND_TO_RUN"
    inner = shlex.split(" ".join(argv[k:]))
    assert inner == list(rc.argv[k:])
    assert inner.count(evil) == 2  # served name, the arg
    assert "&&" not in argv and ";" not in argv


@pytest.mark.parametrize("evil", [h for h in HOSTILE if h and h != "a-b"])
def test_env_values_a_shell_would_touch_are_refused(evil):
    with pytest.raises(ConfigError) as ei:
        c.launch_command(c.LaunchTemplates(), spec(env=(("VAR", evil),)), port=8888, node_hosts=["h1"])
    assert "env VAR" in ei.value.message and "model m" in ei.value.message


def test_safe_env_values_pass_unchanged():
    ok = (("HF_TOKEN", "hf_AbC123"), ("PYTORCH_CUDA_ALLOC_CONF", "expandable_segments:True"), ("X", "a,b/c@d%e+f=g"))
    rc = c.launch_command(c.LaunchTemplates(), spec(env=ok), port=8888, node_hosts=["h1"])
    assert [rc.argv[i + 1] for i, a in enumerate(rc.argv) if a == "-e"] == [f"{k}={v}" for k, v in ok]


def test_launch_through_real_bash_keeps_json_and_runs_nothing(tmp_path):
    """The line goes through a real login shell and a stand-in launch-cluster.sh that does what
    spark-vllm-docker's does with the words after ``exec``: join them, then ``bash -c``."""
    import subprocess

    out, pwned = tmp_path / "argv.txt", tmp_path / "pwned"
    workdir = tmp_path / "spark-vllm-docker"
    workdir.mkdir()
    script = workdir / "launch-cluster.sh"
    script.write_text(
        "#!/bin/bash\n"
        'while [[ "$#" -gt 0 && "$1" != exec ]]; do shift; done; shift\n'
        'COMMAND_TO_RUN="$@"\n'
        f'bash -c "vllm() {{ printf \'%s\\\\n\' \\"\\$@\\" > {out}; }}; $COMMAND_TO_RUN"\n'
    )
    script.chmod(0o755)
    args = (
        "--override-generation-config",
        '{"temperature":0.6,"top_p":0.9}',
        f"$(touch {pwned}-subst)",
        f"`touch {pwned}-tick`",
        f"x; touch {pwned}-semi",
        f"y\ntouch {pwned}-newline",
        f"z && touch {pwned}-and | cat",
        "it's",
    )
    rc = c.launch_command(c.LaunchTemplates(), spec(vllm_args=args), port=8888, node_hosts=["h1"])
    r = subprocess.run(["bash", "-c", rc.line], cwd=tmp_path, capture_output=True, text=True, timeout=20)
    assert r.returncode == 0, r.stderr
    got = out.read_text().split("\n")[:-1]
    assert got == [a for a in rc.argv[rc.reparse_from + 1 :] for a in a.split("\n")]
    assert '{"temperature":0.6,"top_p":0.9}' in got
    assert not list(tmp_path.glob("pwned*"))


def test_shown_line_masks_env_values_and_api_keys():
    s = spec(vllm_args=("--api-key", "sk-secret-1", "--x", "--api-key=sk-secret-2"), env=(("HF_TOKEN", "hf_secret3"),))
    rc = c.launch_command(c.LaunchTemplates(), s, port=8888, node_hosts=["h1"])
    assert "sk-secret-1" in rc.line  # the real line carries them
    shown = rc.shown
    assert "HF_TOKEN=***" in shown and "--api-key ***" in shown and "--api-key=***" in shown
    assert not any(x in shown for x in ("sk-secret-1", "sk-secret-2", "hf_secret3"))


def test_launch_defaults_drive_spark_vllm_docker():
    rc = c.launch_command(c.LaunchTemplates(), spec(env=(("A", "1"),)), port=8888, node_hosts=["h1"])
    assert rc.cwd == "spark-vllm-docker"
    assert rc.argv[:3] == ("./launch-cluster.sh", "-d", "--solo")
    assert ("-e", "A=1") == rc.argv[rc.argv.index("-e") : rc.argv.index("-e") + 2]
    i = rc.argv.index("serve")
    assert rc.argv[i - 2 : i + 2] == ("exec", "vllm", "serve", "org/m")
    assert "--port" in rc.argv and rc.argv[rc.argv.index("--port") + 1] == "8888"


def test_tp2_launch_names_both_nodes_and_no_solo():
    rc = c.launch_command(c.LaunchTemplates(), spec(tensor_parallel=2), port=8000, node_hosts=["10.0.0.1", "10.0.0.2"])
    assert "--solo" not in rc.argv and "-n" not in rc.argv  # default: launch-cluster.sh's own node config
    t = c.LaunchTemplates.from_mapping(
        {
            "launch": [
                "./launch-cluster.sh",
                "-d",
                "{solo_flag}",
                "{nodes_flag}",
                "exec",
                "vllm",
                "serve",
                "{serve_args}",
            ]
        }
    )
    rc = c.launch_command(t, spec(tensor_parallel=2), port=8000, node_hosts=["10.0.0.1", "10.0.0.2"])
    assert "--solo" not in rc.argv
    assert rc.argv[rc.argv.index("-n") + 1] == "10.0.0.1,10.0.0.2"
    assert rc.argv[rc.argv.index("--tensor-parallel-size") + 1] == "2"


def test_custom_template_and_bad_placeholder():
    t = c.LaunchTemplates.from_mapping(
        {"launch": ["./run-recipe.sh", "{name}", "-d", "--port", "{port}"], "workdir": ""}
    )
    rc = c.launch_command(t, spec(name="qwen"), port=9000, node_hosts=["h"])
    assert rc.line == "./run-recipe.sh qwen -d --port 9000"
    bad = c.LaunchTemplates.from_mapping({"launch": ["x", "{nope}"]})
    with pytest.raises(ConfigError):
        c.launch_command(bad, spec(), port=1, node_hosts=[])
    with pytest.raises(ConfigError):
        c.LaunchTemplates.from_mapping({"launch": "rm -rf /"})


def test_a_template_value_cannot_inject_braces_or_format_specs():
    # the model NAME contains braces; format_map fills the template element, not the value
    rc = c.launch_command(
        c.LaunchTemplates.from_mapping({"launch": ["run", "{name}"]}), spec(name="{container}"), port=1, node_hosts=[]
    )
    assert rc.argv == ("run", "{container}")


def test_cwd_stdout_and_chain_are_quoted():
    line = c.shell_line(["echo", "a b"], cwd="dir with space", then=[["ls", "$x"]], stdout_to="/tmp/o u;t")
    assert line == "cd 'dir with space' && echo 'a b' && ls '$x' > '/tmp/o u;t'"
    up = c.upload("/tmp/$(x)/main.py", "print(1)\n")
    assert up.line == "cat > '/tmp/$(x)/main.py'" and up.input == "print(1)\n"


def test_empty_or_nul_argv_rejected():
    with pytest.raises(ValueError):
        c.shell_line([])
    with pytest.raises(ValueError):
        c.shell_line(["a\x00b"])


def _write_catalog(tmp_path, extra: str):
    p = tmp_path / "models.yaml"
    p.write_text(
        "models:\n  - name: m1\n    hf_repo: org/m1\n    memory_gib: 10\n" + extra,
    )
    return p


def test_catalog_refuses_env_values_a_shell_would_touch_naming_file_entry_and_field(tmp_path):
    from spark_control.catalog import load_catalog

    p = _write_catalog(tmp_path, '    env:\n      HF_HOME: "/data/$(touch /tmp/x)"\n')
    with pytest.raises(ConfigError) as ei:
        load_catalog(p)
    msg = ei.value.message
    assert str(p) in msg and "entry 1 (m1)" in msg and "field 'env'" in msg and "HF_HOME" in msg


def test_catalog_keeps_json_args_and_knows_the_api_key(tmp_path):
    from spark_control.catalog import load_catalog

    p = _write_catalog(
        tmp_path,
        "    vllm_args: ['--override-generation-config', '{\"temperature\":0.6}', '--api-key', 'sk-abcdef']\n"
        "    env: {HF_TOKEN: hf_abcdef, NCCL_DEBUG: INFO}\n",
    )
    m = load_catalog(p).get("m1")
    assert m.vllm_args[1] == '{"temperature":0.6}'
    assert m.api_key == "sk-abcdef"
    assert set(m.secrets) == {"sk-abcdef", "hf_abcdef"}  # NCCL_DEBUG is not a secret name
