"""parallax.toml: unknown keys list the valid ones, wrong types and values are named with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import ConfigError


def config_errors(root: Path, text: str) -> list[str]:
    (root / "parallax.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(root)
    return [d.format() for d in info.value.diagnostics]


def test_defaults_and_values(tmp_path: Path) -> None:
    (tmp_path / "parallax.toml").write_text('title = "News compared"\nbase_url = "https://example.org/news"\n'
                                            '[normalize]\nskip_rules = ["timestamp"]\n')
    config = load_config(tmp_path)
    assert config.title == "News compared"
    assert config.base_url == "https://example.org/news/"
    assert config.normalize.skip_rules == ["timestamp"]
    assert (config.theme, config.language, config.content_path, config.output_path) == (
        "default", "en", tmp_path.resolve() / "content", tmp_path.resolve() / "site")


def test_unknown_keys_list_the_valid_keys(tmp_path: Path) -> None:
    [message] = config_errors(tmp_path, 'title = "x"\nbaseurl = "https://example.org"\n')
    assert "parallax.toml:2: error: unknown key 'baseurl'" in message
    assert "did you mean 'base_url'?" in message
    assert ("valid keys: title, description, base_url, language, theme, content_dir, output_dir, publish, "
            "excerpt_words, paginate, normalize") in message


def test_all_problems_at_once(tmp_path: Path) -> None:
    messages = config_errors(tmp_path, 'title = 3\nlanguage = "English"\nbase_url = "example.org"\n'
                                       'output_dir = "."\n[normalize]\nskip_rules = ["adverts"]\nextra = 1\n')
    text = "\n".join(messages)
    assert len(messages) == 6, text
    for expected in ("parallax.toml:1: error: title must be a string", "language 'English' is not a language tag",
                     "base_url 'example.org' is not an http(s) address", "overlaps the project",
                     "unknown rule 'adverts'", "unknown key 'normalize.extra'"):
        assert expected in text


def test_invalid_toml_points_at_the_line(tmp_path: Path) -> None:
    [message] = config_errors(tmp_path, 'title = "ok"\ntheme = default\n')
    assert "parallax.toml:2:" in message and "invalid TOML" in message
    assert "theme = default" in message  # the offending line is shown
    assert "double quotes" in message


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "no parallax.toml" in info.value.format()
    assert load_config(tmp_path, required=False).title == "Parallax"
