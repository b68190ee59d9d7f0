"""The development defaults the settings need, given before pytest-django reads them.

Loaded with `-p tests.defaults` (pyproject.toml's addopts), so `pytest tests/any_file.py`
works without `make` and without an exported DEBUG=True: pytest-django imports the
settings while pytest starts (pytest_load_initial_conftests), before any conftest.py is
read. What the environment already says wins; CI and `make test` set their own.
"""

import os

os.environ.setdefault("DEBUG", "True")
