"""Typed access to environment variables.

Every setting the project reads from the environment goes through these helpers, so the README's table of
variables and the code cannot drift apart: `ENV_VARIABLES` records each name with its default and meaning.
"""

import os

ENV_VARIABLES: dict[str, tuple[str, str]] = {}
REQUIRED_IN_PRODUCTION: set[str] = set()


class MissingSetting(RuntimeError):
    pass


def _read(name: str, default, doc: str):
    # The first reading (base settings) documents the variable; later ones (production) only tighten it.
    ENV_VARIABLES.setdefault(name, (repr(default), doc))
    return os.environ.get(name)


def env_str(name: str, default: str | None = None, doc: str = "") -> str | None:
    value = _read(name, default, doc)
    return default if value in (None, "") else value


def env_required(name: str, doc: str = "") -> str:
    """A variable production cannot start without (secrets, hosts, database)."""
    REQUIRED_IN_PRODUCTION.add(name)
    value = _read(name, None, doc)
    if not value:
        raise MissingSetting(f"The environment variable {name} is required in production ({doc}).")
    return value


def env_bool(name: str, default: bool = False, doc: str = "") -> bool:
    value = _read(name, default, doc)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, doc: str = "") -> int:
    value = _read(name, default, doc)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: list[str], doc: str = "") -> list[str]:
    value = _read(name, default, doc)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
