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
def test_hostile_names_and_args_in_launch_template_stay_single_words(evil):
    s = spec(served_name=evil, vllm_args=("--x", evil), env=(("VAR", evil),), image=evil)
    rc = c.launch_command(c.LaunchTemplates(), s, port=8888, node_hosts=["h1"])
    words = shlex.split(rc.line)
    assert words[:3] == ["cd", "spark-vllm-docker", "&&"]
    argv = words[3:]
    assert argv == list(rc.argv)
    assert argv.count(evil) == 3  # served name, the arg, the image
    assert f"VAR={evil}" in argv
    assert "&&" not in argv and ";" not in argv


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
