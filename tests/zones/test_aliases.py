"""The browser's script (static/js/zonealiases.js) names zones as the server does."""

import json
import re
from pathlib import Path

from events.zones.catalogue import canonical_zone_name

ALIASES = Path(__file__).resolve().parents[2] / "static" / "js" / "zonealiases.js"


def table() -> dict[str, str]:
    body = re.search(r"ALIASES = (\{.*?\});", ALIASES.read_text(), re.S).group(1)
    return json.loads(re.sub(r",\s*}", "}", body))


def test_every_alias_the_script_knows_maps_to_the_servers_name():
    aliases = table()
    assert "Asia/Calcutta" in aliases  # what Chromium reports in India
    for alias, name in aliases.items():
        assert canonical_zone_name(alias) == name, alias
        assert canonical_zone_name(name) == name
