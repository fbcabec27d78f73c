"""The same swap through a real OpenSSH sshd (Debian's openssh-server, started by the test on
127.0.0.1:<random>), with the simulated docker/spark-vllm-docker behind PATH shims."""

import pytest

from spark_control.audit import AuditLog
from spark_control.catalog import load_catalog
from spark_control.cluster import commands
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.service import ClusterServices
from spark_control.cluster.ssh import SSHOptions
from spark_control.events import EventHub
from spark_control.settings import PROJECT_ROOT, ClusterConfig, load_settings
from spark_control.sim.cluster import SimCluster
from spark_control.store import Database
from tests.cluster import realsshd
from tests.cluster.simenv import PREVIOUS, SPEED, TARGET, tuning

pytestmark = pytest.mark.realssh


@pytest.fixture
async def real_env(tmp_path):
    why = realsshd.available()
    if why:
        pytest.skip(why)
    realsshd.ensure_user()
    catalog = load_catalog(PROJECT_ROOT / "models.yaml")
    settings = load_settings(data_dir=tmp_path, demo=True)
    key = ControllerKey.load_or_create(settings.ssh_key_path)
    sim = SimCluster(tmp_path / "sim", catalog, key.public_line, speed=SPEED, default_model=PREVIOUS)
    await sim.start()
    sshd = await realsshd.RealSSHD(sim.hosts["spark1"], key.public_line, after_command=sim.sync).start()
    cfg = sim.cluster_config
    nodes = [
        n.model_copy(update={"ssh_port": sshd.port, "user": realsshd.USER}) if n.name == "spark1" else n
        for n in cfg.nodes
    ]
    db = Database(tmp_path / "c.db")
    svc = ClusterServices.build(
        settings=settings,
        catalog=catalog,
        db=db,
        events=EventHub(),
        audit=AuditLog(db),
        cluster=ClusterConfig(nodes=nodes),
        demo=True,
        time_scale=SPEED,
        ssh_options=SSHOptions(connect_timeout=5, keepalive_interval=5),
        tuning=tuning(),
    )
    # spark1: pin on first use, exactly as an operator would (fetch, confirm fingerprint)
    await svc.start()
    for line in sim.known_hosts_lines():
        if f":{cfg.node('spark2').ssh_port} " in line:
            svc.manager.pin_known_hosts_line(line)
    try:
        yield sim, sshd, svc
    finally:
        await svc.stop()
        await sshd.stop()
        await sim.stop()
        db.close()


async def test_swap_through_real_openssh(real_env):
    sim, sshd, svc = real_env
    t = await svc.manager.test_connection("spark1")
    assert (t.ok, t.reason) == (False, "host_key_unknown")
    assert t.presented_fingerprint == sshd.host_key.get_fingerprint()
    await svc.manager.pin("spark1", t.presented_fingerprint)
    t = await svc.manager.test_connection("spark1")
    assert t.ok and t.docker == "ok", t
    r = await svc.manager.run("spark1", commands.cmd("echo", "it's a $(test) `x` ; y"))
    assert r.stdout == "it's a $(test) `x` ; y\n"  # real bash got exactly one quoted word

    assert svc.swaps.serving.model == PREVIOUS
    job = await svc.swaps.wait_job(svc.swaps.request(TARGET, confirm=True)["job_id"], timeout=60)
    assert job.state == "done", job.error
    assert svc.swaps.serving.model == TARGET
    # the commands really went through sshd -> bash -> shims, with bash doing the quoting
    progs = [c[0] for c in sshd.calls]
    assert "launch-cluster.sh" in progs and "docker" in progs and "cat" in progs
    launch = next(c for c in sshd.calls if c[0] == "launch-cluster.sh" and "exec" in c)
    assert launch[launch.index("--served-model-name") + 1] == "gpt-oss-20b"


async def test_rollback_through_real_openssh(real_env):
    sim, sshd, svc = real_env
    svc.manager.pin_known_hosts_line(sshd.known_hosts_line())
    sim.hosts["spark1"].faults["gpu_oom"] = True
    job = await svc.swaps.wait_job(svc.swaps.request(TARGET, confirm=True)["job_id"], timeout=60)
    assert job.state == "rolled_back", job.error
    assert svc.swaps.serving.model == PREVIOUS
