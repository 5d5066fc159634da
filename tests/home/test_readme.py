import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_documents_every_environment_variable():
    table = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "env_table.py")], capture_output=True, text=True, check=True
    ).stdout
    names = [line.split("`")[1] for line in table.splitlines()[2:]]
    readme = (ROOT / "README.md").read_text()
    assert names, table
    missing = [name for name in names if f"`{name}`" not in readme]
    assert not missing, f"README.md lacks these variables: {missing}"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make run") < readme.index("## Architecture")
    assert "make test" in readme[: readme.index("## Architecture")]
