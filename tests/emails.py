"""The email queue run as a worker runs it, and the links and parts of the emails sent."""

import re
from urllib.parse import urlsplit

from django_tasks_db.models import DBTaskResult


def run_task(result: DBTaskResult):
    """Run one task row as a worker does; its outcome."""
    result.claim("test-worker")
    arguments = result.args_kwargs
    outcome = result.task.call(*arguments["args"], **arguments["kwargs"])
    result.set_successful(outcome)
    return outcome


def run_queued_emails() -> list:
    """Run every email task that is due, as a worker would; the tasks' outcomes, in order.

    (The real worker is not called: it closes "old" database connections, which would end
    the test's transaction.)
    """
    outcomes = []
    while batch := list(DBTaskResult.objects.ready().filter(queue_name="email")):
        outcomes += [run_task(result) for result in batch]
    return outcomes


def queued_email_tasks() -> int:
    """How many email tasks were ever queued (run or not)."""
    return DBTaskResult.objects.filter(queue_name="email").count()


def html_part(message) -> str:
    """The one HTML alternative of a message."""
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def confirm_url_from(message) -> str:
    """The path of the confirmation link in a message's text."""
    return urlsplit(re.search(r"https?://\S+/signup/confirm/\S+/", message.body).group(0)).path


def manage_url_from(message) -> str:
    """The path of the participant's private page in a message's text."""
    path = re.search(r"https?://\S+(/signup/[\w-]+/)\s", message.body).group(1)
    assert "/confirm/" not in path
    return path
