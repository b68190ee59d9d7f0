from django import forms

from events.localtime import canonical_zone_name


class ZoneForm(forms.Form):
    """The zone picker: remembers a zone in the `tz` cookie."""

    tz = forms.CharField(label="Time zone", max_length=64)
    next = forms.CharField(required=False, max_length=2000)

    def clean_tz(self) -> str:
        name = canonical_zone_name(self.cleaned_data["tz"])
        if name is None:
            raise forms.ValidationError(
                "That is not a time zone we know. Pick one from the list, e.g. Europe/Paris."
            )
        return name
