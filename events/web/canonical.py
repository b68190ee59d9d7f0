"""A page's canonical address: its path and only the query parameters it uses, in a fixed
order.

A cached page is served to everyone who asks for the same thing, so nothing else of one
visitor's address (`utm_source=`, `fbclid=`, a typo) may reach its HTML. The links a page
carries back to itself (the pickers' `next`) are built from this address, from the values
the view decided on rather than from the raw query, and the page's cache key includes it.
Unused parameters are dropped, not redirected away: a shared link then costs no extra round
trip on a phone.
"""

from collections.abc import Iterable
from urllib.parse import urlencode


def canonical_path(path: str, params: Iterable[tuple[str, str | None]]) -> str:
    """`path` with the given (name, value) query parameters in the given order; a None or
    empty value is left out. A "/" stays as it is (`tz=Europe/Paris`): same meaning, and the
    address reads well."""
    query = urlencode([(name, value) for name, value in params if value], safe="/")
    return f"{path}?{query}" if query else path
