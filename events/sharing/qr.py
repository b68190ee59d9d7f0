"""The QR code for posters."""

import io

import segno
from django.utils.translation import gettext as _


def qr_svg(url: str) -> bytes:
    """A QR code of `url` as SVG, dark on light with its quiet zone, to print at any size."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=8,
        border=4,
        dark="#000000",
        light="#ffffff",
        xmldecl=False,
        title=_("QR code: %(url)s") % {"url": url},
    )
    return out.getvalue()
