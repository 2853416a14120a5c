"""The shipped pipelines follow the policy the guide states: errors stop publishing, warnings never.

A warning (a long sentence, a stale translation) must not halt the hourly
rebuild that starts and ends notices on time; an error must stop the deploy
before anything is built.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import CLOCK, ROOT, run_cli

GITHUB = ROOT / ".github/workflows/deploy.yml"
GITLAB = ROOT / ".gitlab-ci.yml"


def _commands(lines: list[str]) -> list[str]:
    return [c.strip() for line in lines for c in str(line).splitlines() if c.strip()]


def _checks_then_builds(commands: list[str]) -> None:
    checks = [i for i, c in enumerate(commands) if re.search(r"-m generator check\b", c)]
    builds = [i for i, c in enumerate(commands) if re.search(r"-m generator build\b", c)]
    assert checks and builds and checks[0] < builds[0], commands
    assert not any("--strict" in commands[i] for i in checks), \
        f"a deploying job fails on warnings: {[commands[i] for i in checks]}"


def test_github_deploy_checks_for_errors_only_and_runs_hourly() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow[True]  # PyYAML reads the key `on` as the boolean true
    assert {"push", "schedule", "workflow_dispatch", "pull_request"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].split()[1] == "*"  # every hour
    jobs = workflow["jobs"]
    _checks_then_builds(_commands([s.get("run", "") for s in jobs["build"]["steps"]]))
    assert "pull_request" in jobs["build"]["if"] and "!=" in jobs["build"]["if"]
    assert jobs["deploy"]["needs"] == "build"
    pr_check = _commands([s.get("run", "") for s in jobs["check"]["steps"]])
    assert any("generator check --format github" in c for c in pr_check)


def test_gitlab_pages_checks_for_errors_only_and_warnings_do_not_block() -> None:
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    pages = ci["pages"]
    _checks_then_builds(_commands(pages["script"]))
    assert any(r.get("if", "").endswith('== "schedule"') for r in pages["rules"])
    assert pages["needs"] == []
    review = ci["content-check"]
    script = _commands(review["script"])
    # errors fail the job; warnings only end in the exit code that may fail
    assert any(re.fullmatch(r"python -m generator check(\s+#.*)?", c) for c in script)
    [strict] = [c for c in script if "check --strict" in c]
    assert strict.endswith("|| exit 3") and review["allow_failure"] == {"exit_codes": [3]}


def test_guide_and_deploy_doc_state_the_same_policy() -> None:
    guide = (ROOT / "docs/redaktorrettleiing.md").read_text(encoding="utf-8")
    deploy = (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    assert "Feil stopper publiseringen. Advarsler stopper den aldri." in guide
    assert "Errors stop publishing; warnings never do." in deploy
    assert "warnings stop the deploy" not in deploy
    assert "Feilmeldingene er på engelsk" not in guide


def test_github_annotations_point_at_the_line_and_escape_the_text(mini: Path) -> None:
    (mini / "content/nb/om.md").write_text("---\ntitle: Om\n---\n#### Dypt: 100%\n")
    result = run_cli("check", "--root", str(mini), "--clock", CLOCK, "--format", "github",
                     "--lang", "nb")
    assert result.returncode == 0  # a warning only
    assert ("::warning file=content/nb/om.md,line=4,title=heading-level::Overskriften hopper "
            "fra nivå 1 til nivå 4. Bruk ## her, så ingen nivåer hoppes over.%0A    | "
            "#### Dypt: 100%25\n") in result.stdout
    assert "content/nb/om.md:4: advarsel: Overskriften hopper" in result.stdout
