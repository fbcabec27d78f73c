"""The simulated cluster (demo mode and tests): fake Spark hosts behind real SSH servers, a fake
vLLM that follows its container, and loopback ports for Spark 2's services. See
``docs/SIMULATOR.md``. Nothing here imports reflex; nothing connects at import time."""

from spark_control.sim.clock import Clock, ManualClock, ScaledClock
from spark_control.sim.cluster import SimCluster, SimServiceContext
from spark_control.sim.host import FAULT_KEYS, Container, DockerError, FakeHost, ServiceSpec
from spark_control.sim.serving import LoopbackService
from spark_control.sim.shell import Shell
from spark_control.sim.sshd import FakeSSHServer
from spark_control.sim.vllm_process import VllmProcess
from spark_control.sim.vllm_server import FakeVLLM, VllmFaults, VllmStats

__all__ = [
    "FAULT_KEYS",
    "Clock",
    "Container",
    "DockerError",
    "FakeHost",
    "FakeSSHServer",
    "FakeVLLM",
    "LoopbackService",
    "ManualClock",
    "ScaledClock",
    "ServiceSpec",
    "Shell",
    "SimCluster",
    "SimServiceContext",
    "VllmFaults",
    "VllmProcess",
    "VllmStats",
]
