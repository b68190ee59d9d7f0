"""How many have signed up and confirmed, in all and by country."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
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


# How long an as-of count is kept: longer than any page's time slot, so every page rendered
# within a slot (each zone, place and language is a page of its own) shares one count.
AS_OF_MEMO_SECONDS = 120


def as_of_memo(name: str, event: Event, as_of: datetime | None, compute):
    """compute() once per event, version and `as_of` instant, in the cache: the crowd
    aggregates read 200,000 rows (~0.2 s on SQLite), and a time slot's pages all ask the
    same question. Without `as_of` (live counts), compute() every time."""
    if as_of is None:
        return compute()
    key = f"as-of:{name}:{event.pk}:{event.updated_at.timestamp()}:{as_of.timestamp()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, AS_OF_MEMO_SECONDS)
    return found


def participant_counts(event: Event, as_of: datetime | None = None) -> ParticipantCounts:
    """Confirmed participants in all and per country (most first, unknown last): one query,
    kept for the other pages of the slot when `as_of` is given (as_of_memo).

    `as_of`: count only those confirmed before it, so pages rendered at different moments
    of one time slot agree (events/views/pages.py).
    """
    return as_of_memo("counts", event, as_of, lambda: _count(event, as_of))


def _count(event: Event, as_of: datetime | None) -> ParticipantCounts:
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
