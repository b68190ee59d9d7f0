import pytest

from tests.factories import SITE


@pytest.fixture(autouse=True)
def site_url(settings):
    """Shared links are absolute: on this site's address, whatever the environment says."""
    settings.SITE_URL = SITE
