import unicodedata
from dataclasses import replace

from babel.lists import format_list
from django import forms
from django.conf import settings
from django.core import validators
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy
from django.utils.translation import gettext as _

from events.inputs import whole_number
from events.models import City
from events.places.cities import MAX_CITY_QUERY_LENGTH, city_place, fold, search_cities
from events.places.place import Place
from events.refusal import Refused
from events.signups.rules import normalize_email, place_for_city, place_for_zone
from events.zones.catalogue import canonical_zone_name, search_zones
from events.zones.localformat import cldr_locale


class ZoneForm(forms.Form):
    """The zone picker: remembers a zone in the `tz` cookie."""

    tz = forms.CharField(label=gettext_lazy("Time zone"), max_length=64)
    next = forms.CharField(required=False, max_length=2000)

    def clean_tz(self) -> str:
        name = canonical_zone_name(self.cleaned_data["tz"])
        if name is None:
            raise forms.ValidationError(
                _("That is not a time zone we know. Pick one from the list, e.g. Europe/Paris.")
            )
        return name


# --- sign-up -----------------------------------------------------------------------------

# Bidirectional embeddings, overrides and isolates: invisible, and they can make a name
# display backwards. Joiners (emoji, Persian) stay allowed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (Hangul fillers, the braille blank): a name made of them looks
# empty wherever it is shown, as does one of format characters (zero-width space, word
# joiner, soft hyphen: category Cf), spaces or combining marks alone.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
CITY_MATCHES = 10
# Zones the zone field's message suggests for a name that is not one.
ZONE_SUGGESTIONS = 3


# The message for a control character in each kind of text, whole sentences for translators.
CONTROL_CHARACTER_MESSAGES = {
    "name": gettext_lazy(
        "Use letters, digits and punctuation: the name holds an invisible control "
        "character (such as a line break or a tab)."
    ),
    "caption": gettext_lazy(
        "Use letters, digits and punctuation: the caption holds an invisible control "
        "character (such as a line break or a tab)."
    ),
    "text": gettext_lazy(
        "Use letters, digits and punctuation: the text holds an invisible control "
        "character (such as a line break or a tab)."
    ),
}


def validate_plain_text(value: str, what: str = "text") -> None:
    """Refuse control characters (line breaks, tabs, NUL, bidi overrides) in a one-line
    text people write for others to read (`what`: a name, a photo caption, or text).
    Markup such as <b> is allowed: it is text, escaped wherever it is shown."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS:
            raise forms.ValidationError(
                CONTROL_CHARACTER_MESSAGES.get(what, CONTROL_CHARACTER_MESSAGES["text"]),
                code="control_character",
            )


def validate_visible(value: str) -> None:
    """Refuse text made only of characters that show nothing (zero-width space, Hangul
    filler, soft hyphen…): it would read as empty."""
    if value and all(
        char in BLANK_LETTERS or unicodedata.category(char) in INVISIBLE_CATEGORIES
        for char in value
    ):
        raise forms.ValidationError(
            _(
                "Use at least one visible letter or digit: this is made only of invisible "
                "characters."
            ),
            code="invisible",
        )


def validate_name(value: str) -> None:
    """A name: plain text with something visible in it."""
    validate_plain_text(value, "name")
    validate_visible(value)


def validate_caption(value: str) -> None:
    """A photo's caption: plain text with something visible in it, as a name is (it may
    also be left empty)."""
    validate_plain_text(value, "caption")
    validate_visible(value)


class NameField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # validate_name covers NUL with the same message as the other control characters.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, validators.ProhibitNullCharactersValidator)
        ] + [validate_name]

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))


class ParticipantForm(forms.Form):
    """What a participant tells us and can change later: name, place, announcements.

    The place is a city (picked from a search, or typed when only one place has that
    name) or else a time zone; `cleaned_data["place"]` is an `events.places.place.Place`.
    """

    name = NameField(
        label=gettext_lazy("Name or nickname"),
        max_length=100,
        error_messages={
            "required": gettext_lazy("Tell us a name or a nickname."),
            "max_length": ngettext_lazy(
                "Keep the name to %(limit_value)d character or fewer "
                "(this one has %(show_value)d).",
                "Keep the name to %(limit_value)d characters or fewer "
                "(this one has %(show_value)d).",
                "limit_value",
            ),
        },
    )
    city_query = forms.CharField(
        label=gettext_lazy("City"),
        required=False,
        max_length=MAX_CITY_QUERY_LENGTH,
        error_messages={"max_length": gettext_lazy("That is longer than any city's name.")},
    )
    # No max_length: a hidden field's own error would show nowhere; a city number too long
    # to be one is refused by events.inputs beside the city box.
    city = forms.CharField(required=False)
    tz = forms.CharField(
        label=gettext_lazy("Time zone"),
        required=False,
        max_length=64,
        error_messages={"max_length": gettext_lazy("That is not a time zone we know.")},
    )
    wants_announcements = forms.BooleanField(required=False)
    # The manage page only: a new sign-up gets the reminders (the model's default).
    wants_reminders = forms.BooleanField(required=False)
    # The manage page only: a new sign-up's language is the page's (issue 14).
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, current: Place | None = None, **kwargs) -> None:
        """`current`: the participant's place now (the manage page). The zone box wins over
        the city's own zone when the participant changed it, or kept it with the same city
        (emails in their home zone while they wave from elsewhere); a new city with the
        zone box untouched takes the new city's zone."""
        super().__init__(*args, **kwargs)
        self.current = current
        # The cities a search or an ambiguous name found, and the city chosen: the list
        # beside the city box shows them.
        self.city_matches: list[City] | None = None
        self.chosen_city: City | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["place"] = None
        query = cleaned.get("city_query", "")
        try:
            if query:
                cleaned["place"] = self._place_for_city(query, cleaned.get("city", ""))
                self.chosen_city = cleaned["place"].city
                if zone := self._zone_over_city(cleaned["place"], cleaned.get("tz")):
                    cleaned["place"] = replace(cleaned["place"], zone=zone)
            elif zone := cleaned.get("tz"):
                cleaned["place"] = place_for_zone(zone)
            elif not self.has_error("tz") and not self.has_error("city_query"):
                self.add_error("tz", _("Pick your city or your time zone."))
        except Refused as refusal:
            if refusal.reason == "unknown_zone":
                self.add_error("tz", unknown_zone_message(cleaned.get("tz", "")))
            else:
                self.add_error("city_query", refusal.message)
        return cleaned

    def _zone_over_city(self, city: Place, zone: str | None) -> str | None:
        """The zone box's zone where it should win over `city`'s (see __init__), or None."""
        if self.current is None or not zone:
            return None
        changed = zone != self.current.zone
        same_city = self.current.city is not None and self.current.city.pk == city.city.pk
        return place_for_zone(zone).zone if changed or same_city else None

    def _place_for_city(self, query: str, chosen: str) -> Place:
        """The city box is what counts; the list beside it says which of its namesakes.

        A city picked from the list is taken when the box still names it (so a changed
        box wins over a stale pick); otherwise the box's text must name one city: its only
        match, or the only one with exactly that name.
        """
        if chosen:
            try:
                geonameid = whole_number(chosen, lowest=1)
            except Refused:
                raise Refused("unknown_city", _("That is not a city we know.")) from None
            place = place_for_city(geonameid)
            if fold(query.strip()) in place.city.search_name:
                return place
        matches = search_cities(query, CITY_MATCHES)
        exact = [city for city in matches if city.search_name == fold(query.strip())]
        if len(matches) == 1 or len(exact) == 1:
            city = matches[0] if len(matches) == 1 else exact[0]
            return city_place(city)
        self.city_matches = matches
        if not matches:
            raise Refused(
                "unknown_city",
                # Translators: %(query)s is the city's name as the visitor typed it.
                _(
                    "We do not know a city called “%(query)s”. Check the spelling, or leave "
                    "the city empty and pick your time zone."
                )
                % {"query": query},
            )
        raise Refused(
            "ambiguous_city",
            _("Several places match “%(query)s”: pick yours from the list.") % {"query": query},
        )

    def city_options(self) -> list[tuple[City, bool]]:
        """(city, is it the chosen one) for the list beside the city box."""
        cities = list(self.city_matches or [])
        if self.chosen_city is not None and self.chosen_city not in cities:
            cities.insert(0, self.chosen_city)
        return [(city, city == self.chosen_city) for city in cities]


def unknown_zone_message(text: str) -> str:
    """The zone field's message for a name that is not a zone: the zones a search for it
    finds ("Paris" → Europe/Paris), so a form without JavaScript's suggestions still
    leads to a name."""
    names = [option.name for _score, option in search_zones(text, ZONE_SUGGESTIONS)]
    if not names:
        return _(
            "That is not a time zone we know. Type a zone name such as Europe/Paris, "
            "or find yours in the list of every zone."
        )
    # "Europe/Paris, America/Paris or …", as the page's language lists alternatives (CLDR).
    listed = format_list(names, style="or", locale=cldr_locale())
    # Translators: %(zones)s is one to three zone names: "Europe/Paris or America/Paris".
    return _("That is not a time zone we know. Did you mean %(zones)s?") % {"zones": listed}


class WaveForm(forms.Form):
    """The "I'm waving!" button: the zone the page shows (the wave counts at its
    reference place, never at a place the client gives) and `website`, a honeypot people
    never see. A participant's private key is read as every private link is
    (rules.participant_for_key): a wrong one makes the wave a browser's, not an error."""

    tz = forms.CharField(required=False, max_length=64)
    website = forms.CharField(required=False, max_length=200)

    @property
    def is_from_a_robot(self) -> bool:
        """The hidden field is filled in: only a script does that."""
        return bool(self.data.get("website", "").strip())

    def clean_tz(self) -> str | None:
        """The zone's IANA name, or None when none was sent (the wave has no place then)."""
        text = self.cleaned_data["tz"].strip()
        if not text:
            return None
        name = canonical_zone_name(text)
        if name is None:
            # The page sends the zone it shows: only a forged request gets here.
            raise forms.ValidationError(
                gettext("That is not a time zone we know: reload the event's page and tap again.")
            )
        return name


class SignupForm(ParticipantForm):
    """The sign-up form on an event's page. `website` is a honeypot: people never see it."""

    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        error_messages={
            "required": gettext_lazy(
                "Enter your email address: we send a link there to confirm it."
            ),
            "invalid": gettext_lazy("Enter a valid email address, like ana@example.com."),
            "max_length": ngettext_lazy(
                "An email address has at most %(limit_value)d character "
                "(this one has %(show_value)d).",
                "An email address has at most %(limit_value)d characters "
                "(this one has %(show_value)d).",
                "limit_value",
            ),
        },
    )
    website = forms.CharField(required=False, max_length=200)
    wants_reminders = None
    language = None

    field_order = ["name", "email", "city_query", "city", "tz", "wants_announcements"]

    @property
    def is_from_a_robot(self) -> bool:
        """The hidden field is filled in: only a script does that."""
        return bool(self.data.get("website", "").strip())

    def clean_email(self) -> str:
        try:
            email = normalize_email(self.cleaned_data["email"])
        except Refused as refusal:
            raise forms.ValidationError(refusal.message) from None
        if len(email) > 254:
            raise forms.ValidationError(_("That address is too long to be delivered."))
        return email
