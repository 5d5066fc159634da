"""Interface catalogues (site/locale). French is the source language: every msgid is the French text, so
French needs no catalogue and English is the only one (site/locale/en/LC_MESSAGES/django.po).

python scripts/translations.py update    # extract the strings into the catalogue (makemessages: needs GNU
                                         # gettext), then report what is left to translate
python scripts/translations.py compile   # .po -> .mo with polib (no gettext needed): what `make install` runs
python scripts/translations.py check     # CI: no untranslated, fuzzy or obsolete entry, placeholders kept,
                                         # no string of the code missing (with GNU gettext)
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# Languages with a catalogue: every language of settings.LANGUAGES except French, the source language.
TARGET_LANGUAGES = ["en"]
# Directories without interface strings (tests assert on French texts, they do not translate them).
IGNORED = [".venv", "var", "node_modules", "tests", "benchmarks", "*.egg-info", "static"]


def find_catalogues() -> list[Path]:
    return sorted(p for p in ROOT.glob("**/locale/*/LC_MESSAGES/*.po") if not {".venv", "var"} & set(p.parts))


def makemessages() -> None:
    """Extract the interface strings into the catalogues (GNU gettext's xgettext and msgmerge)."""
    # --no-wrap: polib (compile) and msgmerge (update) then agree on the layout, so diffs show real changes.
    command = [
        sys.executable,
        "manage.py",
        "makemessages",
        "--no-obsolete",
        "--no-wrap",
        "--add-location=file",
    ]
    command += [f"--locale={code}" for code in TARGET_LANGUAGES]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def update_all() -> int:
    """Run makemessages over the project. Messages go to the first of LOCALE_PATHS (site/locale);
    new or changed strings come out untranslated or fuzzy, so `check` fails until they are translated."""
    makemessages()
    return check_all(find_missing=False)


def missing_strings() -> dict[Path, list[str]] | None:
    """Per catalogue, the strings of the code it lacks: extracted into it, which is then restored as it was.
    None without GNU gettext (then only the catalogue's own entries are checked)."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        return None
    saved = {path: path.read_bytes() for path in find_catalogues()}
    try:
        makemessages()
        extracted = {path: {entry.msgid for entry in polib.pofile(str(path))} for path in saved}
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
    return {
        path: sorted(extracted[path] - {entry.msgid for entry in polib.pofile(content.decode("utf-8"))})
        for path, content in saved.items()
    }


def compile_all() -> int:
    for po_path in find_catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return 0


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def placeholders_differ(entry: polib.POEntry) -> bool:
    """A translation naming a placeholder its French text lacks breaks rendering (KeyError); one dropping a
    placeholder loses information. A plural form may leave the number out ("one result")."""
    if "python-format" not in entry.flags:
        return False
    if entry.msgid_plural:
        source = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        return any(not placeholders(form) <= source for form in entry.msgstr_plural.values())
    return placeholders(entry.msgstr) != placeholders(entry.msgid)


def problems_in(catalogue: polib.POFile) -> list[tuple[str, polib.POEntry]]:
    problems = [("untranslated", entry) for entry in catalogue.untranslated_entries()]
    problems += [("fuzzy", entry) for entry in catalogue.fuzzy_entries()]
    problems += [("obsolete", entry) for entry in catalogue.obsolete_entries()]
    # A plural entry needs every form, not only the first one polib looks at.
    problems += [
        ("missing plural form", entry)
        for entry in catalogue.translated_entries()
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]
    problems += [
        ("placeholders differ", entry)
        for entry in catalogue.translated_entries()
        if placeholders_differ(entry)
    ]
    return problems


def check_all(find_missing: bool = True) -> int:
    """``find_missing``: also extract the code's strings (rewrites the catalogues for a moment: not while
    something else reads them, e.g. in the test suite)."""
    catalogues = find_catalogues()
    count = 0
    for po_path in catalogues:
        for problem, entry in problems_in(polib.pofile(str(po_path))):
            count += 1
            print(f"{po_path.relative_to(ROOT)}: {problem}: {entry.msgid[:70]!r}")
    missing = missing_strings() if find_missing else {}
    if missing is None:
        print("GNU gettext absent: strings of the code missing from the catalogues are not looked for.")
    for po_path, msgids in (missing or {}).items():
        for msgid in msgids:
            count += 1
            print(f"{po_path.relative_to(ROOT)}: missing (run update): {msgid[:70]!r}")
    print(f"{len(catalogues)} catalogue(s) checked, {count} problem(s).")
    return 1 if count else 0


ACTIONS = {"update": update_all, "compile": compile_all, "check": check_all}

if __name__ == "__main__":
    sys.exit(ACTIONS[sys.argv[1] if len(sys.argv) > 1 else "check"]())
