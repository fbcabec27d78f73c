from pathlib import Path

import pytest

from spark_control.catalog import load_catalog
from spark_control.errors import ConfigError, NotFound

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_catalog_is_realistic():
    c = load_catalog(ROOT / "models.yaml")
    assert len(c) >= 5
    assert any(m.tensor_parallel == 2 for m in c)
    for m in c:
        assert m.memory_gib < 128, "a model must fit a Spark's 128 GB unified memory"
        assert m.load_time_s > 0
    assert c.by_served_name(next(iter(c)).served_name) is not None
    with pytest.raises(NotFound):
        c.get("no-such-model")


def test_serve_args_are_an_argv_list():
    c = load_catalog(ROOT / "models.yaml")
    m = next(m for m in c if m.tensor_parallel == 2)
    args = m.vllm_serve_args(8888)
    assert args[0] == m.hf_repo
    assert args[args.index("--port") + 1] == "8888"
    assert args[args.index("--tensor-parallel-size") + 1] == "2"
    assert args[args.index("--served-model-name") + 1] == m.served_name


GOOD = "  - {name: m1, hf_repo: org/m1, memory_gib: 10}\n"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("models:\n  - {name: m1, hf_repo: org/m1}\n", "entry 1 (m1): field 'memory_gib'"),
        ("models:\n" + GOOD + "  - {name: m2, hf_repo: nope, memory_gib: 10}\n", "entry 2 (m2): field 'hf_repo'"),
        ("models:\n  - {name: m1, hf_repo: org/m1, memory_gib: 10, tensor_parallel: 3}\n", "field 'tensor_parallel'"),
        ("models:\n" + GOOD + GOOD, "duplicate model name 'm1'"),
        ("models:\n  - {name: 'bad name; rm', hf_repo: org/m1, memory_gib: 10}\n", "field 'name'"),
        ("models:\n  - {name: m1, hf_repo: org/m1, memory_gib: 10, vllm_args: ['--port', '1']}\n", "vllm_args"),
        ("models:\n  - {name: m1, hf_repo: org/m1, memory_gib: 10, colour: red}\n", "field 'colour'"),
        ("models:\n  - {name: m1, hf_repo: org/m1, memory_gib: 10, env: {bad-name: x}}\n", "field 'env'"),
        ("models: []\n", "at least one entry"),
        ("models: [\n", "not valid YAML"),
        (
            "models:\n  - {name: a, hf_repo: o/a, memory_gib: 1, served_name: x}\n"
            "  - {name: b, hf_repo: o/b, memory_gib: 1, served_name: x}\n",
            "served_name",
        ),
    ],
)
def test_bad_catalog_names_file_entry_and_field(tmp_path, body, needle):
    f = tmp_path / "models.yaml"
    f.write_text(body)
    with pytest.raises(ConfigError) as e:
        load_catalog(f)
    msg = str(e.value)
    assert str(f) in msg
    assert needle in msg, msg


def test_missing_catalog_file(tmp_path):
    with pytest.raises(ConfigError, match="MODELS_YAML"):
        load_catalog(tmp_path / "x.yaml")
