"""Cut real English prose found on a Debian machine into ~1 KB passages for the controls5 sets
(issue #13): ``python tests/redaction/realtext/build.py`` writes ``controls5.json`` (tuning) and
``controls5_heldout.json`` (held-out twin). The JSON files are what the tests read, committed after
review, so the tests do not depend on what is installed here.

Sources: man pages (sections 1, 5, 7, 8), READMEs and text docs in /usr/share/doc, the licence
texts in /usr/share/common-licenses, Python standard-library module docstrings and the package
descriptions in site-packages METADATA. Each source FILE goes to one set only (crc32 of its name),
so the held-out passages come from other files than the tuning ones. A passage with an "@" or a
copyright/author/credits line is dropped (its names would be right to redact); ``EXCLUDE`` lists
passages dropped after reading them (real people's names in them)."""

from __future__ import annotations

import gzip
import importlib
import json
import os
import re
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

OUT = Path(__file__).parent
SITE = Path(sys.prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
PER_SIDE = {"man": 130, "doc": 70, "py": 45, "meta": 45, "licence": 15}
_DROP = re.compile(
    r"@|©|\(c\)|copyright|author|written by|maintain|thanks|contribut|credits|signed-off|developed by|"
    r"created by|originally by|ported by|patch(?:es)? by|courtesy",
    re.I,
)
# "src#n" (n: the passage's number in its file) dropped after review: real people named in them
EXCLUDE = {
    "doc:gdb/README.Debian#0",
    "meta:trio#1",
    "py:unittest#0",
    "meta:pyasn1#2",
    "meta:jsonpath_ng#8",
    "doc:findutils/README.gz#2",
    "doc:openssh-client/README.dns#2",
    "meta:requests#3",
    "doc:libalgorithm-diff-perl/README#2",
}


def _ok(p: str) -> bool:
    # URLs are redacted by design (and name their owners): not what these controls measure
    return not _DROP.search(p) and "://" not in p and "www." not in p and sum(c.isalpha() for c in p) > len(p) // 2


def side(name: str) -> str:
    return "heldout" if zlib.crc32(name.encode()) % 2 else "tuning"


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t]+", " ", ln.strip()) for ln in text.replace("\u2010", "-").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def passages(text: str, lo: int = 500, hi: int = 1100) -> list[str]:
    out, cur = [], ""
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if not para:
            continue
        if len(para) > hi:  # a long paragraph: cut at a sentence end
            cut = para.rfind(". ", 0, hi)
            para = para[: cut + 1] if cut > lo // 2 else para[:hi].rsplit(" ", 1)[0]
        if cur and len(cur) + len(para) > hi:
            out.append(cur)
            cur = ""
        cur = f"{cur}\n\n{para}" if cur else para
        if len(cur) >= lo:
            out.append(cur)
            cur = ""
    if len(cur) >= lo // 2:
        out.append(cur)
    return out


def man_pages():
    for sec in ("1", "5", "7", "8"):
        for p in sorted(Path(f"/usr/share/man/man{sec}").glob("*.gz")):
            name = p.name.removesuffix(".gz")
            yield f"man:{name}", lambda p=p: _man(p)


def _man(p: Path) -> str:
    env = dict(os.environ, MANWIDTH="1000", LANG="C.UTF-8")
    r = subprocess.run(["man", "--nh", "--nj", "-P", "cat", "-l", str(p)], capture_output=True, text=True, env=env)
    txt = subprocess.run(["col", "-b"], input=r.stdout, capture_output=True, text=True).stdout
    lines = txt.splitlines()[1:-1]  # header and footer lines
    return _clean("\n".join(lines))


def docs():
    for p in sorted(Path("/usr/share/doc").rglob("*")):
        n = p.name.lower()
        if (
            not p.is_file()
            or p.is_symlink()
            or any(w in n for w in ("changelog", "news", "copyright", "author", "credits", "thanks"))
        ):
            continue
        if not (n.startswith("readme") or n.endswith((".txt", ".md", ".rst", ".md.gz", ".rst.gz", ".txt.gz"))):
            continue
        yield f"doc:{p.relative_to('/usr/share/doc')}", lambda p=p: _read(p)


def _read(p: Path) -> str:
    raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
    return _clean(raw.decode("utf-8", "replace"))


def licences():
    for p in sorted(Path("/usr/share/common-licenses").iterdir()):
        if p.is_file() and not p.is_symlink():
            yield f"licence:{p.name}", lambda p=p: _read(p)


def stdlib():
    for name in sorted(sys.stdlib_module_names):
        if name.startswith("_") or name in ("antigravity", "this", "idlelib", "turtledemo", "tkinter", "turtle"):
            continue
        yield f"py:{name}", lambda name=name: _doc(name)


def _doc(name: str) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _clean(importlib.import_module(name).__doc__ or "")
    except Exception:
        return ""


def metadata():
    for p in sorted(SITE.glob("*.dist-info/METADATA")):
        name = p.parent.name.split("-")[0]
        yield f"meta:{name}", lambda p=p: _clean(p.read_text("utf-8", "replace").split("\n\n", 1)[-1])


def build() -> dict[str, list[dict]]:
    sets: dict[str, list[dict]] = {"tuning": [], "heldout": []}
    sources = {"man": man_pages, "doc": docs, "licence": licences, "py": stdlib, "meta": metadata}
    for kind, gen in sources.items():
        got = {"tuning": 0, "heldout": 0}
        family: dict[str, int] = {}  # at most 2 files of a family (16,000 gcloud_* man pages)
        items = sorted(gen(), key=lambda it: zlib.crc32(it[0].encode() + b"#order"))  # spread over the alphabet
        for src, read in items:
            s = side(src)
            if got[s] >= PER_SIDE[kind]:
                if all(v >= PER_SIDE[kind] for v in got.values()):
                    break
                continue
            fam = re.split(r"[_.-]", src.split(":", 1)[1].split("/")[0], maxsplit=1)[0]
            if family.get(fam, 0) >= 2:
                continue
            family[fam] = family.get(fam, 0) + 1
            raw = passages(read())
            ps = [(j, p) for j, p in enumerate(raw) if _ok(p) and f"{src}#{j}" not in EXCLUDE]
            if not ps:
                continue
            k = zlib.crc32(src.encode()) % len(ps)
            for n in sorted({k, (k + len(ps) // 2) % len(ps)})[: 1 if kind == "man" else 2]:
                if got[s] < PER_SIDE[kind]:
                    j, p = ps[n]
                    sets[s].append({"src": f"{src}#{j}", "text": p})
                    got[s] += 1
    return sets


if __name__ == "__main__":
    for s, items in build().items():
        name = "controls5.json" if s == "tuning" else "controls5_heldout.json"
        (OUT / name).write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n")
        print(name, len(items))
