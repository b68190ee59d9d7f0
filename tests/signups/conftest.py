import pytest

from tests.factories import NOW


@pytest.fixture(autouse=True)
def before_the_window(clock):
    """Sign-ups happen before the window: these tests run at NOW, seven weeks before it."""
    return clock.move_to(NOW)
