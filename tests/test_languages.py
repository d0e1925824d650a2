"""Languages beyond English: a French story aligned and rendered, stemmers by language, names in any script."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from generator.build import build_site, check_site, compare_folder
from generator.config import load_config
from generator.site.i18n import gettext, join, quoted, speaking, translations, untranslated
from generator.text.lexicon import in_language
from generator.text.norm import slugify
from generator.text.tokens import analyze

from .conftest import FIXTURES, write

FRENCH = FIXTURES / "languages" / "fr-incendie"


def test_a_french_story_is_aligned_in_french() -> None:
    story, _ = compare_folder(FRENCH, load_config(FRENCH, required=False))
    assert story.language == "fr"
    outlets = {a.id: a.outlet for a in story.articles}

    def group_with(words: str) -> set[str]:
        texts = {s.id: s.text for a in story.articles for s in a.sentences}
        group = next(g for g in story.groups if any(words in texts[m.sentence] for m in g.members))
        return {outlets[m.article] for m in group.members}

    # Paraphrase across the three outlets: "a détruit un entrepôt" / "ont ravagé un entrepôt" / "a été détruit".
    assert group_with("zone industrielle de Valmont") == {"Le Journal de Valmont", "Radio Valmont", "Le Courrier"}
    # A changed number: 120 firefighters or 150.
    firefighters = next(g for g in story.groups if any(d.kind == "number" for d in g.differences))
    values = {v.text for d in firefighters.differences for v in d.values}
    assert values == {"120 pompiers", "150 pompiers"}
    # An omission: Le Courrier does not carry the mayor's words.
    quote = next(g for g in story.groups if "Nous avons évité le pire" in g.label)
    courrier = next(a.id for a in story.articles if a.outlet == "Le Courrier")
    assert quote.id in next(o.groups for o in story.omissions if o.article == courrier)
    # Ids are made of French content words, without elided articles.
    assert "enquete-ouverte-determiner-origine-sinistre" in {g.id for g in story.groups}


def test_a_french_story_renders_with_its_language_and_check_says_what_stays_english(tmp_path: Path) -> None:
    shutil.copytree(FRENCH, tmp_path / "content" / FRENCH.name)
    write(tmp_path / "parallax.toml", 'title = "Sites"\nlanguage = "en"\n')
    build_site(load_config(tmp_path), jobs=1)
    page = BeautifulSoup((tmp_path / "site" / FRENCH.name / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("article.story")["lang"] == "fr"
    assert "Près de 150 pompiers" in page.get_text() and "Environ 120 pompiers" in page.get_text()
    [note] = [d for d in check_site(load_config(tmp_path)) if "is in 'fr'" in d.message]
    assert "paraphrase classes" in note.message and note.severity == "warning"


def test_the_stemmer_follows_the_language() -> None:
    def stems(text: str) -> list[str]:
        return [t.stem for t in analyze(text).tokens if t.content]

    assert stems("firefighters intervened") == ["firefight", "interven"]
    with in_language("fr"):
        french = stems("les pompiers sont intervenus")
        assert len(french) == 2 and french[0] == stems("le pompier")[0]  # "les", "sont", "le" are function words
    with in_language("de"):
        assert stems("die Feuerwehrleute") == stems("der Feuerwehrleute")  # function words are not content


def test_names_in_any_script_keep_their_letters(tmp_path: Path) -> None:
    assert slugify("Новая газета") == "новая-газета" and slugify("朝日新聞") == "朝日新聞"
    assert slugify("Le Monde à Paris") == "le-monde-a-paris" and slugify("Süddeutsche Straße") == "suddeutsche-strasse"
    folder = tmp_path / "content" / "vote"
    write(tmp_path / "parallax.toml", 'title = "Site"\nbase_url = "https://example.org/"\n')
    write(folder / "_story.md", "---\ntitle: Vote\ntags: [выборы]\n---\n")
    write(folder / "a.md", "---\noutlet: Новая газета\n---\nThe council approved the plan on Monday.\n")
    write(folder / "b.md", "---\noutlet: 朝日新聞\n---\nThe council approved the plan on Monday.\n")
    build_site(load_config(tmp_path), jobs=1)
    site = tmp_path / "site"
    assert (site / "outlets" / "новая-газета" / "index.html").is_file()
    assert (site / "outlets" / "朝日新聞" / "index.html").is_file()
    assert (site / "tags" / "выборы" / "index.html").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/outlets/%D0%BD%D0%BE%D0%B2%D0%B0%D1%8F-%D0%B3%D0%B0%D0%B7%D0%B5%D1%82%D0%B0/" in sitemap


def test_a_french_site_speaks_french_and_check_lists_what_is_missing(tmp_path: Path) -> None:
    shutil.copytree(FRENCH, tmp_path / "content" / FRENCH.name)
    write(tmp_path / "parallax.toml", 'title = "Comparaisons"\nlanguage = "fr"\n')
    build_site(load_config(tmp_path), jobs=1)
    index = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in index.select(".site-nav a")][:2] == ["Histoires", "Médias"]
    assert index.select_one(".skip-link").get_text() == "Aller au contenu"
    assert "10 février 2026" in index.get_text() and "3 médias" in index.get_text()
    story = BeautifulSoup((tmp_path / "site" / FRENCH.name / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(strip=True) for h in story.select("main h2")]
    assert "En bref" in headings and "Qui rapporte quoi" in headings and "Côte à côte" in headings
    assert [d for d in check_site(load_config(tmp_path)) if "translation" in d.message] == []
    # A project's own catalog, with one string of its own.
    catalog = tmp_path / "themes" / "default" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    write(catalog, 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                   'msgid "Stories"\nmsgstr "Récits"\n')
    # A project's catalog overrides the strings it has; the built-in one gives the rest.
    assert [d for d in check_site(load_config(tmp_path)) if "translation" in d.message] == []
    build_site(load_config(tmp_path), jobs=1)
    index = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in index.select(".site-nav a")][:2] == ["Récits", "Médias"]
    # A language only the project translates, partly: check names the strings missing.
    write(tmp_path / "themes" / "default" / "locale" / "it" / "LC_MESSAGES" / "messages.po",
          'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Stories"\nmsgstr "Storie"\n')
    write(tmp_path / "parallax.toml", 'title = "Confronti"\nlanguage = "it"\n')
    [missing] = [d for d in check_site(load_config(tmp_path)) if "translation" in d.message]
    assert "have no translation into 'it'" in missing.message and "“Page not found”" in missing.message
    write(tmp_path / "parallax.toml", 'title = "Samanburður"\nlanguage = "is"\n')
    [none] = [d for d in check_site(load_config(tmp_path)) if "translation" in d.message]
    assert "the theme has no translation into 'is'" in none.message


THEME = Path(__file__).resolve().parent.parent / "themes" / "default"
ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|is|are|with|this|that|to|by|not|no|words?|facts?|outlets?|reports?)\b")
"""Words of the theme's English that French, Spanish and German text does not use."""


@pytest.mark.parametrize("language", ["fr", "es", "de"])
def test_the_built_in_catalogs_translate_every_string_the_pages_show(language: str) -> None:
    assert untranslated([THEME], language) == []
    with (THEME / "locale" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert list(catalog.check()) == []  # Babel's own check: placeholders of python-format strings
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for string in strings:
            # The same %(name)s placeholders (a plural's count may be left out of the singular) and HTML tags.
            assert set(re.findall(r"%\((\w+)\)s", string)) | {"count", "num"} >= set(re.findall(r"%\((\w+)\)s", ids[0])) - {"count", "num"}, ids[0]
            assert set(re.findall(r"</?\w+", string)) == set(re.findall(r"</?\w+", ids[0])), ids[0]


def test_a_french_site_shows_no_english_of_its_own(tmp_path: Path) -> None:
    """Every page of a French site, in its text and the words it gives assistive technology and scripts,
    is French but for the articles' own words, the English word list and the page-junk rules' examples."""
    shutil.copytree(FRENCH, tmp_path / "content" / FRENCH.name)
    write(tmp_path / "parallax.toml", 'title = "Comparaisons"\nlanguage = "fr"\n')
    build_site(load_config(tmp_path), jobs=1)
    site = tmp_path / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for english in soup.select("#lexicon, .lexicon-sources, head"):
            english.decompose()
        texts = [soup.get_text(" ")]
        for tag in soup.find_all(True):
            texts += [str(value) for name, value in tag.attrs.items()
                      if name in ("aria-label", "title", "alt", "placeholder") or name.startswith(("data-say", "data-reveal"))]
        text = re.sub(r'"[^"]*"', "", " ".join(texts))  # the junk rules' examples are English page junk
        assert not ENGLISH_WORDS.findall(text), (page.relative_to(site), ENGLISH_WORDS.findall(text)[:10])
    sheet = BeautifulSoup((site / FRENCH.name / "worksheet" / "index.html").read_text(encoding="utf-8"),
                          "html.parser").get_text(" ")
    # French typography: no-break spaces inside « » and before ? ; so a mark never starts a line.
    assert "Pourquoi pourrait-il l'omettre\u202f?" in sheet and "«\u00a0120 pompiers\u00a0»" in sheet
    assert "« “Nous" not in sheet  # a label that is a quotation is not quoted twice
    grid = (site / FRENCH.name / "grid.csv").read_text(encoding="utf-8-sig").splitlines()
    assert grid[0].startswith("fait,libellé,rapporté par,") and "non rapporté" in "\n".join(grid)


def test_words_made_in_python_speak_the_site_language() -> None:
    with speaking(translations([THEME], "de"), "de"):
        assert join(["A", "B", "C"]) == "A, B und C"
        assert quoted("150") == "„150“"
        assert gettext("%(kind)s differs", kind=gettext("Number")) == "Zahl weicht ab"
    assert join(["A", "B", "C"]) == "A, B and C" and quoted("150") == "“150”"  # English outside


@pytest.mark.parametrize("source", [
    '{{ _("Sources") }}',
    '{{ _("%(outlet)s says %(words)s", outlet="<b>A & B</b>", words=quote) }}',
    '{{ _("100%% of %(n)s", n=3) }}',
    '{{ _("no value, 100%%") }}',
    '{% trans n=count %}{{ n }} outlet{% pluralize %}{{ n }} outlets{% endtrans %}',
    '{% trans %}Plain <words> & 100%{% endtrans %}',
    '{{ ngettext("%(num)s fact", "%(num)s facts", count) }}',
    '{% autoescape false %}{{ _("%(outlet)s says", outlet="<i>x</i>") }}{% endautoescape %}',
])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pages_words_come_out_as_jinjas_own_i18n_makes_them(source: str, language: str) -> None:
    """The templates' `_`, `gettext` and `ngettext` are Parallax's own (looked up once, no alias): the text,
    translation and escaping must be what Jinja2's newstyle i18n gives, an outlet's name never unescaped."""
    from jinja2 import Environment

    from generator.site.i18n import install_template_words
    from generator.site.theme import builtin_themes

    catalog = translations([builtin_themes() / "default"], language)
    if language == "fr":
        assert catalog.gettext("%(outlet)s says %(words)s") != "%(outlet)s says %(words)s"
    stock, ours = (Environment(extensions=["jinja2.ext.i18n"], autoescape=True) for _ in range(2))
    stock.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    install_template_words(ours, catalog)
    for count in (1, 4):
        context = {"count": count, "quote": "“<script>”"}
        expected = stock.from_string(source).render(context)
        assert ours.from_string(source).render(context) == expected
    assert "<script>" not in ours.from_string(source).render(count=1, quote="<script>")
