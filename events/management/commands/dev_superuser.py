import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Development only: create the superuser 'admin' once, with a random password kept in "
        ".dev-superuser (not in git), and print how to sign in."
    )

    def add_arguments(self, parser) -> None:
        default = os.environ.get("DEV_SUPERUSER_FILE", Path(settings.BASE_DIR) / ".dev-superuser")
        parser.add_argument("--file", default=str(default))

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "dev_superuser runs only with DEBUG on: create real accounts "
                "with `manage.py createsuperuser`."
            )
        secret_file = Path(options["file"])
        users = get_user_model().objects
        if not users.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser(USERNAME, "admin@localhost", password)
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
        # The address `make run` serves (it sets SITE_URL from HOST and PORT).
        admin = f"{settings.SITE_URL}{reverse('admin:index')}"
        if secret_file.exists():
            password = secret_file.read_text().strip()
            self.stdout.write(f"Organisers: {admin}  user {USERNAME}  password {password}")
        else:
            self.stdout.write(
                f"Organisers: {admin}  user {USERNAME} "
                "(password set earlier; `manage.py changepassword admin` to reset)"
            )
