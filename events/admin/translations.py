"""The organisers' texts in other languages, in the admin (issue 14, item 7).

An event's (or announcement's) form gets, for each language other than English, one field
per translated text ("Title — Español", …), grouped in a folded section per language under
the original. Saving packs the filled ones into the model's `translations` JSON
(events/models/localized.py); a text left empty falls back to the original on the site.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def field_name(field: str, language: str) -> str:
    return f"{field}__{language.replace('-', '_')}"


def add_translation_fields(form_class: type[forms.ModelForm], model: type[models.Model]):
    """Declare the per-language fields on `form_class` (before the admin builds its form
    from it, so they may be named in `fields`)."""
    for language, name in other_languages():
        for field in model.TRANSLATED_FIELDS:
            original = model._meta.get_field(field)
            is_long = isinstance(original, models.TextField)
            form_field = forms.CharField(
                required=False,
                max_length=original.max_length,
                strip=True,
                label=format_lazy("{} — {}", capfirst(original.verbose_name), name),
                widget=forms.Textarea(attrs={"rows": 6, "lang": language, "dir": "auto"})
                if is_long
                else forms.TextInput(
                    attrs={"class": "vTextField", "lang": language, "dir": "auto"}
                ),
                validators=original.validators,
            )
            form_class.declared_fields[field_name(field, language)] = form_field
            form_class.base_fields[field_name(field, language)] = form_field
    return form_class


class TranslationsFormMixin:
    """Fills the per-language fields from `translations`, and writes them back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        saved = self.instance.translations or {}
        for language, _name in other_languages():
            for field in self.instance.TRANSLATED_FIELDS:
                name = field_name(field, language)
                if name in self.fields:
                    self.initial.setdefault(name, (saved.get(language) or {}).get(field, ""))

    def clean(self):
        cleaned = super().clean()
        translations = {}
        for language, _name in other_languages():
            texts = {
                field: cleaned.get(field_name(field, language), "")
                for field in self.instance.TRANSLATED_FIELDS
            }
            texts = {field: text for field, text in texts.items() if text}
            if texts:
                translations[language] = texts
        self.instance.translations = translations
        return cleaned


def translation_fieldsets(model: type[models.Model]) -> list[tuple[str, dict]]:
    """One folded section per language, after the admin's own."""
    return [
        (
            _("In %(language)s") % {"language": name},
            {
                "fields": [field_name(field, language) for field in model.TRANSLATED_FIELDS],
                "classes": ["collapse"],
                "description": _(
                    "Visitors reading %(language)s see these texts; an empty one shows the "
                    "original."
                )
                % {"language": name},
            },
        )
        for language, name in other_languages()
    ]


def translation_field_names(model: type[models.Model]) -> set[str]:
    return {
        field_name(field, language)
        for language, _name in other_languages()
        for field in model.TRANSLATED_FIELDS
    }
