"""The share image speaks the page's language where its font can draw it, and is the
English card (with the organiser's original title) where it cannot."""

import pytest
from django.core.cache import cache

from tests.factories import NOW, upcoming_event

pytestmark = pytest.mark.django_db


def test_scripts_the_font_cannot_draw_get_the_original_card(client, clock):
    clock.move_to(NOW)
    cache.clear()
    event = upcoming_event(
        translations={"ja": {"title": "土星に手を振ろう"}, "es": {"title": "Saluda a Saturno"}}
    )
    english = client.get(f"/events/{event.slug}/share.png").content
    japanese = client.get(f"/ja/events/{event.slug}/share.png").content
    spanish = client.get(f"/es/events/{event.slug}/share.png").content
    assert japanese == english
    assert spanish != english
