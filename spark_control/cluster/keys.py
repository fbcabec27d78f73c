"""The controller's own SSH identity: an ed25519 key created on first start (file mode 0600).
Its public line goes into each Spark's ``~/.ssh/authorized_keys``; the UI shows it with a copy
button and ``GET /api/ssh/public-key`` returns it."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import asyncssh

log = logging.getLogger(__name__)

KEY_COMMENT = "spark-control@controller"


@dataclass(frozen=True)
class ControllerKey:
    path: Path
    private: asyncssh.SSHKey
    public_line: str  # "ssh-ed25519 AAAA... spark-control@controller"
    fingerprint: str  # "SHA256:..."
    created: bool = False  # True when this start generated it

    @classmethod
    def load_or_create(cls, path: Path | str) -> ControllerKey:
        path = Path(path)
        created = False
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(path.parent, 0o700)
            key = asyncssh.generate_private_key("ssh-ed25519", comment=KEY_COMMENT)
            old = os.umask(0o077)
            try:
                key.write_private_key(str(path))
                key.write_public_key(str(path) + ".pub")
            finally:
                os.umask(old)
            os.chmod(path, 0o600)
            created = True
            log.info("created the controller SSH key %s", path)
        else:
            mode = path.stat().st_mode & 0o777
            if mode & 0o077:
                # ssh refuses group/world-readable private keys; tighten rather than fail
                log.warning("SSH key %s had mode %o; setting 0600", path, mode)
                os.chmod(path, 0o600)
            key = asyncssh.read_private_key(str(path))
        line = key.export_public_key("openssh").decode().strip()
        if len(line.split()) < 3:
            line = f"{line} {KEY_COMMENT}"
        return cls(path=path, private=key, public_line=line, fingerprint=key.get_fingerprint(), created=created)
