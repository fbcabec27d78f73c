"""``nvidia-smi`` on the fake host, as a GB10 prints it (memory fields are ``[N/A]``: the GPU
shares the host's unified memory): the query mode, ``-L`` and the default table."""

from __future__ import annotations

import time

from spark_control.sim.host import FakeHost
from spark_control.sim.interpreter import IO, Interpreter, Programs, Unsupported

DRIVER = "580.95.05"
GPU_UUID = "GPU-6b3f0c1e-2a4d-4e55-9a0b-7f1c2d3e4f50"
NA = "[N/A]"


def _gpu_fields(host: FakeHost, now: float) -> dict[str, tuple[str, str]]:
    """field -> (value with units, unit for the header)."""
    util, temp, power, clk = host.gpu_util(now), host.gpu_temp(now), host.gpu_power_w(now), host.gpu_clock_mhz(now)
    ts = time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}"
    f = {
        "timestamp": (ts, ""),
        "index": ("0", ""),
        "count": ("1", ""),
        "name": ("NVIDIA GB10", ""),
        "uuid": (GPU_UUID.replace("50", host.name[-2:].rjust(2, "0")), ""),
        "driver_version": (DRIVER, ""),
        "pci.bus_id": ("0000000F:01:00.0", ""),
        "pstate": ("P0", ""),
        "persistence_mode": ("Enabled", ""),
        "compute_mode": ("Default", ""),
        "temperature.gpu": (str(temp), ""),
        "utilization.gpu": (f"{util} %", "%"),
        "utilization.memory": (NA, "%"),
        "memory.used": (NA, "MiB"),
        "memory.total": (NA, "MiB"),
        "memory.free": (NA, "MiB"),
        "memory.reserved": (NA, "MiB"),
        "power.draw": (f"{power:.2f} W", "W"),
        "power.limit": (NA, "W"),
        "power.draw.instant": (f"{power:.2f} W", "W"),
        "enforced.power.limit": (NA, "W"),
        "clocks.sm": (f"{clk} MHz", "MHz"),
        "clocks.gr": (f"{clk} MHz", "MHz"),
        "clocks.mem": (NA, "MHz"),
        "clocks.current.sm": (f"{clk} MHz", "MHz"),
        "clocks.current.graphics": (f"{clk} MHz", "MHz"),
        "clocks.max.sm": ("3003 MHz", "MHz"),
        "clocks.max.gr": ("3003 MHz", "MHz"),
        "fan.speed": (NA, "%"),
        "temperature.memory": ("N/A", ""),
        "display_active": ("Disabled", ""),
    }
    return f


def nvidia_smi(host: FakeHost, now: float, args: list[str], io: IO) -> int:
    query = kind = None
    fmt: list[str] = []
    for a in args:
        if a.startswith("--query-gpu="):
            query, kind = a.split("=", 1)[1], "gpu"
        elif a.startswith("--query-compute-apps="):
            query, kind = a.split("=", 1)[1], "apps"
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1].split(",")
        elif a == "-L":
            io.out(f"GPU 0: NVIDIA GB10 (UUID: {_gpu_fields(host, now)['uuid'][0]})\n")
            return 0
        else:
            raise Unsupported(f"nvidia-smi option {a!r}")
    if query is None:
        io.out(nvidia_smi_table(host, now))
        return 0
    if "csv" not in fmt:
        io.out('"--format=" switch is missing. Please try again with one of these formats: csv\n')
        return 2
    names = [q.strip() for q in query.split(",") if q.strip()]
    if kind == "gpu":
        fields = _gpu_fields(host, now)
        rows = [[fields[n] if n in fields else None for n in names]]
    else:
        fields = {}
        rows = []
        for pid, pname, mib in host.gpu_processes(now):
            vals = {
                "pid": (str(pid), ""),
                "process_name": (pname, ""),
                "used_memory": (f"{mib} MiB", "MiB"),
                "gpu_uuid": (_gpu_fields(host, now)["uuid"][0], ""),
                "name": (pname, ""),
            }
            fields = vals
            rows.append([vals.get(n) for n in names])
        known = {"pid", "process_name", "used_memory", "gpu_uuid", "name"}
        fields = dict.fromkeys(known, ("", "")) | fields
    for n in names:
        if n not in fields:
            io.out(f'Field "{n}" is not a valid field to query.\n\n')
            return 2
    lines = []
    if "noheader" not in fmt:
        lines.append(", ".join(n + (f" [{fields[n][1]}]" if fields[n][1] else "") for n in names))
    for row in rows:
        vals = []
        for v in row:
            text = v[0] if v else ""
            if "nounits" in fmt and v and v[1] and text != NA:
                text = text.removesuffix(" " + v[1])
            vals.append(text)
        lines.append(", ".join(vals))
    io.out("".join(ln + "\n" for ln in lines))
    return 0


def nvidia_smi_table(host: FakeHost, now: float) -> str:
    util, temp, power = host.gpu_util(now), host.gpu_temp(now), host.gpu_power_w(now)
    stamp = time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(now))
    sep = "+-----------------------------------------+------------------------+----------------------+"
    lines = [
        f"{stamp}       ",
        "+-----------------------------------------------------------------------------------------+",
        f"| NVIDIA-SMI {DRIVER}              Driver Version: {DRIVER}      CUDA Version: 13.0     |",
        sep,
        "| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |",
        "| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |",
        "|                                         |                        |               MIG M. |",
        "|=========================================+========================+======================|",
        "|   0  NVIDIA GB10                    On  |   0000000F:01:00.0 Off |                  N/A |",
        f"| N/A   {temp:>2}C    P0            {int(power):>3}W /  N/A  | Not Supported          |"
        f"    {util:>3}%      Default |",
        "|                                         |                        |                  N/A |",
        sep,
        "",
        "+-----------------------------------------------------------------------------------------+",
        "| Processes:                                                                              |",
        "|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |",
        "|        ID   ID                                                               Usage      |",
        "|=========================================================================================|",
    ]
    procs = host.gpu_processes(now)
    if not procs:
        lines.append("|  No running processes found                                                             |")
    for pid, name, mib in procs:
        lines.append(f"|    0   N/A  N/A          {pid:>7}      C   {name:<33} {mib:>7}MiB |")
    lines.append("+-----------------------------------------------------------------------------------------+")
    return "\n".join(lines) + "\n"


async def nvidia_smi_program(sh: Interpreter, args: list[str], io: IO) -> int:
    h = sh.host
    if h.fault("nvidia_smi_broken"):
        io.out(
            "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the "
            "latest NVIDIA driver is installed and running.\n\n"
        )
        return 9
    return nvidia_smi(h, sh.clock.now(), args, io)


def register(programs: Programs) -> None:
    programs.add("nvidia-smi", nvidia_smi_program)
