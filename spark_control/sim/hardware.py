"""The simulated DGX Spark's hardware numbers (GB10, unified memory, NVMe), shared by the fake
host's state model and the programs that report on it (``free``, ``df``, ``nvidia-smi``)."""

GIB = 1024**3
# What vLLM reports as the GB10's total device memory (unified LPDDR5x, 128 GB nominal).
DEVICE_TOTAL_GIB = 121.63
MEM_TOTAL_KB = int(DEVICE_TOTAL_GIB * 1024 * 1024)
OS_BASE_GIB = 3.4  # kernel, desktop-less OS, docker daemon
PAGE_CACHE_GIB = 6.0  # reclaimable: counted in MemAvailable, not in MemFree
MEMORY_RELEASE_S = 6.0  # after a process exits its memory drains back over this many seconds
DISK_TOTAL = 3_936_818_479_104  # 4 TB NVMe, bytes
DISK_USED_BASE = 812_340_551_680
