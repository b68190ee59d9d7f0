"""The organisers' screens in Django's admin: events and announcements (sessions), sending
and the dashboard (organiser), result pictures and photo moderation (photos), and
django-axes' sign-in records (lockouts).

Django imports `events.admin` to find the registrations; importing `sessions` registers
its own and, since it pulls them in, organiser's and photos'; `lockouts` registers axes'.
"""

from events.admin import lockouts, sessions  # noqa: F401 - registers the model admins
