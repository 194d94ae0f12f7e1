"""Deliver briefs: to disk and by e-mail.

Files: all rendered first, each written to a temporary name in the output folder and
renamed into place, so no reader sees a half-written file and a failure leaves the
previous files as they were. Mail: the standard library's smtplib, one clear line
for every failure."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.config import SmtpSettings
from briefing.errors import ConfigError, MailError, OutputError

if TYPE_CHECKING:  # every build writes files; only some send mail, so mail loads late
    import smtplib
    from email.message import EmailMessage

log = logging.getLogger("briefing")


def write_files(out: Path, files: Mapping[str, str | bytes]) -> list[Path]:
    """Write ``{name: content}`` into ``out``. Every file is first written in full under
    a temporary name; only when all of them are written are they renamed into place
    (each rename is atomic). On failure the temporary files are removed and the
    existing files are left as they were."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    if not out.is_dir():
        raise OutputError(f"{out}: not a folder")
    for name in files:
        if (out / name).is_dir():  # the one thing that would stop a rename half-way
            raise OutputError(f"{out / name}: a folder is in the way of the brief's file")
    staged: list[tuple[Path, Path]] = []
    current = out  # the file being written, named in an error (never its temporary name)
    try:
        for name, content in files.items():
            current = out / name
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, temp_name = tempfile.mkstemp(dir=current.parent, prefix=f".{current.name}.", suffix=".tmp")
            staged.append((Path(temp_name), current))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, 0o644)
        for temp, final in staged:
            current = final
            os.replace(temp, final)
    except OSError as exc:
        for temp, _final in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"{current}: cannot write ({exc.strerror})") from None
    return [final for _temp, final in staged]


# --- email -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str  # "application/pdf"


def compose(
    *,
    subject: str,
    sender: str,
    to: Sequence[str],
    text: str,
    html: str | None = None,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """The message: plain text and HTML alternatives, then the attachments. A line
    break in the subject or an address is refused: it would inject headers."""
    import email.utils
    from email.message import EmailMessage
    _one_line("subject", subject)
    check_addresses(sender, to)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for attachment in attachments:
        maintype, _, subtype = attachment.mime.partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype, filename=attachment.name)
    return message


def check_mail(smtp: SmtpSettings, sender: str | None, to: Sequence[str], password: str | None) -> None:
    """Every check of the mail settings that needs no server, so that a run that ends
    by mailing can stop before it does anything."""
    check_addresses(sender, to)
    check_server(smtp, password)


def _one_line(what: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ConfigError(f"refused: the {what} holds a line break ({value!r})")


def check_addresses(sender: str | None, to: Sequence[str]) -> None:
    """One sender and at least one recipient, each a plain address on one line (a line
    break would inject headers)."""
    if not sender:
        raise ConfigError("no sender: set [smtp] from in briefing.toml or BRIEFING_SMTP_FROM")
    for what, value in [("sender", sender), *(("recipient", a) for a in to)]:
        _one_line(what, value)
    if not to:
        raise ConfigError("no recipient: give --to ADDR, or set 'to' in briefing.toml [smtp]")
    for address in (sender, *to):
        check_address(address)


def check_server(smtp: SmtpSettings, password: str | None) -> str:
    """The server's host name, once a host is set and a user has a password."""
    if not smtp.host:
        raise ConfigError("no SMTP host: set [smtp] host in briefing.toml or BRIEFING_SMTP_HOST")
    if smtp.user and password is None:
        raise ConfigError(f"SMTP user {smtp.user!r} is set but BRIEFING_SMTP_PASSWORD is not")
    return smtp.host


def check_address(address: str) -> str:
    """``address`` if it is one plain e-mail address ("Name <a@b.c>" or "a@b.c")."""
    import email.utils

    _name, addr = email.utils.parseaddr(address)
    local, at, domain = addr.rpartition("@")
    if not at or not local or "." not in domain or " " in addr or address.count("@") != 1:
        raise ConfigError(f"not an e-mail address: {address!r}")
    return address


def send(message: EmailMessage, smtp: SmtpSettings, password: str | None) -> None:
    """Send over SMTP: STARTTLS (the default), SSL or none, logging in when a user is
    set. Every failure is a MailError of one line; the password never appears in it."""
    import email.utils
    import smtplib
    import socket
    import ssl

    host = check_server(smtp, password)
    where = f"{host}:{smtp.effective_port}"
    context = ssl.create_default_context()
    client: smtplib.SMTP
    try:
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(host, smtp.effective_port, timeout=smtp.timeout, context=context)
        else:
            client = smtplib.SMTP(host, smtp.effective_port, timeout=smtp.timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.user:
                client.login(smtp.user, password or "")
            # The addresses, not their display names ("Jörg Desk <desk@example.org>" is
            # plain ASCII on the envelope).
            heads = [str(h) for h in (message["From"], message["To"]) if h]
            wide = [addr for _name, addr in email.utils.getaddresses(heads) if not addr.isascii()]
            client.ehlo_or_helo_if_needed()
            if wide and not client.has_extn("smtputf8"):
                raise MailError(f"{where}: the server does not take addresses outside ASCII (SMTPUTF8): {', '.join(wide)}")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{where}: login refused for {smtp.user!r}: {_reply(exc)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"{where}: {str(exc).rstrip('.')} (check [smtp] security)") from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(f"{a} ({_code(r)})" for a, r in exc.recipients.items())
        raise MailError(f"{where}: recipient refused: {who}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(f"{where}: sender {exc.sender} refused: {_reply(exc)}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{where}: the server said {_reply(exc)}") from None
    except (TimeoutError, socket.timeout):
        raise MailError(f"{where}: timed out after {smtp.timeout:g} s") from None
    except ssl.SSLError as exc:
        raise MailError(f"{where}: TLS failed ({exc.reason or exc})") from None
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError) or "timed out" in str(exc):
            raise MailError(f"{where}: timed out after {smtp.timeout:g} s") from None
        raise MailError(f"{where}: the server closed the connection ({exc})") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{where}: {exc}") from None
    except OSError as exc:
        raise MailError(f"{where}: cannot connect ({exc.strerror or exc})") from None
    if refused:
        who = ", ".join(f"{a} ({_code(r)})" for a, r in refused.items())
        log.warning("sent, but some recipients were refused: %s", who)


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _code(reply: tuple[int, bytes]) -> str:
    code, text = reply
    return f"{code} {' '.join(text.decode('utf-8', 'replace').split())}"
