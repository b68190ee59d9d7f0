#!/usr/bin/env python
"""How big the event page and its participant map are for the crowd already in a database.

    export DATABASE_URL=sqlite:////tmp/mapbench.sqlite3 DEBUG=True
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py load_cities
    .venv/bin/python manage.py seed_events
    .venv/bin/python manage.py fake_participants sample-wave 20000 --seed 1
    .venv/bin/python bench/map_size.py sample-wave

Prints the confirmed participants, the distinct cities they come from, the event page's
HTML bytes and element count, and the map SVG's bytes and participant circles (through
Django's test client: no server needed, the page cache is bypassed).
"""

import argparse
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class ElementCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1

    def handle_startendtag(self, tag, attrs) -> None:
        self.elements += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("slug")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
    os.environ["PAGE_CACHE"] = "False"
    import django

    django.setup()
    from django.test import Client

    from events.models import Participant

    confirmed = Participant.objects.filter(
        event__slug=args.slug, confirmed_at__isnull=False, city__isnull=False
    )
    cities = confirmed.values("city_id").distinct().count()
    client = Client(HTTP_HOST="localhost")
    page = client.get(f"/events/{args.slug}/")
    svg = client.get(f"/events/{args.slug}/map.svg")
    if page.status_code != 200 or svg.status_code != 200:
        raise SystemExit(f"page {page.status_code}, map {svg.status_code}")
    counter = ElementCounter()
    counter.feed(page.content.decode())
    crowd = re.search(r'<g class="map-participants".*?\n    </g>', svg.content.decode(), re.S)
    circles = crowd.group(0).count("<circle") if crowd else 0
    print(
        f"| {confirmed.count():,} with a city | {cities:,} | {len(page.content):,} B "
        f"| {counter.elements:,} | {len(svg.content):,} B | {circles} |"
    )


if __name__ == "__main__":
    main()
