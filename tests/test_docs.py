"""The README documents what the command does: every command, option and exit status."""

from __future__ import annotations

import re
from pathlib import Path

import click

from briefing.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make brief", "make test"]


def test_every_command_and_option_is_in_the_readme():
    for name, command in main.commands.items():
        assert f"briefing {name}" in README, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in README for opt in param.opts), (name, param.opts)


def test_every_exit_status_is_documented():
    from briefing import errors

    codes = {cls.exit_code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, Exception)}
    table = README.split("## Exit status", 1)[1]
    for code in codes | {0, 2}:
        assert re.search(rf"^\| {code} \|", table, re.M), code


def test_the_ci_script_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in README
