"""Themes: where the templates and static files of the site come from (part of the render stage).

A theme is a folder with `templates/` (Jinja2) and `static/` (copied as they
are). The project's `themes/<name>/` comes first; any template or static file
it lacks comes from the theme of that name shipped with Parallax, and then
from the built-in `default` theme, so a project can override one template
(as MkDocs' `custom_dir` does) without copying the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import ConfigError, Diagnostic, error, with_context
from ..model import SiteConfig

DEFAULT_THEME = "default"


@dataclass(slots=True)
class Theme:
    name: str
    folders: list[Path]
    """The theme's folders, first the one that wins: the project's, the built-in one, the default."""

    @property
    def path(self) -> Path:
        """The folder that wins."""
        return self.folders[0]

    @property
    def template_folders(self) -> list[Path]:
        return [folder / "templates" for folder in self.folders if (folder / "templates").is_dir()]

    def static_files(self) -> dict[str, Path]:
        """Each static file's path under static/, from the first folder that has it."""
        files: dict[str, Path] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            for asset in sorted(static.rglob("*")) if static.is_dir() else []:
                if asset.is_file() and not asset.name.startswith("."):
                    files[asset.relative_to(static).as_posix()] = asset
        return dict(sorted(files.items()))


def builtin_themes() -> Path:
    """Installed: `generator/themes/` (pyproject maps the top-level `themes/` there); in a checkout: `themes/`."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "themes"
    return installed if installed.is_dir() else package.parent / "themes"


def find_theme(config: SiteConfig) -> Theme:
    """The project's `themes/<name>/`, then the built-in theme of that name, then the built-in default."""
    project, builtin = config.root / "themes" / config.theme, builtin_themes() / config.theme
    folders = [f for f in (project, builtin) if any((f / part).is_dir() for part in ("templates", "static", "locale"))]
    if not folders:
        raise ConfigError(error(
            f"theme {config.theme!r} not found", file=config.file,
            hint=f"looked in {project} and among the built-in themes; set theme = \"default\" "
                 "or create themes/<name>/templates/"))
    default = builtin_themes() / DEFAULT_THEME
    return Theme(name=config.theme, folders=[*folders, default] if default not in folders else folders)


def template_problems(env: jinja2.Environment, theme: Theme) -> list[Diagnostic]:
    """Every template of the theme that fails to load, as an error with its file and line."""
    problems = []
    for name in sorted({p.relative_to(folder).as_posix() for folder in theme.template_folders
                        for p in folder.rglob("*") if p.is_file()}):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(template_error(exc, theme))
    return problems


def template_error(exc: jinja2.TemplateError, theme: Theme) -> Diagnostic:
    """A Jinja2 error as a diagnostic a theme author can act on: the file, the line, what was wrong."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = Path(exc.filename) if exc.filename else None
        diagnostic = error(f"template {exc.name or '?'}: {exc.message}", file=path, line=exc.lineno,
                           hint="fix the Jinja2 syntax at that line (see https://jinja.palletsprojects.com/templates/)")
        return with_context(diagnostic, exc.source) if exc.source else diagnostic
    if isinstance(exc, jinja2.TemplateNotFound):
        looked = ", ".join(str(f) for f in theme.template_folders)
        return error(f"template {exc.name!r} not found in theme {theme.name!r}",
                     hint=f"looked in {looked}; add the template or remove what includes it")
    return error(f"template error: {exc}", hint="fix the template named in the message")
