"""Organisers' text in several languages (issue 14, item 7).

An event's title, summary and description, and an announcement's title and body, are
written once in the original language (English unless the organiser writes otherwise) and
may be given in any of the site's other languages: `translations` holds
{"es": {"title": …, "summary": …}, "ja": {…}}, edited in the admin (one field per
language and text, events/admin/translations.py). A visitor sees their language's text
where there is one and the original where there is not, field by field; the feed, the
emails and event.json follow the same rule.

Public views load them with `.localized()`, which swaps the texts in on the instances it
yields. Such an instance is for showing only: saving it would write the translation over
the original, so `save()` refuses it (LocalizedSaveError).
"""

from django.conf import settings
from django.db import models
from django.db.models.query import ModelIterable
from django.utils.translation import get_language, gettext_lazy


class LocalizedSaveError(RuntimeError):
    """A localized instance was saved: load it again without .localized() to change it."""


def localize(obj, language: str | None = None):
    """Put `obj`'s texts in `language` (the active one by default) where it has them."""
    language = language or get_language() or settings.LANGUAGE_CODE
    texts = (obj.translations or {}).get(language) or {}
    translated = False
    # The originals, for what cannot show the language (the share image's font).
    obj.original_texts = {field: getattr(obj, field) for field in obj.TRANSLATED_FIELDS}
    for field in obj.TRANSLATED_FIELDS:
        text = texts.get(field)
        if isinstance(text, str) and text.strip():
            setattr(obj, field, text)
            translated = True
    obj.is_localized = True
    # The language the texts are in now, for a lang="…" around them.
    obj.text_language = language if translated else settings.LANGUAGE_CODE
    return obj


class LocalizedIterable(ModelIterable):
    def __iter__(self):
        language = get_language() or settings.LANGUAGE_CODE
        for obj in super().__iter__():
            yield localize(obj, language)


class LocalizedQuerySet(models.QuerySet):
    def localized(self):
        """The same rows, with their texts in the active language where they have them."""
        clone = self._chain()
        clone._iterable_class = LocalizedIterable
        return clone


class TranslatedTexts(models.Model):
    """The `translations` field and the save guard, for models with TRANSLATED_FIELDS."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    translations = models.JSONField(
        verbose_name=gettext_lazy("translations"),
        default=dict,
        blank=True,
        help_text=gettext_lazy("The texts in other languages: {language: {field: text}}."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if getattr(self, "is_localized", False):
            raise LocalizedSaveError(
                f"{type(self).__name__} {self.pk} holds texts in another language for "
                "showing: load it again without .localized() to save it."
            )
        super().save(*args, **kwargs)

    def translated(self, language: str) -> dict[str, str]:
        """The texts given in `language` (not the original's), field → text."""
        texts = (self.translations or {}).get(language) or {}
        return {field: texts[field] for field in self.TRANSLATED_FIELDS if texts.get(field)}
