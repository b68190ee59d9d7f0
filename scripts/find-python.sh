#!/bin/sh
# Print the path of a Python 3.12+ interpreter (Django 6.1 needs it), newest first.
# Checks PATH, then pyenv's versions; exits 1 with advice when there is none.
set -u
for candidate in python3.14 python3.13 python3.12 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.14*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3 \
    python3; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if "$path" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        echo "$path"
        exit 0
    fi
done
cat >&2 <<'MSG'
wavesite needs Python 3.12 or newer (Django 6.1 refuses older ones), and none was found
on PATH or under pyenv. Install one, for example:
    pyenv install 3.13.0            (with pyenv)
    apt-get install python3.13 python3.13-venv   (Debian/Ubuntu, where packaged)
or point the Makefile at it:  make run PYTHON=/path/to/python3.13
MSG
exit 1
