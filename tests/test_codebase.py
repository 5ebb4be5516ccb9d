"""Gates on the codebase itself, so that `make test` is the whole of CI."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail("Models have changes without a migration:\n" + out.getvalue())


def test_ruff_finds_nothing(request):
    if request.config.getoption("--db") != "sqlite":
        pytest.skip("lint does not depend on the database; checked in the SQLite lane")
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [str(ruff), "format", "--check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The portal's parts, and those each may import: the project (portal) ties the apps
# together; forms reads content's regions and hotlines; content's directory asks
# search; search, which every app registers with, imports none of them. The security
# layer (portal.security: throttles, sign-in, headers) serves every app and imports none;
# so do portal.roles, the helpers of the migrations that make staff groups, and
# portal.admin_language, the staff member's admin language that notices follow.
LAYERS = {"portal.security", "portal.roles", "portal.admin_language"}
IMPORTS_ALLOWED = {
    **{layer: set() for layer in LAYERS},
    "search": {*LAYERS},
    "content": {"search", *LAYERS},
    "forms": {"content", "search", *LAYERS},
    "portal": {"content", "forms", "search", *LAYERS},
}
# App labels of the models a part may name in apps.get_model("label", ...).
APP_OF_LABEL = {"content": "content", "complaints": "forms", "triage": "forms"}
APP_OF_LABEL |= {"portal_search": "search", "portal": "portal"}


def part_of(module: str) -> str | None:
    """The part of the portal a dotted module name belongs to, if any."""
    for layer in LAYERS:
        if module == layer or module.startswith(layer + "."):
            return layer
    top = module.split(".")[0]
    return top if top in IMPORTS_ALLOWED else None


def part_of_file(path: Path) -> str:
    return part_of(".".join(path.relative_to(ROOT).with_suffix("").parts))


def imported_apps(path: Path):
    """(line, part) for every import of a portal part in a module, wherever it sits
    (module level or inside a function), and every apps.get_model() of its models."""
    import ast

    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            label = node.args[0].value.split(".")[0]
            if label in APP_OF_LABEL:
                yield node.lineno, APP_OF_LABEL[label]
        for name in names:
            part = part_of(name)
            if part is not None:
                yield node.lineno, part


def test_imports_between_the_apps_run_one_way():
    wrong = []
    for folder in ("portal", "content", "forms", "search"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            own = part_of_file(path)
            for line, other in imported_apps(path):
                if other != own and other not in IMPORTS_ALLOWED[own]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
    assert not wrong, "imports against the direction of the apps:\n" + "\n".join(wrong)


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "def f():\n    from content.models import Region\n"
        "    from portal.security.throttle import throttled\n"
        "    return apps.get_model('complaints', 'Report')\n"
    )
    assert sorted(imported_apps(module)) == [(2, "content"), (3, "portal.security"), (4, "forms")]
