"""Build ``names.tsv.gz``, the person-name gazetteer the detector ships with.

Build-time only (not imported by the app). Sources: the ``names-dataset`` package (PyPI, first
and last names by country, from a large public social-network sample) and Debian's
``wamerican`` word list plus the ``wordfreq`` package to mark tokens that are also ordinary
English words. Faker's name lists are deliberately NOT used: the test corpus is generated
with Faker, and a detector built from the same lists would look better than it is.

Run (in a throwaway venv):  pip install names-dataset==3.3.1 wordfreq==3.1.1
                             apt-get install wamerican
                             python spark_control/redaction/data/build_names.py

Also ``words.txt.gz``: frequent English words (wordfreq, zipf >= 2.75) that are not in the gazetteer.

Output, one line per lowercase token: ``token<TAB>kinds<TAB>zipf<TAB>dict<TAB>rank``
  kinds: F (first name), L (last name) or FL; zipf: English word frequency (wordfreq, x10,
  includes use as a name); dict: 1 when the token is a lowercase dictionary word;
  rank: best popularity rank in an English-speaking country (0 = not ranked there).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ENGLISH = ("US", "GB", "IE", "CA", "ZA", "IN", "NG", "PH", "JM", "SG", "MY", "GH", "MT", "PK", "BD")
OUT = Path(__file__).with_name("names.tsv.gz")
WORDS_OUT = Path(__file__).with_name("words.txt.gz")
TOKEN = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")


def tokens(name: str) -> list[str]:
    out = []
    for part in re.split(r"[\s\-]+", name.strip().lower()):
        part = part.strip(".'")
        if len(part) >= 2 and TOKEN.match(part):
            out.append(part)
            if "'" in part:  # o'connell -> also connell
                out.append(part.split("'", 1)[1])
    return out


def main() -> None:
    from names_dataset import NameDataset
    from wordfreq import zipf_frequency

    nd = NameDataset()
    kinds: dict[str, set[str]] = {}
    rank: dict[str, int] = {}
    for cc in nd.get_country_codes(alpha_2=True):
        english = cc in ENGLISH
        for use_first, kind, n_default, n_english in ((True, "F", 800, 4000), (False, "L", 1200, 8000)):
            n = n_english if english else n_default
            top = nd.get_top_names(n=n, use_first_names=use_first, country_alpha2=cc)
            lists = top.get(cc, {})
            names = [lists] if isinstance(lists, list) else list(lists.values())
            for lst in names:
                for i, name in enumerate(lst):
                    for tok in tokens(name):
                        kinds.setdefault(tok, set()).add(kind)
                        if english:
                            rank[tok] = min(rank.get(tok, 10**9), i + 1)
    words = Path("/usr/share/dict/words").read_text(encoding="utf-8", errors="ignore").split()
    lower_dict = {w for w in words if w.islower()}
    lines = []
    for tok in sorted(kinds):
        z = int(round(zipf_frequency(tok, "en") * 10))
        lines.append(
            f"{tok}\t{''.join(sorted(kinds[tok]))}\t{z}\t{int(tok in lower_dict)}\t{rank.get(tok, 0) if tok in rank else 0}"
        )
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} tokens -> {OUT} ({OUT.stat().st_size} bytes)")
    # common English words that the gazetteer does not know (plurals, new words: "emails", "tickets")
    from wordfreq import top_n_list

    common = [
        w
        for w in top_n_list("en", 60000)
        if w.isalpha() and w not in kinds and len(w) >= 2 and zipf_frequency(w, "en") >= 2.75
    ]
    with gzip.open(WORDS_OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(sorted(common)) + "\n")
    print(f"{len(common)} common words -> {WORDS_OUT} ({WORDS_OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
