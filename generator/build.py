"""The build, read top to bottom as its list of stages.

load -> normalize -> align -> compare -> render -> write. Configuration is
validated before anything runs; content errors are collected and raised
together before the output folder is touched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .align import align_story
from .compare import compare_story as compare_groups
from .errors import ContentError, Diagnostic
from .load import load_content, load_story
from .model import SiteConfig, Story, StorySource
from .normalize import normalize_story
from .render import find_theme, render_site
from .write import check_output, write_site


@dataclass(slots=True)
class BuildResult:
    """What a build did, for the CLI's summary line."""

    stories: list[Story]
    output: Path
    files: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def build_site(config: SiteConfig, *, drafts: bool = False, output: Path | None = None,
               base_url: str | None = None) -> BuildResult:
    """Build the whole site into `output` (default: the configured output folder)."""
    started = time.perf_counter()
    if base_url is not None:
        config = replace(config, base_url=base_url)
    output = (output or config.output_path).resolve()
    check_output(output)
    theme = find_theme(config)

    loaded = load_content(config.content_path, drafts=drafts)
    if loaded.errors:
        raise ContentError(loaded.diagnostics)
    diagnostics = list(loaded.diagnostics)
    stories = []
    for source in loaded.stories:
        story, story_diagnostics = process_story(source, config)
        diagnostics.extend(story_diagnostics)
        stories.append(story)

    files = render_site(stories, config, theme)
    write_site(files, output)
    return BuildResult(stories=stories, output=output, files=len(files), diagnostics=diagnostics,
                       seconds=time.perf_counter() - started)


def process_story(source: StorySource, config: SiteConfig) -> tuple[Story, list[Diagnostic]]:
    """normalize -> align -> compare for one story."""
    normalized = normalize_story(source, config.normalize)
    story = normalized.story
    groups = align_story(story)
    story.groups, story.omissions = compare_groups(story, groups)
    return story, normalized.diagnostics


def check_site(config: SiteConfig) -> list[Diagnostic]:
    """Every problem in the content, drafts included, without writing anything."""
    find_theme(config)
    loaded = load_content(config.content_path, drafts=True)
    diagnostics = list(loaded.diagnostics)
    for source in loaded.stories:
        diagnostics.extend(normalize_story(source, config.normalize).diagnostics)
    return diagnostics


def compare_story(folder: Path, config: SiteConfig) -> tuple[Story, list[Diagnostic]]:
    """Run the pipeline up to comparison on one story folder, inside content/ or not."""
    diagnostics: list[Diagnostic] = []
    source = load_story(folder, diagnostics)
    if source is None or any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    story, story_diagnostics = process_story(source, config)
    return story, diagnostics + story_diagnostics
