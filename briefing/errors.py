"""The project's exceptions. Each carries the exit status the CLI reports (see README)."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = 1


class ConfigError(BriefingError):
    """Bad configuration, themes file or option value."""

    exit_code = 2


class SourceError(BriefingError):
    """A source path is missing, or the corpus holds no readable article."""

    exit_code = 3


class OutputError(BriefingError):
    """The output folder or file cannot be written."""

    exit_code = 4


class RenderError(BriefingError):
    """A format could not be rendered (for PDF: WeasyPrint or its system libraries missing)."""

    exit_code = 5


class MailError(BriefingError):
    """The mail could not be sent: no connection, login refused, recipient refused, timeout."""

    exit_code = 6
