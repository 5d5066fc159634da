"""Compile the .po catalogues to .mo with polib (no system gettext needed) and check them.

python scripts/translations.py compile   # what `make install` runs
python scripts/translations.py check     # CI: no untranslated, fuzzy or obsolete entry
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def compile_all() -> int:
    for po_path in CATALOGUES:
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return 0


def check_all() -> int:
    problems = 0
    for po_path in CATALOGUES:
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            problems += 1
            print(f"{po_path.relative_to(ROOT)}: untranslated or fuzzy: {entry.msgid[:70]!r}")
    print(f"{len(CATALOGUES)} catalogue(s) checked, {problems} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit({"compile": compile_all, "check": check_all}[sys.argv[1] if len(sys.argv) > 1 else "check"]())
