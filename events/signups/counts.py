"""How many have signed up and confirmed, in all and by country."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from events.models import Event, Participant

# --- counting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCount:
    country: str  # '' when not known
    people: int


@dataclass(frozen=True)
class ParticipantCounts:
    confirmed: int
    reported: int
    by_country: tuple[CountryCount, ...]

    @property
    def total(self) -> int:
        """Confirmed sign-ups plus the figure reported for a session run elsewhere."""
        return self.confirmed + self.reported


def participant_counts(event: Event, as_of: datetime | None = None) -> ParticipantCounts:
    """Confirmed participants in all and per country (most first, unknown last): one query.

    `as_of`: count only those confirmed before it, so pages rendered at different moments
    of one time slot agree (events/views/pages.py).
    """
    confirmed = Participant.objects.filter(event=event, confirmed_at__isnull=False)
    if as_of is not None:
        confirmed = confirmed.filter(confirmed_at__lt=as_of)
    rows = confirmed.values("country").annotate(people=Count("pk")).order_by("-people", "country")
    counts = [CountryCount(row["country"], row["people"]) for row in rows]
    counts.sort(key=lambda count: count.country == "")
    return ParticipantCounts(
        confirmed=sum(count.people for count in counts),
        reported=event.reported_participants or 0,
        by_country=tuple(counts),
    )
