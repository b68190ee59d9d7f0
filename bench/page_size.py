#!/usr/bin/env python
"""How big the public pages are: HTML bytes, elements, DOM nodes and <option>s.

    export DATABASE_URL=sqlite:////tmp/pagesize.sqlite3 DEBUG=True
    .venv/bin/python manage.py migrate -v0 && .venv/bin/python manage.py load_cities
    .venv/bin/python manage.py seed_events
    .venv/bin/python bench/page_size.py sample-wave

The event page (open for sign-up, so with its form), the home page, the event's world page
and the full zone list, through Django's test client (no server, page cache bypassed).
"DOM nodes" are elements plus non-blank text nodes, as a browser would build them.
Issue 13's targets: the event page at most 60 KB and 1,500 DOM nodes, the world page 120 KB.
"""

import argparse
import os
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class NodeCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.texts = 0
        self.options = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1
        self.options += tag == "option"

    def handle_startendtag(self, tag, attrs) -> None:
        self.elements += 1

    def handle_data(self, data) -> None:
        self.texts += bool(data.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("slug")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
    os.environ["PAGE_CACHE"] = "False"
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    pages = {
        "event page": f"/events/{args.slug}/",
        "event page, ?tz=Europe/Paris": f"/events/{args.slug}/?tz=Europe/Paris",
        "home page": "/",
        "world page": f"/events/{args.slug}/times/",
        "every zone (/zones/)": "/zones/",
    }
    print("| page | HTML | elements | DOM nodes | `<option>`s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, address in pages.items():
        response = client.get(address)
        if response.status_code != 200:
            print(f"| {name} | {response.status_code} | | | |")
            continue
        counter = NodeCounter()
        counter.feed(response.content.decode())
        print(
            f"| {name} | {len(response.content):,} B | {counter.elements:,} "
            f"| {counter.elements + counter.texts:,} | {counter.options} |"
        )


if __name__ == "__main__":
    main()
