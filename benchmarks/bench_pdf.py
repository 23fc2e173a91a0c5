"""Benchmark of the companion PDFs: the whole guide alone, then every PDF on every core.

Each measure runs in a fresh Python process (``--stage``) so that its peak memory,
read with ``resource.getrusage`` for the process and its worker processes, is
its own. Aim for the whole guide: under 20 s and under 1 GiB. Nothing is written.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AIM_SECONDS = 20.0
AIM_MB = 1024.0


def stage(name: str) -> dict:
    """Run one measure in this process; the PDFs are laid out by forked workers."""
    from pypdf import PdfReader

    from generator.build import check, index
    from generator.core.settings import Settings
    from generator.pdf.documents import Identity, print_documents
    from generator.pdf.render import render_all

    settings = Settings(ROOT)
    guide = index(settings)
    started = time.perf_counter()
    docs = print_documents(guide, settings.theme, Identity.from_config(check(settings).config))
    if name == "guide":
        docs = iter([next(docs)])
    files = render_all(docs, settings.theme)
    seconds = time.perf_counter() - started
    pages = {path: len(PdfReader(io.BytesIO(data)).pages) for path, data in files.items()}
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": seconds, "pages": pages, "peak_mb": peak_kb / 1024,
            "bytes": sum(len(data) for data in files.values())}


def run_stage(name: str) -> dict:
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--stage", name],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def verdict(value: float, aim: float) -> str:
    return "atteint" if value < aim else "MANQUÉ"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=("guide", "all"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(stage(args.stage)))
        return 0
    guide = run_stage("guide")
    every = run_stage("all")
    guide_pages = sum(guide["pages"].values())
    all_pages = sum(every["pages"].values())
    print(f"| mesure ({os.cpu_count()} cœurs) | secondes | pages | s par page | mémoire max (Mo) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| guide complet seul | {guide['seconds']:.2f} | {guide_pages} "
          f"| {guide['seconds'] / guide_pages:.3f} | {guide['peak_mb']:.0f} |")
    print(f"| tous les PDF ({len(every['pages'])}) en parallèle | {every['seconds']:.2f} "
          f"| {all_pages} | {every['seconds'] / all_pages:.3f} | {every['peak_mb']:.0f} |")
    print()
    print(f"Guide complet : {guide['seconds']:.1f} s (objectif < {AIM_SECONDS:g} s : "
          f"{verdict(guide['seconds'], AIM_SECONDS)}), {guide['peak_mb']:.0f} Mo "
          f"(objectif < {AIM_MB:g} Mo : {verdict(guide['peak_mb'], AIM_MB)}).")
    print(f"Taille totale des PDF : {every['bytes'] / 1_000_000:.1f} Mo. Pages par PDF : "
          + ", ".join(f"{Path(path).stem} {count}" for path, count in every["pages"].items()) + ".")
    print("Les secondes comptent l'écriture du HTML et la mise en page, pas le démarrage de Python "
          "ni la validation des données.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
