"""A message that tells the editor to run a command names the Python that is running, as
the editor's terminal would start it (python, py -3.12, .venv/bin/python …)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT, run_cli

from generator.invocation import command, python_command


def on_path(mapping: dict[str, str]):
    return lambda name: mapping.get(name)


def test_the_active_environments_python_is_python(tmp_path: Path) -> None:
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text("")
    assert python_command(str(venv / "python"), windows=False,
                          which=on_path({"python": str(venv / "python")})) == "python"


@pytest.mark.posix
def test_a_system_python_the_environment_links_to_is_not_it(tmp_path: Path) -> None:
    # .venv/bin/python → /usr/bin/python3: the same file, but python3 on PATH would
    # start Python without the environment's packages
    system = tmp_path / "usr" / "bin"
    system.mkdir(parents=True)
    (system / "python3").write_text("")
    venv = tmp_path / "prosjekt" / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").symlink_to(system / "python3")
    (venv / "python3").symlink_to(system / "python3")
    found = python_command(str(venv / "python"), windows=False, cwd=str(tmp_path / "prosjekt"),
                           which=on_path({"python3": str(system / "python3")}))
    assert found == ".venv/bin/python"
    # its own python3 beside it is the same environment
    assert python_command(str(venv / "python"), windows=False,
                          which=on_path({"python3": str(venv / "python3")})) == "python3"


def test_a_python_outside_the_folder_and_path_is_named_in_full() -> None:
    assert python_command("/opt/python 3.12/bin/python3", windows=False, which=on_path({}),
                          cwd="/home/kari") == '"/opt/python 3.12/bin/python3"'
    assert python_command("/opt/py/bin/python3", windows=False, which=on_path({}),
                          cwd="/opt/py/bin") == "./python3"


def test_windows_environment_not_activated() -> None:
    exe = r"C:\Users\Kari\prosjekt\.venv\Scripts\python.exe"
    assert python_command(exe, windows=True, virtual=True, cwd=r"C:\Users\Kari\prosjekt",
                          which=on_path({"py": r"C:\Windows\py.exe"})) \
        == r".\.venv\Scripts\python.exe"
    # activated: python on PATH is this file (Windows names are not case-sensitive)
    assert python_command(exe, windows=True, virtual=True,
                          which=on_path({"python": exe.lower()})) == "python"


def test_windows_installed_python_uses_the_launcher_with_its_version() -> None:
    exe = r"C:\Program Files\Python312\python.exe"
    launcher = on_path({"py": r"C:\Windows\py.exe",
                        "python": r"C:\Users\Kari\AppData\Local\Microsoft\WindowsApps\python.exe"})
    assert python_command(exe, windows=True, virtual=False, version=(3, 12), which=launcher,
                          cwd=r"C:\Users\Kari") == "py -3.12"
    assert python_command(exe, windows=True, virtual=False, which=on_path({}),
                          cwd=r"C:\Users\Kari") == f'& "{exe}"'


def test_an_unknown_interpreter_is_python() -> None:
    assert python_command("", windows=False) == "python"


def test_command_quotes_a_path_with_spaces() -> None:
    assert command("translated", "content/nn/om oss.md") == \
        f'{python_command()} -m generator translated "content/nn/om oss.md"'


def test_build_names_this_python_for_the_preview(mini: Path) -> None:
    # the Python running the tests, started by its full path and not found on PATH
    env = {**os.environ, "PATH": os.pathsep.join([str(mini), os.defpath])}
    result = run_cli("build", "--root", str(mini), "--clock", CLOCK, env=env, cwd=mini)
    assert result.returncode == 0, result.stderr
    expected = python_command(sys.executable, which=lambda name: None, cwd=str(mini))
    assert expected != "python"
    assert f"Preview: {expected} -m generator serve --root {mini}" in result.stdout, \
        result.stdout
    assert "python3 -m" not in result.stdout


def test_stale_translation_hint_names_the_command(mini: Path) -> None:
    nn = mini / "content/nn/om.md"
    nn.write_text("---\ntitle: Om sida\ntranslation_key: om\ntranslated_from: abcdef0123\n"
                  "---\nTekst.\n", encoding="utf-8")
    (mini / "content/nb/om.md").write_text(
        "---\ntitle: Om siden\nmenu: 2\ntranslation_key: om\n---\nTekst.\n", encoding="utf-8")
    result = run_cli("check", "--root", str(mini), "--clock", CLOCK)
    python = python_command(cwd=str(ROOT))  # run_cli runs in ROOT
    assert f"then run: {python} -m generator translated content/nn/om.md" in \
        result.stdout, result.stdout


def test_usage_names_this_python() -> None:
    result = run_cli("serve", "--help", cwd=ROOT)
    assert f"usage: {python_command(cwd=str(ROOT))} -m generator serve" in result.stdout


def test_a_long_command_is_printed_whole_where_a_typed_value_is_cut() -> None:
    from generator.errors import MAX_VALUE, msg
    from generator.invocation import command

    long = "/" + "mappe/" * 40
    made = command("serve", "--root", long)
    assert len(made) > MAX_VALUE
    assert str(msg("Preview: {serve}", serve=made)) == f"Preview: {made}"
    assert str(msg("Unknown id {value}", value=long)).endswith("…")
