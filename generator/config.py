"""Read and validate `parallax.toml` into one `SiteConfig` before anything runs.

Every problem is collected (unknown keys with the list of valid ones, wrong
types, bad values) and raised together as one `ConfigError`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .cluster import ADDRESS_HINT, check_address
from .content.junk import RULES
from .errors import ConfigError, Diagnostic, error, with_context
from .model import AlignSettings, NormalizeConfig, SiteConfig

CONFIG_NAME = "parallax.toml"

_TOP_LEVEL: dict[str, type] = {
    "title": str,
    "description": str,
    "base_url": str,
    "language": str,
    "theme": str,
    "content_dir": str,
    "output_dir": str,
    "publish": str,
    "excerpt_words": int,
    "paginate": int,
    "normalize": dict,
    "align": dict,
    "build": dict,
}
_NORMALIZE: dict[str, type] = {"skip_rules": list}
MAX_PAGINATE = 1000
_ALIGN: dict[str, type] = {"semantic": bool, "model": str}
_BUILD: dict[str, type] = {"cluster": str}

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
"""A BCP 47 language tag such as en, fr or pt-BR (front matter uses it too)."""
_SIMPLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def load_config(root: Path, *, required: bool = True, file: Path | None = None) -> SiteConfig:
    """Load `<root>/parallax.toml` (or `file`); with `required=False` a missing file gives the defaults."""
    root = root.resolve()
    path = file.resolve() if file is not None else root / CONFIG_NAME
    if not path.is_file():
        if required:
            raise ConfigError(error(
                f"no {CONFIG_NAME} in {root}",
                hint="run parallax inside a Parallax project folder, or point to one with --source DIR; "
                     "`parallax init` starts a new site here (`parallax init my-site`: in a new folder)",
            ))
        return SiteConfig(root=root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(error(f"cannot read {CONFIG_NAME}: {exc}", file=path,
                                hint="save the file as UTF-8 text")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _toml_position(str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(with_context(error(
            f"invalid TOML: {message}", file=path, line=line, column=column,
            hint='check quoting and brackets; strings need double quotes, e.g. title = "My site"',
        ), text)) from None
    return validate_config(data, root=root, path=path, text=text)


def validate_config(data: dict[str, Any], *, root: Path, path: Path | None = None,
                    text: str = "") -> SiteConfig:
    problems: list[Diagnostic] = []

    def problem(message: str, key: str, hint: str) -> None:
        line = _key_line(text, key)
        diagnostic = error(message, file=path, line=line, hint=hint)
        problems.append(with_context(diagnostic, text) if text else diagnostic)

    _check_keys(data, _TOP_LEVEL, "", problem)
    normalize_table = data.get("normalize", {})
    if isinstance(normalize_table, dict):
        _check_keys(normalize_table, _NORMALIZE, "normalize.", problem)
    align_table = data.get("align", {})
    if isinstance(align_table, dict):
        _check_keys(align_table, _ALIGN, "align.", problem)
    build_table = data.get("build", {})
    if isinstance(build_table, dict):
        _check_keys(build_table, _BUILD, "build.", problem)

    config = SiteConfig(root=root, file=path)
    for key in ("title", "description", "language", "theme", "content_dir", "output_dir"):
        if isinstance(data.get(key), str):
            setattr(config, key, data[key].strip())

    if isinstance(build_table, dict):
        cluster = build_table.get("cluster", "")
        if isinstance(cluster, str) and cluster.strip():
            wrong = check_address(cluster)
            if wrong:
                problem(f"build.cluster {wrong}", "cluster", ADDRESS_HINT)
            else:
                config.cluster = cluster.strip()

    if not LANGUAGE_TAG.match(config.language):
        problem(f"language {config.language!r} is not a language tag", "language",
                'use a tag such as "en", "fr" or "pt-BR"')
    if not _SIMPLE_NAME.match(config.theme):
        problem(f"theme {config.theme!r} is not a folder name", "theme",
                'give the name of a folder under themes/, such as "default"')

    publish = data.get("publish", "")
    if isinstance(publish, str) and publish:
        if publish not in ("excerpts", "full"):
            problem(f"publish {publish!r} is not a choice", "publish",
                    'write publish = "excerpts" (a public site: a few sentences of each article) or "full"')
        else:
            config.publish = publish
    words = data.get("excerpt_words")
    if isinstance(words, int) and not isinstance(words, bool):
        if words < 20:
            problem(f"excerpt_words {words} is too few to compare", "excerpt_words",
                    "give 20 words or more, e.g. excerpt_words = 250")
        else:
            config.excerpt_words = words
    paginate = data.get("paginate")
    if isinstance(paginate, int) and not isinstance(paginate, bool):
        if not 1 <= paginate <= MAX_PAGINATE:
            problem(f"paginate {paginate} is out of range", "paginate",
                    f"give the number of stories per index page, 1 to {MAX_PAGINATE}, e.g. paginate = 20")
        else:
            config.paginate = paginate
    base_url = data.get("base_url", "")
    if isinstance(base_url, str) and base_url.strip():
        normalized = normalize_base_url(base_url.strip())
        if normalized is None:
            problem(f"base_url {base_url!r} is not an http(s) address", "base_url",
                    'write the full public address, e.g. base_url = "https://example.org/news/"')
        else:
            config.base_url = normalized

    for key in ("content_dir", "output_dir"):
        value = getattr(config, key)
        if not value:
            problem(f"{key} is empty", key, f"give a folder name, e.g. {key} = \"{key.split('_')[0]}\"")
    if config.content_dir and config.output_dir:
        overlap = output_overlap(config.output_path, config)
        if overlap:
            problem(f"output_dir {config.output_dir!r} {overlap}", "output_dir",
                    'use a separate folder such as output_dir = "site"')

    skip = normalize_table.get("skip_rules", []) if isinstance(normalize_table, dict) else []
    if isinstance(skip, list):
        for name in skip:
            if not isinstance(name, str) or name not in RULES:
                problem(f"normalize.skip_rules: unknown rule {name!r}", "skip_rules",
                        "valid rule names: " + ", ".join(RULES))
        config.normalize = NormalizeConfig(skip_rules=[n for n in skip if isinstance(n, str)])
    if isinstance(align_table, dict):
        model = align_table.get("model", "")
        if isinstance(model, str) and model.strip():
            folder = (root / model.strip()).resolve()
            if not ((folder / "model.onnx").is_file() and (folder / "tokenizer.json").is_file()):
                problem(f"align.model {model!r} is not a folder holding model.onnx and tokenizer.json", "model",
                        "export a sentence-transformers model to ONNX into that folder, or remove the key "
                        "to use the bundled all-MiniLM-L6-v2")
        semantic = align_table.get("semantic", True)
        config.align = AlignSettings(semantic=semantic if isinstance(semantic, bool) else True,
                                     model=model if isinstance(model, str) else "")

    if problems:
        raise ConfigError(problems)
    return config


def output_overlap(output: Path, config: SiteConfig) -> str | None:
    """Why `output` cannot be the output folder, which every build replaces: it is, holds or lies inside
    the project's own content or themes (None when it is a folder of its own)."""
    output = output.resolve()
    root = config.root.resolve()
    if output == root or output in root.parents:
        return "overlaps the project folder (it is the project or holds it)"
    for name, folder in (("content", config.content_path), ("themes", (root / "themes").resolve())):
        if output == folder or output in folder.parents or folder in output.parents:
            return f"overlaps the {name} folder"
    return None


def normalize_base_url(value: str) -> str | None:
    """`https://host/path` -> `https://host/path/`; None if not an absolute http(s) URL."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return value if value.endswith("/") else value + "/"


def _check_keys(data: dict[str, Any], valid: dict[str, type], prefix: str, problem: Any) -> None:
    for key, value in data.items():
        if key not in valid:
            close = difflib.get_close_matches(key, list(valid), n=1)
            suggestion = f"did you mean {prefix + close[0]!r}? " if close else ""
            problem(f"unknown key {prefix + key!r}", key,
                    f"{suggestion}valid keys{' in [' + prefix.rstrip('.') + ']' if prefix else ''}: "
                    + ", ".join(valid))
            continue
        expected = valid[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            names: dict[type, str] = {str: "a string in double quotes", list: "a list such as [\"a\", \"b\"]",
                                      dict: "a table", int: "a whole number", bool: "true or false"}
            problem(f"{prefix}{key} must be {names[expected]}, not {type(value).__name__}", key,
                    f"fix the value of {prefix}{key}")


def _key_line(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*(\[\s*)?{re.escape(key)}\s*(=|\])", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _toml_position(message: str) -> tuple[int | None, int | None]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    if not match:
        return None, None
    return int(match.group(1)), int(match.group(2))
