from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.config import Settings, load_settings, load_themes, parse_formats
from briefing.errors import ConfigError


def test_the_seeds_theme_pack(seeds_dir: Path):
    pack = load_themes(seeds_dir.parent / "themes.toml")
    assert pack.title == "Iraq drawdown brief"
    assert [t.name for t in pack.themes] == ["Drawdown numbers", "Iran influence", "ISIS remnants", "Syria timeline"]
    assert all(t.query for t in pack.themes)


def test_settings_layer_defaults_file_and_typed_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    config = tmp_path / "briefing.toml"
    config.write_text('sources = ["news"]\nthemes = "t.toml"\nformats = ["md"]\nout = "o"\npaper = "letter"\n')
    settings = load_settings(config, {"out": Path("elsewhere"), "title": None})
    assert settings.sources == (tmp_path / "news",)
    assert settings.themes == tmp_path / "t.toml"
    assert settings.formats == ("md",)
    assert settings.paper == "Letter"
    assert settings.out == Path("elsewhere")  # the typed option wins
    assert settings.title is None and settings.date is None
    monkeypatch.chdir(tmp_path / "..")  # a folder without a briefing.toml: the defaults
    assert not Path("briefing.toml").exists() and load_settings(None) == Settings()


def test_themes_may_live_inline_in_briefing_toml(tmp_path: Path):
    config = tmp_path / "briefing.toml"
    config.write_text('sources = ["a"]\n[[themes]]\nname = "Pay"\nquery = "pay offer"\nmax_words = 50\n')
    settings = load_settings(config)
    assert settings.themes == config
    (theme,) = load_themes(config).themes
    assert (theme.name, theme.max_sentences, theme.max_words) == ("Pay", 4, 50)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[themes]]\nname = "A"\nquery = "x"\n[[themes]]\nname = "A"\nquery = "y"\n', "defined twice"),
        ('[[themes]]\nname = ""\nquery = "x"\n', "has no name"),
        ('[[themes]]\nname = "A"\n', "needs a query or keywords"),
        ('[[themes]]\nname = "A"\nquery = "x"\nkeywords = "oops"\n', "must be a list of strings"),
        ('[[themes]]\nname = "A"\nquery = "x"\nmax_sentences = 0\n', "whole number above 0"),
        ('[[themes]]\nname = "A"\nquery = "x"\ncolour = "red"\n', "unknown key 'colour'"),
        ('title = "no themes"\n', "no [[themes]]"),
        ('[[themes]]\nname = "A"\nquery = "x\n', ":3:"),
        ('[[themes]]\nname = "Pay"\nquery = "x"\n[[themes]]\nname = " Pay "\nquery = "y"\n', "defined twice"),
        ('[[themes]]\nname = "A"\nkeywords = [" "]\n', "needs a query or keywords"),
    ],
)
def test_bad_themes_files(tmp_path: Path, text: str, message: str):
    path = tmp_path / "themes.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_themes(path)


def test_bad_settings(tmp_path: Path):
    config = tmp_path / "briefing.toml"
    # A bad value names the file and the setting, like every other settings error.
    for text, message in [
        ('formats = ["md", "odt"]\n', "'formats': unknown format 'odt'"),
        ('paper = "A3"\n', "'paper': unknown paper size 'A3'"),
        ('date = "5 Oct"\n', "'date': bad date '5 Oct'"),
    ]:
        config.write_text(text)
        with pytest.raises(ConfigError) as error:
            load_settings(config)
        assert str(error.value).startswith(f"{config}: {message}")
    config.write_text('sorces = ["typo"]\n')
    with pytest.raises(ConfigError, match="unknown setting 'sorces'"):
        load_settings(config)
    config.write_text('date = 2025-10-05\n')
    assert load_settings(config).date == dt.date(2025, 10, 5)
    config.write_text('date = 2025-10-05T08:00:00\n')
    assert load_settings(config).date == dt.date(2025, 10, 5)
    config.write_text('[smpt]\nhost = "x"\n')
    with pytest.raises(ConfigError, match="unknown setting 'smpt'"):
        load_settings(config)


def test_parse_formats():
    assert parse_formats(" md, PDF,md ") == ("md", "pdf")
    with pytest.raises(ConfigError):
        parse_formats(",")
