"""``make bench``: wall time and peak memory of each stage of the build, on the real data,
and the preview's latency as a maintainer sees it.

Each stage runs in its own subprocess, itself started by a small wrapper
(``--measure``), so that ``RUSAGE_CHILDREN`` of the wrapper holds the peak memory
of that stage alone, its own children (the builder) included. The preview is measured
end to end (``preview.py``): ``make serve`` runs, a file is saved, the served page is
polled until it shows the change. The project is copied to a temporary folder first: a
benchmark never touches the maintainer's files. The builder is the one ``mkdocs.yml``
names, or ``GUIDE_BUILDER``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from preview import latencies, summary

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
EXTRA = ("bench_pdf.py", "bench_documents.py", "bench_assistant.py")
"""Benchmarks of other parts of the build, run when present."""
EDITED = "data/resources/anap-kit-rgpd.yml"
AIMS = {"check": 1.0}


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    cpu: float | None
    peak_mb: float | None
    ok: bool
    output: str = ""
    aim: float | None = None

    def row(self) -> str:
        verdict = ""
        if not self.ok:
            verdict = "ÉCHEC"
        elif self.aim is not None:
            met = "atteint" if self.seconds < self.aim else "MANQUÉ"
            verdict = f"objectif < {self.aim:g} s : {met}"
        cpu = "–" if self.cpu is None else f"{self.cpu:.2f}"
        peak = "–" if self.peak_mb is None else f"{self.peak_mb:.0f}"
        return f"| {self.label} | {self.seconds:.2f} | {cpu} | {peak} | {verdict} |"


def measure_child(command: list[str]) -> int:
    """Run ``command``; print its wall time and peak memory as JSON (the ``--measure`` mode)."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                      "peak_kb": usage.ru_maxrss, "code": result.returncode,
                      "output": (result.stdout + result.stderr)[-4000:]}))
    return 0


def preview_child(root: Path) -> int:
    """What ``make serve`` does on a save, timed inside one process (the ``--preview`` mode).

    The first generation is the one ``serve`` makes at start; only the
    regeneration after the edit is timed, as the preview pays it.
    """
    sys.path.insert(0, str(ROOT))
    from generator.build import preview
    from generator.core.settings import Settings

    settings = Settings(root)
    preview(settings)
    edit_resource(root, 3)
    started, cpu = time.perf_counter(), time.process_time()
    preview(settings)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "cpu": time.process_time() - cpu}))
    return 0


def measure(label: str, command: list[str], aim: float | None = None,
            inner: bool = False) -> Measure:
    """Run ``command`` under the wrapper; ``inner``: the command prints its own timing last."""
    wrapper = [sys.executable, str(Path(__file__).resolve()), "--measure", "--", *command]
    result = subprocess.run(wrapper, capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    ok = data["code"] == 0
    if inner and ok:
        data.update(json.loads(data["output"].strip().splitlines()[-1]))
    return Measure(label, data["seconds"], data["cpu"], data["peak_kb"] / 1024, ok,
                   data["output"], aim)


def copy_project(target: Path) -> Path:
    """The project's data, pages, theme and configuration, as ``tests/conftest.py`` copies them."""
    for name in ("data", "content", "theme"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def edit_resource(root: Path, round_: int) -> None:
    """Change one resource's description, as a maintainer saving the file would."""
    path = root / EDITED
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["description"] = f"{data['description']} (modification {round_})"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def stages(project: Path) -> list[Measure]:
    cli = [sys.executable, "-m", "generator", "--root", str(project)]
    results = [measure("site complet (python -m generator site)", [*cli, "site"])]
    results.append(measure("check seul", [*cli, "check"], AIMS["check"]))
    edit_resource(project, 1)
    shutil.rmtree(project / "build", ignore_errors=True)
    results.append(measure("generate, build/ vide (début de make serve)", [*cli, "generate"]))
    edit_resource(project, 2)
    results.append(measure("generate après modification d'une ressource (commande)",
                           [*cli, "generate"]))
    preview = [sys.executable, str(Path(__file__).resolve()), "--preview", str(project)]
    results.append(measure("aperçu, génération seule (dans make serve)", preview, inner=True))
    results += preview_rows(project)
    for name in EXTRA:
        script = BENCHMARKS / name
        if script.exists():
            results.append(measure(f"benchmarks/{name}", [sys.executable, str(script)]))
    return results


def preview_rows(project: Path) -> list[Measure]:
    """The preview's latency from a save to the served page, one row per kind of edit."""
    try:
        found = latencies(project)
    except (TimeoutError, OSError) as error:
        return [Measure("aperçu de bout en bout", 0.0, None, None, False, str(error))]
    return [Measure(f"aperçu de bout en bout : {edit.label}", statistics.median(seconds), None,
                    None, True, f"{summary(seconds)}\n{output}", edit.aim)
            for edit, seconds, output in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Temps et mémoire des étapes de construction.")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--preview", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return measure_child(args.command)
    if args.preview:
        return preview_child(args.preview)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        results = stages(copy_project(Path(folder) / "project"))
    print("| étape | secondes | CPU (s) | mémoire max (Mo) | |")
    print("|---|---:|---:|---:|---|")
    for result in results:
        print(result.row())
    for result in results:
        if result.label.startswith("benchmarks/") or not result.ok:
            print(f"\n## {result.label}\n\n{result.output.strip()}")
        elif result.label.startswith("aperçu de bout en bout"):
            print(f"\n{result.label} : {result.output.splitlines()[0]}")
    print("\nSecondes : temps écoulé ; CPU : temps de calcul, processus enfants compris (s'il "
          "est bien inférieur,\nla machine était occupée ailleurs). « Aperçu de bout en bout » : "
          "de l'enregistrement du fichier\nà la page servie qui montre la modification (médiane "
          "de trois essais), ce qu'attend le mainteneur ;\nle gabarit de toutes les pages fait "
          "reconstruire tout le site.")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
