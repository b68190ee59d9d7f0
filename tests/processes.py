"""Real processes for the fault tests: gunicorn app servers, a TCP proxy to cut a server
off and bring it back, a private redis-server. Loopback only, every wait bounded."""

import asyncio
import email
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str, timeout: float = 10.0) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors are answers too, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_until(predicate, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout} s")


class TcpProxy:
    """Forward 127.0.0.1:port to a target; stop() drops the listener and every connection."""

    def __init__(self, target_port: int, port: int | None = None):
        self.target_port = target_port
        self.port = port or free_port()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def start(self) -> "TcpProxy":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        if self._listener:
            # shutdown() first: on Linux, close() alone does not wake a blocked accept().
            with suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for connection in self._sockets:
                with suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self._sockets.clear()


@contextmanager
def redis_server():
    """A private redis-server on a free port; yields (url, process)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server is not installed (scripts/services.sh redis)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _port_open(port), 10, what="redis-server listening")
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.kill()
        process.wait(timeout=10)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def run_python(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    """This project's Python in a fresh process, in the project folder, with exactly `env`
    (plus PATH); its output captured as text, its exit status left to the caller."""
    return subprocess.run(  # noqa: S603 - this interpreter, our own arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def production_env(static_root: Path, **overrides: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DEBUG": "False",
        "SECRET_KEY": "fault-test-key-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        "ACCESS_LOG": "-",
    }
    env.update(overrides)
    return env


def collectstatic(static_root: Path) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=production_env(static_root),
        check=True,
        timeout=120,
        capture_output=True,
    )


@contextmanager
def app_server(env: dict[str, str], log_path: Path):
    """gunicorn with gunicorn.conf.py on a free port; yields its base URL."""
    port = free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wavesite.wsgi"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: process.poll() is None and _port_open(port) and http_get(f"{base}/ping")[0],
            30,
            what="gunicorn answering /ping",
        )
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def sign_up(base: str, slug: str, email: str, address: str, tz: str = "Europe/Paris") -> int:
    """What a browser does: GET the event page (CSRF cookie and token), POST the form.

    `address` goes in X-Forwarded-For (the app servers run with TRUSTED_PROXY_COUNT=1), so
    each simulated person comes from their own address. Returns the POST's status.
    """
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", f"/events/{slug}/", headers={"X-Forwarded-For": address})
        page = connection.getresponse()
        page.read()
        if page.status != 200:
            return page.status
        # The cached page carries no token: the form asks for one, as static/js/signup.js does.
        connection.request("GET", "/form-token/", headers={"X-Forwarded-For": address})
        answer = connection.getresponse()
        body = answer.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", answer.getheader("Set-Cookie", "") or "")
        token = re.search(r'"token": "([^"]+)"', body)
        if not (cookie and token):
            return answer.status
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "name": "Wave Tester",
                "email": email,
                "city_query": "",
                "tz": tz,
            }
        )
        connection.close()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request(
            "POST",
            f"/events/{slug}/signup/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie.group(1)}",
                "X-Forwarded-For": address,
                "Referer": f"{base}/events/{slug}/",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""

    def __init__(self, delay: float = 0.0):
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self._lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if delay:
                    await asyncio.sleep(delay)  # a slower server: a batch takes a while
                message = email.message_from_bytes(envelope.content)
                with sink._lock:
                    for recipient in envelope.rcpt_tos:
                        sink.messages.append((recipient, message["Message-ID"]))
                return "250 OK"

        self.port = free_port()
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    def received(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self.messages)


@contextmanager
def task_worker(env: dict[str, str], log_path: Path):
    """What `make run` and scripts/serve.sh do: `manage.py recover_emails`, then
    django-tasks-db's `manage.py db_worker` on the email queue; yields the worker process
    (kill it to test crashes)."""
    with open(log_path, "a") as log:
        subprocess.run(
            [sys.executable, "manage.py", "recover_emails"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=60,
        )
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "email",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
