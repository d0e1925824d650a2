"""The semantic layer: a real model, loaded offline and checked, cached by model and text, and a build that
still works, and says so, without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import generator.analysis.semantic as semantic
from generator.analysis.semantic import (
    DEFAULT_SHA256,
    Encoder,
    ModelFiles,
    SemanticUnavailable,
    default_model,
    encoder,
)
from generator.build import build_site
from generator.config import load_config

from .conftest import DEMO, write

SLUG = DEMO.name


def test_the_bundled_model_loads_offline_and_means_something() -> None:
    model = encoder()
    assert model.sha256() == DEFAULT_SHA256 == semantic.model_sha256(str(default_model().model))
    paused, suspended, weather = model.encode([
        "Meta paused the employee tracking program after a data leak.",
        "Meta has suspended its internal AI training programme following a security flaw.",
        "Sunny weather is expected in Paris tomorrow."])
    assert abs(float(np.linalg.norm(paused)) - 1.0) < 1e-5
    assert float(paused @ suspended) > 0.4 > 0.1 > float(paused @ weather)


def test_vectors_do_not_depend_on_the_thread_count() -> None:
    texts = ["The harbour council approved the flood barrier plan on Monday.", "Short.", "Ok."]
    one, two = Encoder(default_model(), threads=1).encode(texts), Encoder(default_model(), threads=2).encode(texts)
    assert np.array_equal(one, two)  # builds are byte-identical whatever --jobs


def test_vectors_do_not_depend_on_the_texts_batched_with_them() -> None:
    """Texts run in batches of similar length, padded: each vector is the one its text gets alone, bit for
    bit, so a rebuild that reuses cached vectors equals a clean build."""
    texts = ["The harbour council approved the flood barrier plan on Monday after a long debate.", "Short.",
             "Meta paused the program.", "Ok.", *[f"Sentence number {n} says something about the port." for n in range(12)],
             "A much longer sentence, with clauses, names such as Ana Ruiz and numbers such as 40 buses, " * 3]
    model = Encoder(default_model(), threads=1)
    batched = model.encode(texts)
    assert model._batch == semantic.BATCH  # the bundled model passed the check on loading
    alone = np.vstack([model.encode([text]) for text in texts])
    assert np.array_equal(batched, alone)
    assert np.array_equal(model.encode(texts[::-1]), batched[::-1])


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    changed = tmp_path / "model.onnx"
    data = bytearray(default_model().model.read_bytes())
    data[-1] ^= 0xFF
    changed.write_bytes(bytes(data))
    files = ModelFiles(name="tampered", model=changed, tokenizer=semantic.TOKENIZER, sha256=DEFAULT_SHA256)
    with pytest.raises(SemanticUnavailable, match="not the model Parallax was made for"):
        Encoder(files).encode(["A sentence."])


def _demo(project: Path, settings: str = "") -> Path:
    write(project / "parallax.toml", 'title = "T"\n' + settings)
    shutil.copytree(DEMO, project / "content" / SLUG)
    return project


def test_without_the_extra_the_build_aligns_by_words_and_says_so_once(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> ModelFiles:
        raise SemanticUnavailable("the semantic extra is not installed (pip install 'parallax-news[semantic]')")

    monkeypatch.setattr(semantic, "default_model", missing)
    semantic._encoder.cache_clear()
    _demo(project)
    shutil.copytree(DEMO, project / "content" / "second-copy")
    result = build_site(load_config(project), jobs=1)
    notes = [d for d in result.diagnostics if "aligned by their words alone" in d.message]
    assert len(notes) == 1 and notes[0].severity == "warning" and "pip install" in notes[0].message
    document = json.loads((project / "site" / SLUG / "comparison.json").read_text(encoding="utf-8"))
    assert document["matcher"] == {"method": "lexical", "model": None, "model_sha256": None}
    assert len(document["groups"]) > 10
    semantic._encoder.cache_clear()


def test_the_comparison_records_the_model(project: Path) -> None:
    build_site(load_config(_demo(project)), jobs=1)
    document = json.loads((project / "site" / SLUG / "comparison.json").read_text(encoding="utf-8"))
    assert document["matcher"] == {"method": "semantic", "model": "all-MiniLM-L6-v2-onnx-int8",
                                   "model_sha256": DEFAULT_SHA256}


def test_a_rebuild_encodes_only_the_new_sentences(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _demo(project)
    build_site(load_config(project), jobs=1)
    encoded: list[str] = []
    original = Encoder.encode

    def counting(self: Encoder, texts: list[str]) -> np.ndarray:
        encoded.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(Encoder, "encode", counting)
    semantic._REMEMBERED.clear()  # nothing in this process's memory: only the build cache can help
    article = project / "content" / SLUG / "003.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe board will meet again in the autumn.\n",
                       encoding="utf-8")
    result = build_site(load_config(project), jobs=1)
    assert result.recomputed == [SLUG]
    assert encoded == ["The board will meet again in the autumn."]


def test_a_project_can_bring_its_own_model(project: Path) -> None:
    folder = project / "models" / "my-encoder"
    folder.mkdir(parents=True)
    shutil.copy(default_model().model, folder / "model.onnx")
    shutil.copy(semantic.TOKENIZER, folder / "tokenizer.json")
    build_site(load_config(_demo(project, '[align]\nmodel = "models/my-encoder"\n')), jobs=1)
    document = json.loads((project / "site" / SLUG / "comparison.json").read_text(encoding="utf-8"))
    assert document["matcher"] == {"method": "semantic", "model": "my-encoder", "model_sha256": DEFAULT_SHA256}


def test_a_model_folder_without_its_files_is_a_config_error(project: Path) -> None:
    write(project / "parallax.toml", 'title = "T"\n[align]\nmodel = "nowhere"\n')
    from generator.errors import ConfigError
    with pytest.raises(ConfigError, match=r"not a folder holding model\.onnx and tokenizer\.json"):
        load_config(project)
