"""Fine-tune the NER component of the pinned spaCy pipeline (``en_core_web_sm`` 3.8.0, see
``spark_control/redaction/ner.py``) on documents from the *tuning* generators, so the voter learns
our contexts: first names alone in chat, lowercase transcripts, names with particles, coined
company names with no suffix, bare handles (a new label, ``USERNAME``).

Data (deterministic, CPU, a few minutes on one core):

- ``tests/redaction/corpus.generate(n, seed, extras=True)`` for the seeds in ``SEEDS`` (never 7,
  the tuning benchmark's draw; never anything from ``tests/redaction/sealed/``). Gold: every
  occurrence of a PERSON / COMPANY / USERNAME value, and of each 3+ letter token of a person's
  name (a signature "Brandi" after "Brandi Bradley"), as PERSON / ORG / USERNAME; the other PII
  types (emails, phones, addresses...) are *missing* (the model is taught nothing there);
  everything else is "outside". PII-free controls are included, so precision is learned too.
- mention replacement: in most documents each gold person-name token, company and handle is
  swapped, consistently within the document, for a value from wide sources (``Sources``: syllable
  names of many phonotactics, English words, the gazetteer, coined firms, handles of many makes),
  so the model learns the place a value stands in, not our generators' values;
- augmented copies: lowercased (ASR, chat), chat-style (lowercase, no commas or full stops) and,
  for lowercase texts, the capitalised copy ``ner._capitalise`` sends the model at run time;
- rehearsal: the base model's own entities of the other labels (DATE, GPE, PRODUCT...) on the
  same texts, and all its entities on paragraphs of the project's docs, so it keeps general
  English.

Output: ``spark_control/redaction/data/ner_tuned/`` (``cfg``, ``moves``, ``model``), loaded by
``ner.py`` on top of the pinned base pipeline (its tokenizer and vocab), with SHA-256 pins.

    python scripts/train_ner.py [--epochs 6] [--docs 700] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "redaction"))  # corpus.py imports its area modules as `tuning`

from corpus import generate  # noqa: E402

from spark_control.redaction import ner  # noqa: E402
from spark_control.redaction.lexicon import STOP, default_lexicon  # noqa: E402

SEEDS = (101, 202)  # the training draws; 7 is the tuning benchmark's
LABELS = {"PERSON": "PERSON", "COMPANY": "ORG", "USERNAME": "USERNAME"}
OURS = frozenset(LABELS.values())
PARTICLES = frozenset("van von der den de del della di da dos das du le la st bin ibn al el mac ter ten".split())
DOCS_DIR = ROOT / "docs"
OUT = ROOT / "spark_control" / "redaction" / "data" / "ner_tuned"
SEED = 0


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    pat = re.compile(r"(?<![\w@])" + re.escape(value) + r"(?![\w])")
    hits = [m.span() for m in pat.finditer(text)]
    return hits or [m.span() for m in re.compile(pat.pattern, re.IGNORECASE).finditer(text)]


def gold(doc) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(labelled spans, missing spans), no overlaps: full values first, then name tokens."""
    cands, missing = [], []
    for p in doc.pii:
        label = LABELS.get(p.type)
        for s, e in occurrences(doc.text, p.value):
            if label:
                cands.append((s, e, label))
            else:
                missing.append((s, e))
    for p in doc.pii:
        if p.type == "PERSON":
            for tok in re.findall(r"[^\W\d_]{3,}", p.value):
                if tok.lower() not in PARTICLES:
                    cands += [(s, e, "PERSON") for s, e in occurrences(doc.text, tok)]
    taken: list[tuple[int, int, str]] = []
    for s, e, lab in cands:  # in order: whole values win over their tokens
        if not any(s < b and a < e for a, b, _ in taken):
            taken.append((s, e, lab))
    missing = [(s, e) for s, e in missing if not any(s < b and a < e for a, b, _ in taken)]
    return sorted(taken), sorted(missing)


def rebuild(text: str, spans: list[tuple[int, int, str]], outside, inside):
    """``text`` with ``outside`` applied between the spans and ``inside`` to each span, and the
    spans moved to their new offsets."""
    out, new, pos = [], [], 0
    for s, e, lab in sorted(spans):
        out.append(outside(text[pos:s]))
        start = sum(map(len, out))
        out.append(inside(text[s:e]))
        new.append((start, start + len(out[-1]), lab))
        pos = e
    out.append(outside(text[pos:]))
    return "".join(out), new


def _chatty(s: str) -> str:
    return re.sub(r"[,.](?=\s|$)", "", s.lower())


def capitalised(text: str, lex) -> str:
    return "\n".join(ner._capitalise(line, lex) for line in text.split("\n"))


def variants(text: str, spans, rng: random.Random, lex) -> list[tuple[str, list]]:
    """The text and its augmented copies, spans moved with them (label None = missing)."""
    out = [(text, spans)]
    lower = not any(c.isupper() for c in text)
    if lower:
        out.append((capitalised(text, lex), spans))  # what the voter sends for lowercase lines
    else:
        if rng.random() < 0.5 and len(text.lower()) == len(text):
            out.append((text.lower(), spans))
        if rng.random() < 0.25:
            out.append(rebuild(text, spans, _chatty, str.lower))
    return out


# --- mention replacement: the gold values swapped for values from wide sources of our own, so the
# model learns where a person, firm or account stands in a text, not our generators' syllables
REPLACE_SHARE = 0.75  # documents whose values are replaced (the rest keep the generators' own)
SECOND_COPY = 0.5  # documents that get a second, differently replaced copy
# syllable sets of many phonotactics: (onsets, nuclei, codas); written for this script only
PHONOTACTICS = [
    ("b c ç d g h k m n s ş t y z", "a e ı i o ö u ü", "n r l k z m"),  # Turkish-like
    ("b d gi h kh l m ng nh ph qu s t th tr v x", "a ă â e ê i o ô ơ u ư", "n ng c t m"),  # Vietnamese-like
    ("h k m n p r t w wh ng", "a e i o u", ""),  # Maori-like
    ("b ch h k ' l m n p t tz x y", "a e i o u", "l k b x n m"),  # Mayan-like
    ("b d g k l m n p r s t v z br dr kr st", "a e i o u y", "n r v k sk"),  # Slavic-like
    ("b d f g k kp gb l m n s t w y", "a e i o u ɔ", "n"),  # West African-like
    ("b d f g h j k l m n r s t v bj sk", "a e i o u y å ø", "n r d rn ld"),  # Nordic-like
    ("k s t n h m y r w g z d b p", "a i u e o", "n"),  # Japanese-like
    ("b bh d dh g j k kh m n p r s sh t v", "a aa i ee u o", "n t sh l"),  # Hindi-like
    ("b d f h j k kh l m n q r s sh t z", "a i u aa ee oo", "d r m l n"),  # Arabic-like
    ("b c d f g l m n p r s t v", "a e i o u", "n l r s"),  # Romance-like
]
FIRM_ENDS = ["", "", "", "ly", "io", "ify", "a", "ex", "ora", "ia", "on", "hub", "works"]
FIRM_SUFFIX = ["Group", "Labs", "Ltd", "Inc", "& Co", "Partners", "Studio", "Systems", "GmbH"]
KEEP_SUFFIX = frozenset("inc ltd llc gmbh plc co corp group labs partners sa ag bv srl".split())
NAME_PARTICLES = ["van", "van der", "de", "de la", "St.", "bin", "al-", "von", "da", "dos", "Mac", "ter"]
LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"})


class Sources:
    """New values for the gold ones, drawn from the project's word and name lists (27k English
    words, the gazetteer) and from syllable generators of many phonotactics."""

    def __init__(self, lex, rng: random.Random) -> None:
        self.rng = rng
        self.words = sorted(w for w in lex.words if w.isalpha() and w.isascii() and 4 <= len(w) <= 9 and w not in STOP)
        self.firsts = sorted(t for t, e in lex.entries.items() if e.first and t.isalpha() and len(t) >= 3)
        self.lasts = sorted(t for t, e in lex.entries.items() if e.last and t.isalpha() and len(t) >= 3)

    def syllables(self, n: int = 0) -> str:
        on, nu, co = (x.split() for x in self.rng.choice(PHONOTACTICS))
        n = n or self.rng.choice((1, 2, 2, 2, 3))
        out = "".join(self.rng.choice(on) + self.rng.choice(nu) for _ in range(n))
        if co and self.rng.random() < 0.5:
            out += self.rng.choice(co)
        return out.replace("'", "") if len(out) > 1 else out + "n"

    def name_token(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            w = self.syllables()
        elif r < 0.65:
            w = self.rng.choice(self.words)  # word-like names: "Brook", "Summer", "Fairweather"
        elif r < 0.8:
            w = self.rng.choice(self.rng.choice((self.firsts, self.lasts)))
        else:
            w = self.rng.choice(self.words) + self.rng.choice(["", "s", "er", "ley", "ton", "well", "by", "wood"])
        if len(w) < 3 or w in STOP:
            w += self.rng.choice(("a", "on", "ek"))
        return w[0].upper() + w[1:]

    def company(self) -> str:
        rng, r = self.rng, self.rng.random()
        w1, w2 = rng.choice(self.words), rng.choice(self.words)
        if r < 0.3:
            name = f"{w1.capitalize()} {w2.capitalize()}"  # "Quiet Ladder"
        elif r < 0.5:
            name = w1.capitalize() + (w2.capitalize() if rng.random() < 0.5 else w2)  # BrightPath, Brightpath
        elif r < 0.75:
            name = (self.syllables(rng.choice((2, 3))) + rng.choice(FIRM_ENDS)).capitalize()
        elif r < 0.85:
            name = w1.capitalize() + rng.choice(FIRM_ENDS[3:])
        elif r < 0.92:
            name = (
                "".join(rng.choice("ABCDEFGHJKLMNPRSTVWZ") for _ in range(rng.choice((2, 3)))) + " " + w2.capitalize()
            )
        else:
            name = f"{self.name_token()} & {self.name_token()}"
        return f"{name} {rng.choice(FIRM_SUFFIX)}" if rng.random() < 0.25 else name  # mostly bare, coined

    def handle(self) -> str:
        rng = self.rng
        f, la = self.name_token().lower(), self.name_token().lower()
        w1, w2 = rng.choice(self.words), rng.choice(self.words)
        digits = rng.choice([str(rng.randint(1, 99)), str(rng.randint(1970, 2012)), "0" + str(rng.randint(1, 9))])
        recipes = [
            lambda: f[0] + la,
            lambda: f[0] + la + digits,
            lambda: f"{f}.{la}",
            lambda: f"{f}_{la}",
            lambda: f + la[0] + digits,
            lambda: w1 + digits,
            lambda: f"{w1}_{w2}",
            lambda: w1 + w2 + digits,
            lambda: w1.capitalize() + w2.capitalize(),
            lambda: (w1 + w2).translate(LEET),
            lambda: f"x{w1}x",
            lambda: f + "_",
            lambda: f"{w1}-{f}",
            lambda: f + digits,
        ]
        return rng.choice(recipes)()


def _cased_like(new: str, old: str) -> str:
    if old.islower():
        return new.lower()
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new


class Replacer:
    """One document's consistent mapping: each person-name token, company and handle gets one new
    value (a signature "Brandi" after "Brandi Bradley" follows its full name)."""

    def __init__(self, src: Sources) -> None:
        self.src = src
        self.tokens: dict[str, str] = {}
        self.values: dict[tuple[str, str], str] = {}

    def _token(self, tok: str) -> str:
        key = tok.lower()
        if key not in self.tokens:
            self.tokens[key] = self.src.name_token()
        return _cased_like(self.tokens[key], tok) if tok[0].isupper() or tok.islower() else self.tokens[key]

    def person(self, text: str) -> str:
        def one(m: re.Match) -> str:
            w = m.group(0)
            return w if w.lower() in PARTICLES else self._token(w)

        out = re.sub(r"[^\W\d_]+", one, text)
        if " " not in text.strip() and self.src.rng.random() < 0.04:  # now and then a particle name
            out = f"{out} {self.src.rng.choice(NAME_PARTICLES)} {self._token(out + '#last')}".replace("- ", "-")
        return out

    def other(self, text: str, label: str) -> str:
        words = text.split()
        keep = []
        while len(words) > 1 and words[-1].lower().strip(".,") in KEEP_SUFFIX:
            keep.insert(0, words.pop())
        key = (label, " ".join(words).lower())
        if key not in self.values:
            if label == "ORG":
                self.values[key] = self.src.company()
            else:
                self.values[key] = self.src.handle()
        new = self.values[key]
        if label == "ORG" and keep:  # the original's legal suffix, not a second one
            new = re.sub(r" (?:Group|Labs|Ltd|Inc|& Co|Partners|Studio|Systems|GmbH)$", "", new)
        if label == "USERNAME" and text.startswith("@"):
            new = "@" + new
        return " ".join([_cased_like(new, " ".join(words))] + keep)


def replaced(text: str, spans: list, rep: Replacer) -> tuple[str, list]:
    """``text`` with each of our labelled spans replaced by the document's new value for it (other
    spans, missing ones included, move with the text)."""
    out, new, pos = [], [], 0
    for s, e, lab in sorted(spans, key=lambda x: (x[0], x[1])):
        if s < pos:
            continue
        out.append(text[pos:s])
        start = sum(map(len, out))
        old = text[s:e]
        if lab == "PERSON":
            val = rep.person(old)
        elif lab in OURS:
            val = rep.other(old, lab)
        else:
            val = old
        out.append(val)
        new.append((start, start + len(val), lab))
        pos = e
    out.append(text[pos:])
    return "".join(out), new


def doc_paragraphs() -> list[str]:
    """Plain-prose paragraphs from the project's docs, for rehearsal (the redaction doc excepted:
    it quotes leak kinds)."""
    paras = []
    for f in sorted(DOCS_DIR.glob("*.md")):
        if f.name == "REDACTION_GATEWAY.md":
            continue
        for p in f.read_text().split("\n\n"):
            p = p.strip()
            if 80 <= len(p) <= 1200 and not p.startswith(("```", "|", "#", "    ")):
                paras.append(p)
    return paras


def examples(nlp, base, docs_n: int, lex) -> list:
    from spacy.training import Example

    rng = random.Random(SEED)
    out = []

    def add(text: str, spans: list) -> None:
        ref = nlp.make_doc(text)
        ents, missing = [], []
        for s, e, lab in spans:
            sp = ref.char_span(s, e, label=lab or "", alignment_mode="expand")
            if sp is None:
                continue
            if lab is None:
                missing.append(sp)
            elif not any(sp.start < o.end and o.start < sp.end for o in ents):
                ents.append(sp)
        missing = [m for m in missing if not any(m.start < o.end and o.start < m.end for o in ents)]
        ref.set_ents(ents, missing=missing, default="outside")
        out.append(Example(nlp.make_doc(text), ref))

    src = Sources(lex, random.Random(SEED + 1))
    for seed in SEEDS:
        for d in generate(docs_n, seed=seed, extras=True):
            labelled, missing = gold(d)
            spans0 = labelled + [(s, e, None) for s, e in missing]
            copies = [(d.text, spans0)]
            if labelled:
                if rng.random() < REPLACE_SHARE:
                    copies = [replaced(d.text, spans0, Replacer(src))]
                if rng.random() < SECOND_COPY:
                    copies.append(replaced(d.text, spans0, Replacer(src)))
            for text0, spans in copies:
                spans = list(spans)
                # rehearsal: the base model's other labels where our gold says nothing
                for e in base(text0).ents:
                    if e.label_ not in OURS and e.label_ != "NORP":
                        if not any(e.start_char < b and a < e.end_char for a, b, _ in spans):
                            spans.append((e.start_char, e.end_char, e.label_))
                for text, sp in variants(text0, spans, rng, lex):
                    add(text, sp)
    for p in doc_paragraphs():
        add(p, [(e.start_char, e.end_char, e.label_) for e in base(p).ents])
    return out


def fit(nlp, train: list, epochs: int, log=print):
    """Fine-tune ``nlp``'s NER component on ``train`` (shuffled in place, seeded), with the new
    USERNAME label; returns the component. (The caller seeds spaCy: ``fix_random_seed``.)"""
    from spacy.util import minibatch

    comp = nlp.get_pipe("ner")
    comp.add_label("USERNAME")  # a new output class, resized in place
    ner._numpy_gemm(nlp)
    optimizer = nlp.resume_training()
    rng = random.Random(SEED)
    for epoch in range(epochs):
        rng.shuffle(train)
        losses: dict = {}
        t0 = time.time()
        for batch in minibatch(train, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        log(f"epoch {epoch + 1}: loss {losses.get('ner', 0):.0f} in {time.time() - t0:.0f} s", flush=True)
    return comp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--docs", type=int, default=700, help="corpus.generate(n) per seed")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    with ner._without_torch():
        import spacy
        from spacy.util import fix_random_seed

        fix_random_seed(SEED)
        path = ner.model_path()
        ner.verify(path)
        base = spacy.load(path, exclude=ner._EXCLUDE)
        nlp = spacy.load(path, exclude=ner._EXCLUDE)
    ner._numpy_gemm(base)
    ner._numpy_gemm(nlp)
    lex = default_lexicon()
    t0 = time.time()
    train = examples(nlp, base, args.docs, lex)
    print(f"{len(train)} examples in {time.time() - t0:.0f} s", flush=True)

    comp = fit(nlp, train, args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    comp.to_disk(args.out, exclude=["vocab"])
    for f in sorted(args.out.iterdir()):
        print(f'    "{f.name}": "{hashlib.sha256(f.read_bytes()).hexdigest()}",')


if __name__ == "__main__":
    main()
