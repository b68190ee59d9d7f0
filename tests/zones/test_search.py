"""search_zones: the zone picker's search, ranked (whole name, then a word's beginning, then
inside a word; the zone's own name, then its country, then its cities; then size)."""

import pytest

from events.zones.catalogue import place_zone_names, search_zones


def found(query: str, limit: int = 50) -> list[str]:
    return [option.name for _, option in search_zones(query, limit)]


def test_a_zone_named_by_its_city_beats_a_zone_holding_a_city_of_that_name():
    assert found("london") == ["Europe/London", "America/Toronto"]


def test_a_country_named_whole_beats_zones_whose_names_begin_with_it():
    results = found("india")
    assert results[0] == "Asia/Kolkata"
    assert {"Indian/Chagos", "America/Indiana/Indianapolis"} <= set(results)


def test_a_beginning_beats_a_middle_and_bigger_zones_come_first():
    results = found("par")
    assert results[:2] == ["Europe/Paris", "America/Paramaribo"]
    assert found("europe/p") == ["Europe/Paris", "Europe/Prague", "Europe/Podgorica"]


@pytest.mark.parametrize(
    ("query", "zone"),
    [
        ("zürich", "Europe/Zurich"),
        ("ZURICH", "Europe/Zurich"),
        ("sao paulo", "America/Sao_Paulo"),
        ("são paulo", "America/Sao_Paulo"),
        ("ho chi minh", "Asia/Ho_Chi_Minh"),
        ("Ho_Chi_Minh", "Asia/Ho_Chi_Minh"),
        ("asia/calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
    ],
)
def test_case_accents_underscores_and_old_names_do_not_matter(query, zone):
    assert found(query)[0] == zone


def test_every_result_is_a_zone_of_the_catalogue_and_the_limit_holds():
    catalogue = {*place_zone_names(), "UTC"}
    results = found("a", 20)
    assert len(results) == 20 and set(results) <= catalogue


@pytest.mark.parametrize("query", ["", "  ", "_", "١٢٣", "\x00", "x" * 10_000, "qqqqqq"])
def test_nothing_to_search_or_no_match_finds_nothing(query):
    assert found(query) == []
