"""E-mail against real SMTP servers started here on 127.0.0.1 (aiosmtpd), in plain text,
STARTTLS and SSL, with certificates from a test authority (trustme)."""

from __future__ import annotations

import email
import datetime as dt
import email.policy
import socket
import ssl
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from briefing.api import mail_brief
from briefing.cli import main
from briefing.config import Settings, SmtpSettings
from briefing.errors import ConfigError, MailError
from briefing.models import Brief
from briefing.rendering import render


def free_port() -> int:
    # aiosmtpd's Controller cannot take port 0: ask the system for a free port first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self, refuse: str | None = None) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001
        if self.refuse and address == self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"desk" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535


@contextmanager
def serving(box: Inbox, **kwargs: object) -> Iterator[int]:
    """An SMTP server for ``box`` on 127.0.0.1, stopped on leaving; yields its port.
    ``kwargs`` go to aiosmtpd's Controller."""
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    with serving(box) as port:
        yield box, port


@pytest.fixture
def login_inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")  # loopback only
    with serving(box, authenticator=authenticator, auth_required=True, auth_require_tls=False) as port:
        yield box, port


@pytest.fixture
def brief_files(tmp_path: Path) -> Path:
    """A written brief: md, html, json and a PDF (bytes that must arrive unchanged)."""
    folder = tmp_path / "2025-10-05"
    folder.mkdir()
    (folder / "brief.md").write_text("# Iraq drawdown brief\n\n- A fact. [[1]](#src-1)\n", encoding="utf-8")
    (folder / "brief.html").write_text("<html><body><h1>Iraq drawdown brief</h1></body></html>", encoding="utf-8")
    (folder / "brief.json").write_text(
        render(Brief("Iraq drawdown brief", dt.date(2025, 10, 5), (), ()), "json"), encoding="utf-8"
    )
    (folder / "brief.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return folder


def settings_for(port: int, **smtp: object) -> Settings:
    values: dict = {"host": "127.0.0.1", "port": port, "security": "none", "sender": "brief@example.org"}
    values.update(smtp)
    return Settings(smtp=SmtpSettings(**values))


def test_the_message_carries_the_pdf_byte_for_byte_and_the_memo_as_body(inbox, brief_files: Path):
    box, port = inbox
    subject = mail_brief([brief_files / "brief.pdf"], ["desk@example.org"], settings=settings_for(port), env={})
    assert subject == "Iraq drawdown brief — 5 October 2025"
    [message] = box.messages
    assert message["Subject"] == subject
    assert message["From"] == "brief@example.org" and message["To"] == "desk@example.org"
    assert box.envelopes == [("brief@example.org", ["desk@example.org"])]
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and "- A fact." in text.get_content()
    assert html is not None and "<h1>Iraq drawdown brief</h1>" in html.get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "brief.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == (brief_files / "brief.pdf").read_bytes()


def test_the_send_command_with_settings_from_the_environment(inbox, brief_files: Path, tmp_path, monkeypatch):
    box, port = inbox
    monkeypatch.chdir(tmp_path)
    env = {
        "BRIEFING_SMTP_HOST": "127.0.0.1",
        "BRIEFING_SMTP_PORT": str(port),
        "BRIEFING_SMTP_SECURITY": "none",
        "BRIEFING_SMTP_FROM": "Brief Bot <brief@example.org>",
    }
    result = CliRunner().invoke(
        main,
        ["send", str(brief_files / "brief.pdf"), "--to", "a@example.org", "--to", "b@example.org", "--subject", "Morning brief"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    [message] = box.messages
    assert message["Subject"] == "Morning brief"
    assert box.envelopes[0][1] == ["a@example.org", "b@example.org"]


def test_login_with_the_password_from_the_environment(login_inbox, brief_files: Path):
    box, port = login_inbox
    settings = settings_for(port, user="desk")
    mail_brief([brief_files / "brief.pdf"], ["desk@example.org"], settings=settings, env={"BRIEFING_SMTP_PASSWORD": "s3cret"})
    assert len(box.messages) == 1


def test_a_bad_login_is_one_line_without_the_password(login_inbox, brief_files: Path, tmp_path, monkeypatch):
    box, port = login_inbox
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefing.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nuser = "desk"\nfrom = "b@example.org"\n'
    )
    result = CliRunner().invoke(
        main, ["send", str(brief_files / "brief.pdf"), "--to", "d@example.org"], env={"BRIEFING_SMTP_PASSWORD": "wrong-pw"}
    )
    assert result.exit_code == 6
    assert "login refused for 'desk'" in result.output
    assert "wrong-pw" not in result.output
    assert result.output.count("\n") == 1
    assert box.messages == []
    assert (brief_files / "brief.pdf").exists()


def test_a_server_that_requires_login_refuses_a_message_without_one(login_inbox, brief_files: Path):
    _box, port = login_inbox
    with pytest.raises(MailError, match="530 5.7.0 Authentication required"):
        mail_brief([brief_files / "brief.pdf"], ["d@example.org"], settings=settings_for(port), env={})


def test_a_refused_recipient(brief_files: Path):
    box = Inbox(refuse="nobody@example.org")
    with serving(box) as port:
        with pytest.raises(MailError, match=r"recipient refused: nobody@example.org \(550"):
            mail_brief([brief_files / "brief.pdf"], ["nobody@example.org"], settings=settings_for(port), env={})
    assert box.messages == []


def test_a_server_that_is_not_listening(brief_files: Path):
    port = free_port()  # nothing listens there
    with pytest.raises(MailError, match=rf"127.0.0.1:{port}: cannot connect"):
        mail_brief([brief_files / "brief.pdf"], ["d@example.org"], settings=settings_for(port), env={})


def test_a_server_that_does_not_answer_times_out(brief_files: Path):
    with socket.socket() as silent:  # accepts connections, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = Settings(smtp=SmtpSettings("127.0.0.1", port, "none", sender="b@example.org", timeout=0.5))
        with pytest.raises(MailError, match="timed out after 0.5 s"):
            mail_brief([brief_files / "brief.pdf"], ["d@example.org"], settings=settings, env={})


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        (["desk@example.org\r\nBcc: all@example.org"], None),
        (["desk@example.org"], "Brief\r\nBcc: all@example.org"),
        (["desk@example.org"], "Brief\nX-Injected: 1"),
    ],
)
def test_header_injection_is_refused(inbox, brief_files: Path, to, subject):
    box, port = inbox
    with pytest.raises(ConfigError, match="line break"):
        mail_brief([brief_files / "brief.pdf"], to, subject=subject, settings=settings_for(port), env={})
    assert box.messages == []


def test_bad_addresses_and_missing_settings_are_usage_errors(brief_files: Path):
    pdf = brief_files / "brief.pdf"
    with pytest.raises(ConfigError, match="not an e-mail address"):
        mail_brief([pdf], ["not an address"], settings=settings_for(25), env={})
    with pytest.raises(ConfigError, match="no SMTP host"):
        mail_brief([pdf], ["d@example.org"], settings=Settings(smtp=SmtpSettings(sender="b@example.org")), env={})
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_PASSWORD is not"):
        mail_brief([pdf], ["d@example.org"], settings=settings_for(25, user="desk"), env={})
    with pytest.raises(ConfigError, match="no recipient"):
        mail_brief([pdf], [], settings=settings_for(25), env={})


def test_the_password_cannot_be_set_in_the_settings_file(tmp_path: Path):
    from briefing.config import load_settings

    config = tmp_path / "briefing.toml"
    config.write_text('[smtp]\nhost = "mail.example.org"\npassword = "x"\n')
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_PASSWORD only"):
        load_settings(config)


# --- TLS: what a real mail server does ------------------------------------------------


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def server_tls(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


@pytest.fixture
def trusted(authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test authority trusted the way a user trusts a private one: SSL_CERT_FILE."""
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))


@pytest.fixture
def untrusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)



def test_starttls_and_login_against_a_server_that_requires_both(trusted, server_tls, brief_files: Path):
    # The server refuses mail before STARTTLS and login without TLS: delivery proves both.
    box = Inbox()
    with serving(
        box, tls_context=server_tls, require_starttls=True, authenticator=authenticator, auth_required=True
    ) as port:
        settings = settings_for(port, security="starttls", user="desk")
        mail_brief([brief_files / "brief.pdf"], ["desk@example.org"], settings=settings, env={"BRIEFING_SMTP_PASSWORD": "s3cret"})
    [message] = box.messages
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == (brief_files / "brief.pdf").read_bytes()


def test_ssl_from_the_first_byte(trusted, server_tls, brief_files: Path):
    box = Inbox()
    with serving(box, ssl_context=server_tls) as port:
        mail_brief([brief_files / "brief.pdf"], ["desk@example.org"], settings=settings_for(port, security="ssl"), env={})
    assert len(box.messages) == 1


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_certificate_nobody_vouches_for_is_refused_before_anything_is_sent(
    untrusted, server_tls, brief_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, security: str
):
    box = Inbox()
    tls = {"tls_context": server_tls} if security == "starttls" else {"ssl_context": server_tls}
    with serving(box, **tls) as port:
        monkeypatch.chdir(tmp_path)
        (tmp_path / "briefing.toml").write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\nuser = "desk"\nfrom = "b@example.org"\n'
        )
        result = CliRunner().invoke(
            main, ["send", str(brief_files / "brief.pdf"), "--to", "d@example.org"], env={"BRIEFING_SMTP_PASSWORD": "s3cret"}
        )
    assert result.exit_code == 6
    assert f"127.0.0.1:{port}: TLS failed (CERTIFICATE_VERIFY_FAILED)" in result.output
    assert result.output.count("\n") == 1 and "s3cret" not in result.output
    assert box.messages == []


def test_a_certificate_for_another_host_is_refused(authority: trustme.CA, trusted, brief_files: Path):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("mail.example.org").configure_cert(context)
    box = Inbox()
    with serving(box, tls_context=context) as port:
        with pytest.raises(MailError, match="TLS failed"):
            mail_brief([brief_files / "brief.pdf"], ["d@example.org"], settings=settings_for(port, security="starttls"), env={})
    assert box.messages == []


def test_starttls_against_a_server_without_it_says_which_setting_to_check(inbox, brief_files: Path):
    box, port = inbox
    with pytest.raises(MailError, match=r"STARTTLS extension not supported by server \(check \[smtp\] security\)"):
        mail_brief([brief_files / "brief.pdf"], ["d@example.org"], settings=settings_for(port, security="starttls"), env={})
    assert box.messages == []


def test_an_address_outside_ascii_to_a_server_without_smtputf8_says_so(brief_files: Path):
    box = Inbox()
    with serving(box, enable_SMTPUTF8=False) as port:
        with pytest.raises(MailError, match=r"does not take addresses outside ASCII \(SMTPUTF8\): jörg@example.org$"):
            mail_brief([brief_files / "brief.pdf"], ["jörg@example.org"], settings=settings_for(port), env={})
    assert box.messages == []


def test_a_name_outside_ascii_on_an_ascii_address_needs_no_smtputf8(brief_files: Path):
    box = Inbox()
    with serving(box, enable_SMTPUTF8=False) as port:
        settings = settings_for(port, sender="Jörg Desk <desk@example.org>")
        mail_brief([brief_files / "brief.pdf"], ["Zoë Lane <zoe@example.org>"], settings=settings, env={})
    assert box.envelopes == [("desk@example.org", ["zoe@example.org"])]


def test_an_address_outside_ascii_reaches_a_server_with_smtputf8(inbox, brief_files: Path):
    box, port = inbox
    mail_brief([brief_files / "brief.pdf"], ["jörg@example.org"], settings=settings_for(port), env={})
    assert box.envelopes == [("brief@example.org", ["jörg@example.org"])]
