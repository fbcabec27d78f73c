"""Keep the data directory's secrets private: the directory 0700, SSH private keys, vault keys
and the database 0600. Called at start by ``AuthService.start`` (given the data directory)."""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path

log = logging.getLogger(__name__)

SECRET_FILE = re.compile(r"^(id_[a-z0-9]+|.*\.key|.*vault.*|.*\.db(-wal|-shm)?|.*\.pem)$", re.IGNORECASE)


def secure_data_dir(data_dir: Path) -> list[Path]:
    """Make the data directory 0700 and its secret files (SSH private keys, vault keys, the
    database) 0600. Returns the files whose mode had to be fixed."""
    data_dir = Path(data_dir)
    fixed: list[Path] = []
    if not data_dir.is_dir():
        return fixed
    os.chmod(data_dir, 0o700)
    for root, dirs, files in os.walk(data_dir):
        depth = Path(root).relative_to(data_dir).parts
        if len(depth) >= 2:
            dirs[:] = []
        for name in files:
            path = Path(root) / name
            if name.endswith(".pub") or not SECRET_FILE.match(name) or path.is_symlink():
                continue
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                os.chmod(path, 0o600)
                fixed.append(path)
    for path in fixed:
        log.warning("secret file %s was readable by others; set to 0600", path)
    return fixed
