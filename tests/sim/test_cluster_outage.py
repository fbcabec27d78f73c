"""A service outage on the simulated cluster: its port refuses while host and container stay up."""

import asyncio

import httpx
import pytest

from spark_control.catalog import load_catalog
from spark_control.settings import PROJECT_ROOT
from spark_control.sim.cluster import SimCluster


async def _get(url: str) -> int:
    async with httpx.AsyncClient() as client:  # a new connection each time: "refused" is about connecting
        return (await client.get(url)).status_code


async def test_service_down_refuses_then_comes_back(tmp_path):
    catalog = load_catalog(PROJECT_ROOT / "models.yaml")
    async with SimCluster(tmp_path, catalog, "", speed=400) as sim:
        url = sim.url_for("vllm") + "/health"
        for _ in range(200):
            try:
                if await _get(url) == 200:
                    break
            except httpx.ConnectError:
                await asyncio.sleep(0.05)
        await sim.service_down("vllm")
        with pytest.raises(httpx.ConnectError):
            await _get(url)
        assert sim.hosts["spark1"].vllm_container().status == "running"  # only the port is gone
        await sim.service_up("vllm")
        assert await _get(url) == 200
        with pytest.raises(KeyError):
            await sim.service_down("nope")
