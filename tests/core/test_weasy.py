"""The WeasyPrint layer's worker pool: PDFs laid out in forked workers, the collector
paused during a job and back on after it, nothing left frozen in the calling process."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core import weasy
from generator.core.weasy import PdfJob, PdfPool

THEME = Path(__file__).resolve().parents[2] / "theme"


def page(text: str) -> str:
    return (f'<html lang="fr"><head><title>{text}</title></head>'
            f'<body><p>{text}</p></body></html>')


def test_two_workers_lay_out_each_job_and_leave_nothing_frozen() -> None:
    frozen = gc.get_freeze_count()
    with PdfPool(THEME, workers=2) as pool:
        futures = [pool.submit(PdfJob(page(f"Document numéro {n}"), "documents")) for n in (1, 2, 3)]
        assert gc.get_freeze_count() == frozen and gc.isenabled()
        results = [future.result() for future in futures]
    for n, (data, warnings) in enumerate(results, start=1):
        assert warnings == []
        assert f"Document numéro {n}" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_job_turns_the_collector_back_on_even_when_it_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data, warnings = weasy._job(PdfJob(page("Essai"), "documents"), str(THEME))
    assert data.startswith(b"%PDF") and warnings == [] and gc.isenabled()

    def broken(job: PdfJob, theme: Path) -> tuple[bytes, list[str]]:
        assert not gc.isenabled()  # paused during the layout
        raise RuntimeError("panne")

    monkeypatch.setattr(weasy, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        weasy._job(PdfJob(page("Essai"), "documents"), str(THEME))
    assert gc.isenabled()


def test_one_worker_lays_out_in_this_process_the_collector_paused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr(weasy, "render_pdf", lambda job, theme: seen.append(gc.isenabled())
                        or (b"%PDF", []))
    with PdfPool(THEME, workers=1) as pool:
        assert pool.submit(PdfJob(page("Essai"), "documents")).result() == (b"%PDF", [])
    assert seen == [False] and gc.isenabled()
