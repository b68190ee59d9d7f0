"""Faults survived with real processes: the database or Redis goes away mid-run.

These run against PostgreSQL (the CI run with DATABASE_URL): an app server in another
process needs a database it can share with the test, which SQLite's in-memory test
database is not.
"""

import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_event
from tests.processes import (
    SmtpSink,
    TcpProxy,
    app_server,
    http_get,
    production_env,
    sign_up,
    task_worker,
    wait_until,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url(port: int) -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@127.0.0.1:{port}/{settings['NAME']}"
    )


def test_database_outage_gives_503_then_recovers_by_itself(static_root, tmp_path):
    event = make_event()
    proxy = TcpProxy(int(connection.settings_dict["PORT"] or 5432)).start()
    env = production_env(static_root, DATABASE_URL=database_url(proxy.port))
    try:
        with app_server(env, tmp_path / "gunicorn.log") as base:
            page = f"{base}{event.get_absolute_url()}"
            assert http_get(page)[0] == 200

            proxy.stop()  # the database goes away mid-run
            # a page already rendered is still served from the page cache (the event's
            # version is trusted from the cache for a few seconds)
            assert http_get(page)[0] == 200
            # one that needs the database gets the friendly 503
            status, body = http_get(f"{page}?tz=Asia/Tokyo")
            assert status == 503
            assert "Back in a moment" in body
            assert "Traceback" not in body
            assert http_get(f"{base}/healthz")[0] == 503

            proxy.start()  # and comes back: no restart of the app server
            wait_until(lambda: http_get(f"{page}?tz=Asia/Tokyo")[0] == 200, 15, what="served again")
            assert http_get(f"{base}/healthz")[0] == 200
        assert "database unavailable" in (tmp_path / "gunicorn.log").read_text()
    finally:
        proxy.stop()


def test_redis_outage_pages_and_signups_go_on_and_it_is_logged(
    static_root, tmp_path, private_redis
):
    event = make_event()
    upcoming = _upcoming()
    url, process = private_redis
    env = production_env(
        static_root,
        DATABASE_URL=database_url(int(connection.settings_dict["PORT"] or 5432)),
        REDIS_URL=url,
        TRUSTED_PROXY_COUNT="1",
        SIGNUP_RATE_LIMIT="2",
    )
    with app_server(env, tmp_path / "gunicorn.log") as base:
        page = f"{base}{event.get_absolute_url()}"
        assert http_get(page)[0] == 200
        assert http_get(f"{base}/healthz")[0] == 200

        process.kill()  # Redis goes away
        process.wait(timeout=10)
        status, body = http_get(page)
        assert status == 200
        assert event.title in body
        assert http_get(f"{base}/events/{event.slug}/times/")[0] == 200
        # sign-ups go on; with nothing to count in, the limit (2 a window) is not enforced
        assert [
            sign_up(base, upcoming.slug, f"outage{n}@example.com", "10.5.0.1") for n in range(3)
        ] == [303] * 3
        # healthz tells the operator, with the reason
        status, body = http_get(f"{base}/healthz")
        assert status == 503
        assert '"cache": "error' in body
    assert "django_redis.cache: Exception ignored" in (tmp_path / "gunicorn.log").read_text()


# --- the task worker dies; two workers; two app servers ---------------------------------


def _mail_env(static_root, sink, **extra):
    return production_env(
        static_root,
        DATABASE_URL=database_url(int(connection.settings_dict["PORT"] or 5432)),
        MAIL_CONSOLE="False",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(sink.port),
        SITE_URL="http://127.0.0.1",
        TRUSTED_PROXY_COUNT="1",
        EMAIL_SEND_TIMEOUT="2",
        **extra,
    )


def _upcoming():
    now = timezone.now()
    return make_event(window_start=now + timedelta(days=7))


def _all_sent(expected: int) -> bool:
    from events.models import EmailDelivery

    return (
        EmailDelivery.objects.filter(status=EmailDelivery.Status.SENT).count() == expected
        and not EmailDelivery.objects.exclude(status=EmailDelivery.Status.SENT).exists()
    )


def test_worker_killed_mid_batch_every_email_still_sent_once(static_root, tmp_path):
    event = _upcoming()
    people = [f"person{number}@example.com" for number in range(40)]
    with SmtpSink(delay=0.05) as sink:
        env = _mail_env(static_root, sink)
        with app_server(env, tmp_path / "gunicorn.log") as base:
            answers = [
                sign_up(base, event.slug, email, f"10.1.0.{number + 1}")
                for number, email in enumerate(people[:30])
            ]
            with task_worker(env, tmp_path / "worker.log") as worker:
                wait_until(lambda: len(sink.received()) >= 5, 30, what="some emails sent")
                worker.send_signal(signal.SIGKILL)  # in the middle of the batch
                worker.wait(timeout=10)
            sent_before_the_kill = len(sink.received())
            # sign-ups go on while no worker runs
            answers += [
                sign_up(base, event.slug, email, f"10.2.0.{number + 1}")
                for number, email in enumerate(people[30:])
            ]
            time.sleep(2.5)  # past EMAIL_SEND_TIMEOUT: what the dead worker held is stale
            with task_worker(env, tmp_path / "worker.log"):
                wait_until(lambda: _all_sent(len(people)), 60, what="every email sent")
    assert answers == [303] * len(people)
    assert 5 <= sent_before_the_kill < 30  # the kill did land mid-batch
    received = sink.received()
    by_person = {person: {mid for to, mid in received if to == person} for person in people}
    # every participant has exactly one message (one Message-ID); a copy sent again after
    # a crash inside a send carries the same Message-ID, so it is still one message
    assert all(len(ids) == 1 for ids in by_person.values()), by_person
    assert len(received) - len(people) <= 1


def test_two_workers_on_one_queue_never_send_the_same_email(static_root, tmp_path):
    event = _upcoming()
    people = [f"twin{number}@example.com" for number in range(30)]
    with SmtpSink() as sink:
        env = _mail_env(static_root, sink)
        with app_server(env, tmp_path / "gunicorn.log") as base:
            for number, email in enumerate(people):
                assert sign_up(base, event.slug, email, f"10.3.0.{number + 1}") == 303
            with (
                task_worker(env, tmp_path / "worker1.log"),
                task_worker(env, tmp_path / "worker2.log"),
            ):
                wait_until(lambda: _all_sent(len(people)), 60, what="every email sent")
                time.sleep(1)  # a duplicate would arrive now
    assert sorted(to for to, _ in sink.received()) == sorted(people)


def test_two_app_servers_share_the_database_and_the_limits(static_root, tmp_path, private_redis):
    from events.models import Participant

    event = _upcoming()
    url, _ = private_redis
    with SmtpSink() as sink:
        env = _mail_env(static_root, sink, REDIS_URL=url, SIGNUP_RATE_LIMIT="6")
        with (
            app_server(env, tmp_path / "a.log") as first,
            app_server(env, tmp_path / "b.log") as second,
        ):
            # the same people through both servers at once: each lands exactly once
            people = [f"both{number}@example.com" for number in range(20)]
            with ThreadPoolExecutor(max_workers=8) as pool:
                answers = list(
                    pool.map(
                        lambda job: sign_up(job[0], event.slug, job[1], job[2]),
                        [
                            (base, person, f"10.4.{index}.{number + 1}")
                            for number, person in enumerate(people)
                            for index, base in enumerate((first, second))
                        ],
                    )
                )
            assert set(answers) == {303}
            assert Participant.objects.filter(event=event).count() == len(people)
            assert sorted(Participant.objects.values_list("email", flat=True)) == sorted(people)

            # one address, alternating servers: the limit (6) holds across both
            statuses = [
                sign_up((first, second)[n % 2], event.slug, f"x{n}@example.com", "10.9.9.9")
                for n in range(8)
            ]
            assert statuses[:6] == [303] * 6
            assert statuses[6:] == [429, 429]

            # both show the same count (once confirmed, from the next time slot on)
            Participant.objects.update(confirmed_at=timezone.now() - timedelta(minutes=1))
            time.sleep(10.5)
            counts = {
                re.search(
                    r"(\d+) people have said", http_get(base + event.get_absolute_url())[1]
                ).group(1)
                for base in (first, second)
            }
            assert counts == {str(len(people) + 6)}
