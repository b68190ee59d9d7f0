"""`in` on an integer column without the values the column cannot hold.

Django's own exact and comparison lookups on integer columns treat a value past the
column's range as matching nothing (since Django 5.0); its `in` lookup passes it on, and
SQLite raises OverflowError while binding it. Model choice fields look their values up
with `pk__in`, so a number of forty digits in an admin form's many-to-many field (a
group's permissions, a user's groups) was a 500. Registered on IntegerField, this `in`
drops such values first: they name no row. Likewise a value that is no number at all
(" ", "x"): the admin's autocomplete widget looks up what a bound form holds while
drawing it, unchecked, so a blank id in an announcement's event field was a 500 too.
Importing events.models registers it.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def get_prep_lookup(self):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            self.rhs = [value for value in self.rhs if _is_number_for(field, value)]
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def _is_number_for(field, value) -> bool:
    if hasattr(value, "resolve_expression"):
        return True
    try:
        field.get_prep_value(value)
    except (TypeError, ValueError):
        return False
    return True
