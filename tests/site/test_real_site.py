"""The real guide: its data is valid, complete enough, and builds in strict mode."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli

pytestmark = [pytest.mark.slow]


def test_real_data_is_valid() -> None:
    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr


def test_real_site_builds_strictly_with_every_phase(real_site: Path) -> None:
    phases = yaml.safe_load((ROOT / "data" / "phases.yml").read_text(encoding="utf-8"))
    assert len(phases) == 6
    for phase in phases:
        page = (real_site / "etapes" / f"{phase['id']}.html").read_text(encoding="utf-8")
        for step in phase.get("steps", []):
            assert f'id="{step["id"]}"' in page


def test_the_guide_covers_its_sources() -> None:
    """The counts the full-content issue asks for."""
    data = ROOT / "data"
    assert len(yaml.safe_load((data / "glossary.yml").read_text(encoding="utf-8"))) >= 70
    assert len(list((data / "resources").glob("*.yml"))) >= 50
    assert len(yaml.safe_load((data / "roles.yml").read_text(encoding="utf-8"))) >= 8
    assert len(list((data / "case-studies").glob("*.yml"))) >= 9
