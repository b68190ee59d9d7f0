"""The organisers' screens in Django's admin: events and announcements (sessions), sending
and the dashboard (organiser), result pictures and photo moderation (photos).

Django imports `events.admin` to find the registrations; importing `sessions` registers
everything, since it pulls in the other two.
"""

from events.admin import sessions  # noqa: F401 - registers the model admins
