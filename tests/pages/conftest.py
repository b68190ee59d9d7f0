import pytest

from tests.factories import make_real_cities


@pytest.fixture
def cities(db):
    """Toronto, São Paulo, Rio, Tokyo and Sydney in the City table, by short name."""
    return make_real_cities()
