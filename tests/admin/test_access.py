"""Signing in to the admin: staff only, failed logins locked out, a development account."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_admin_needs_a_staff_login(client):
    response = client.get("/admin/events/event/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    User.objects.create_user("visitor", password="pw")
    client.force_login(User.objects.get(username="visitor"))
    assert client.get("/admin/events/event/").status_code == 302


def test_repeated_failed_logins_are_locked_out(client):
    User.objects.create_superuser("organiser", "o@example.org", "right-password-123")
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "organiser", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    # even the right password is refused while locked out
    response = client.post(
        "/admin/login/",
        {"username": "organiser", "password": "right-password-123"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    # another person at another address is not blocked
    response = client.post(
        "/admin/login/",
        {"username": "organiser", "password": "right-password-123", "next": "/admin/"},
        REMOTE_ADDR="10.0.0.10",
    )
    assert response.status_code == 302


def test_dev_superuser_is_made_once_and_printed(tmp_path: Path, settings):
    settings.DEBUG = True
    # `make run PORT=8031` sets SITE_URL=http://127.0.0.1:8031: the address printed is that.
    settings.SITE_URL = "http://127.0.0.1:8031"
    secret = tmp_path / "secret"
    out = StringIO()
    call_command("dev_superuser", file=str(secret), stdout=out)
    password = secret.read_text().strip()
    assert f"Organisers: http://127.0.0.1:8031/admin/  user admin  password {password}" in (
        out.getvalue()
    )
    assert User.objects.get(username="admin").check_password(password)
    call_command("dev_superuser", file=str(secret), stdout=StringIO())
    assert User.objects.filter(is_superuser=True).count() == 1
    assert oct(secret.stat().st_mode)[-3:] == "600"


@override_settings(DEBUG=False)
def test_dev_superuser_refuses_without_debug(tmp_path):
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("dev_superuser", file=str(tmp_path / "s"), stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def sign_in_behind_proxy(client, password: str, forwarded: str):
    """A sign-in through one proxy: every request arrives from the proxy's address, and the
    client's is in X-Forwarded-For."""
    return client.post(
        "/admin/login/",
        {"username": "organiser", "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_a_lockout_holds_one_client_not_everyone(client):
    User.objects.create_superuser("organiser", "o@example.org", "right-password-123")
    for _ in range(5):
        response = sign_in_behind_proxy(client, "wrong", "198.51.100.7")
    assert response.status_code == 429
    # forging a left-hand entry does not get the guesser out of the lockout
    forged = sign_in_behind_proxy(client, "right-password-123", "203.0.113.1, 198.51.100.7")
    assert forged.status_code == 429
    # the organiser at another address behind the same proxy signs in
    assert sign_in_behind_proxy(client, "right-password-123", "198.51.100.8").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_an_ipv6_client_is_locked_out_by_its_network(client):
    User.objects.create_superuser("organiser", "o@example.org", "right-password-123")
    for number in range(5):
        response = sign_in_behind_proxy(client, "wrong", f"2001:db8:1:2::{number + 1}")
    assert response.status_code == 429  # five addresses of one /64 are one client
    assert sign_in_behind_proxy(client, "right-password-123", "2001:db8:1:3::1").status_code == 302


def test_a_username_longer_than_any_account_is_a_message_not_an_error(client):
    response = client.post(
        "/admin/login/", {"username": "\u202e" * 256, "password": "x"}, REMOTE_ADDR="10.0.0.11"
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
