"""The client’s address as limits and logs see it, behind any number of trusted proxies."""

import ipaddress
from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest


def client_address(meta: Mapping[str, str], trusted_proxy_count: int) -> str:
    """The client's IP address as the rate limits see it.

    With no trusted proxy, REMOTE_ADDR. Behind `trusted_proxy_count` proxies, each of which
    appends the address it received from to X-Forwarded-For, the client is that many
    entries from the right; entries further left were written by the client and are
    ignored. A header shorter than that (a request that bypassed a proxy) falls back to
    REMOTE_ADDR. IPv6 addresses are cut to their /64: one household or one server gets a
    whole /64 and could otherwise step through it.
    """
    remote = meta.get("REMOTE_ADDR", "")
    candidate = remote
    if trusted_proxy_count > 0:
        forwarded = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= trusted_proxy_count:
            candidate = forwarded[-trusted_proxy_count]
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return remote or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def request_client_address(request: HttpRequest) -> str | None:
    """The client's address for django-axes (AXES_CLIENT_IP_CALLABLE): the address the rate
    limits count, behind settings.TRUSTED_PROXY_COUNT proxies. An IPv6 client's /64 is
    given as its first address, so that axes, which stores an IP address, can keep it;
    None when there is no valid address (a request made in code, not over the network)."""
    address = client_address(request.META, settings.TRUSTED_PROXY_COUNT).removesuffix("/64")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address
