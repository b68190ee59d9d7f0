"""Sending a participant's email in the background: once however often its task runs,
retried with a back-off and logged when the server fails, and delivered to a real SMTP
server with its headers intact."""

import email.policy
import logging
import mailbox
import smtplib
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings

from events.models import EmailDelivery
from events.signups.rules import place_for_zone
from events.signups.tasks import RETRY_DELAYS, send_participant_email
from tests.emails import queued_email_tasks, run_queued_emails
from tests.factories import NOW, SITE, signed_up
from tests.processes import free_port

pytestmark = pytest.mark.django_db


# --- sending once, retrying, giving up --------------------------------------------------


def test_a_delivery_is_sent_once_however_often_its_task_runs():
    participant = signed_up(place_for_zone("UTC"))
    delivery = participant.deliveries.get()
    assert send_participant_email.call(delivery.pk) == "sent"
    assert send_participant_email.call(delivery.pk) == "skipped"
    assert run_queued_emails() == ["skipped"]  # the queued task finds it done
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.sent_at) == ("sent", 1, NOW)


class FlakyMailer:
    """A mail backend that fails the first `failures` sends, then delivers to the outbox."""

    failures = 0
    error: Exception = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def __init__(self, *args, alias=None, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyMailer.failures > 0:
            FlakyMailer.failures -= 1
            raise FlakyMailer.error
        mail.outbox.extend(messages)
        return len(messages)


FLAKY = {"default": {"BACKEND": f"{__name__}.FlakyMailer"}}


@override_settings(MAILERS=FLAKY)
def test_a_failed_send_is_retried_later_and_logged(clock, caplog):
    FlakyMailer.failures = 2
    FlakyMailer.error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    participant = signed_up(place_for_zone("UTC"))
    with caplog.at_level(logging.WARNING, logger="events.signups.tasks"):
        assert run_queued_emails() == ["retrying"]
    delivery = participant.deliveries.get()
    assert (delivery.status, delivery.attempts) == ("queued", 1)
    assert "SMTPServerDisconnected" in delivery.last_error
    assert "failed (attempt 1), retrying in 0:01:00" in caplog.text
    # Not due yet: nothing runs before the back-off has passed.
    assert run_queued_emails() == []
    clock.move_to(NOW + RETRY_DELAYS[0])
    assert run_queued_emails() == ["retrying"]
    clock.move_to(NOW + RETRY_DELAYS[0] + RETRY_DELAYS[1])
    assert run_queued_emails() == ["sent"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    assert len(mail.outbox) == 1


@override_settings(MAILERS=FLAKY)
def test_after_the_last_retry_a_delivery_stays_failed_and_is_logged_as_an_error(clock, caplog):
    FlakyMailer.failures = 100
    FlakyMailer.error = ConnectionRefusedError(111, "Connection refused")
    participant = signed_up(place_for_zone("UTC"))
    outcomes = []
    with caplog.at_level(logging.WARNING, logger="events.signups.tasks"):
        for delay in (timedelta(0), *RETRY_DELAYS):
            clock.shift(delay)
            outcomes += run_queued_emails()
    assert outcomes == ["retrying"] * len(RETRY_DELAYS) + ["failed"]
    delivery = participant.deliveries.get()
    assert (delivery.status, delivery.attempts) == ("failed", len(RETRY_DELAYS) + 1)
    assert "failed for good after 6 attempt(s)" in caplog.text
    assert caplog.records[-1].levelname == "ERROR"
    assert queued_email_tasks() == len(RETRY_DELAYS) + 1  # every attempt left its record
    assert mail.outbox == []


@override_settings(MAILERS=FLAKY)
def test_a_refused_recipient_is_not_retried():
    FlakyMailer.failures = 1
    FlakyMailer.error = smtplib.SMTPRecipientsRefused(
        {"ana@example.com": (550, b"5.1.1 No such user")}
    )
    participant = signed_up(place_for_zone("UTC"))
    assert run_queued_emails() == ["failed"]
    assert participant.deliveries.get().status == EmailDelivery.Status.FAILED


# --- a real SMTP server -----------------------------------------------------------------


@pytest.fixture
def smtp_server(tmp_path):
    """aiosmtpd in its own process on 127.0.0.1, keeping what it receives in a Maildir."""
    port = free_port()
    maildir = tmp_path / "maildir"
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"aiosmtpd did not start: {server.stderr.read().decode()}"
                    ) from None
                time.sleep(0.05)
        yield port, maildir
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_confirmation_arrives_at_a_real_smtp_server(smtp_server):
    port, maildir = smtp_server
    smtp = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    participant = signed_up(place_for_zone("Asia/Tokyo"), name="Åsa <b>")
    with override_settings(MAILERS=smtp):
        assert run_queued_emails() == ["sent"]
    [received] = list(mailbox.Maildir(maildir, create=False))
    assert received["To"] == "ana@example.com"
    assert received["From"] == "wavesite <noreply@localhost>"
    assert received["Subject"] == "Please confirm: you will wave for Wave at Saturn"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["List-Unsubscribe"] == (
        f"<{SITE}/signup/{participant.manage_key}/unsubscribe/>"
    )
    assert received["Message-ID"].startswith("<delivery-")
    parts = {part.get_content_type(): part for part in received.walk()}
    text = (
        parts["text/plain"]
        .get_payload(decode=True)
        .decode(parts["text/plain"].get_content_charset())
    )
    html = (
        parts["text/html"].get_payload(decode=True).decode(parts["text/html"].get_content_charset())
    )
    assert "Hello Åsa <b>," in text
    assert "Monday 20 July 2026, 06:27–06:42 JST, UTC+09:00" in text
    assert "Hello Åsa &lt;b&gt;," in html
    assert participant.deliveries.get().status == EmailDelivery.Status.SENT


@override_settings(SITE_URL="https://photo-sessions.wave-at-the-spacecraft.example.org")
def test_a_long_unsubscribe_address_is_written_as_it_is():
    participant = signed_up(place_for_zone("UTC"))
    run_queued_emails()
    raw = mail.outbox[0].message(policy=email.policy.SMTP).as_bytes()
    url = (
        "https://photo-sessions.wave-at-the-spacecraft.example.org"
        f"/signup/{participant.manage_key}/unsubscribe/"
    )
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in raw
