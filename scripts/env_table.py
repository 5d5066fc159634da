"""Print the Markdown table of every environment variable the settings read (for the README).

.venv/bin/python scripts/env_table.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def collect() -> tuple[dict[str, tuple[str, str]], set[str]]:
    # Production settings read every variable dev reads, plus the required ones.
    os.environ.setdefault("SECRET_KEY", "table")
    os.environ.setdefault("ALLOWED_HOSTS", "table")
    os.environ.setdefault("DATABASE_URL", "sqlite:///table")
    import importlib

    from config import env

    importlib.import_module("config.settings.dev")
    importlib.import_module("config.settings.production")
    return env.ENV_VARIABLES, env.REQUIRED_IN_PRODUCTION


def main() -> None:
    print("| variable | default | meaning |")
    print("|---|---|---|")
    variables, required = collect()
    project = str(Path(__file__).resolve().parent.parent)
    for name, (default, doc) in sorted(variables.items()):
        default = default.replace(project, "<project>")
        note = " **Required in production.**" if name in required else ""
        print(f"| `{name}` | `{default}` | {doc}.{note} |")


if __name__ == "__main__":
    main()
