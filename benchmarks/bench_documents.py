"""Benchmark of the document models: one groupement, then a batch on every core.

One groupement is filled as a coordinator does it, `python -m generator fill`, Python
start-up included (aim: under 3 s). The batch fills many groupements with one worker
process per core, each worker filling whole groupements, so the time should fall as
cores are added. Everything is written to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = sorted((ROOT / "data" / "groupements").glob("*.yml"))
AIM = 3.0


def fill_once(path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the command a coordinator runs (CPU: all its processes).

    The CPU time does not depend on what else the machine runs: on a busy machine,
    compare it with the wall time to see how much waiting there was.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "fill", str(path), "-o", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def without_pdf(path: Path) -> float:
    """Seconds to check one groupement and write its DOCX and HTML in this process, as the
    browser assistant does (no WeasyPrint there), the theme already loaded."""
    from generator.documents.fill import load
    from generator.documents.render import renderer_for

    renderer = renderer_for(ROOT / "theme")
    start = time.perf_counter()
    renderer.files(load(path, path.name, renderer), ("docx", "html"))
    return time.perf_counter() - start


def _fill(job: tuple[str, str]) -> int:
    from generator.documents.fill import fill

    path, out = job
    return len(fill(Path(path), Path(out), ROOT / "theme", jobs=1))


def batch(count: int, workers: int, folder: Path) -> float:
    """Wall seconds to fill ``count`` groupements with ``workers`` processes."""
    import multiprocessing

    from generator.core.weasy import preload
    from generator.documents.render import PRINT_CSS, renderer_for

    renderer_for(ROOT / "theme")
    preload(ROOT / "theme", (PRINT_CSS,))  # inherited by the forked workers
    jobs = [(str(EXAMPLES[i % len(EXAMPLES)]), str(folder / f"g{i:03d}")) for i in range(count)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as executor:
        written = sum(executor.map(_fill, jobs))
    assert written == 9 * count
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100, help="groupements du lot (100)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as temporary:
        folder = Path(temporary)
        print("| mesure | secondes |")
        print("|---|---:|")
        for path in EXAMPLES:
            fill_once(path, folder / "warm")  # the first run fills the disk caches
            seconds, cpu = min(fill_once(path, folder / path.stem) for _ in range(3))
            verdict = "atteint" if seconds < AIM else "MANQUÉ"
            print(f"| un groupement ({path.stem}, 3 documents × 3 formats, meilleur de 3) "
                  f"| {seconds:.2f} (objectif < {AIM:g} s : {verdict} ; CPU {cpu:.2f} s) |")
            quick = min(without_pdf(path) for _ in range(3))
            print(f"| un groupement ({path.stem}), DOCX et HTML seulement, sans PDF | {quick:.2f} |")
        one = batch(cores, 1, folder / "one-core")
        print(f"| {cores} groupements sur 1 cœur | {one:.2f} |")
        spread = batch(cores, cores, folder / "all-cores")
        print(f"| {cores} groupements sur {cores} cœurs | {spread:.2f} "
              f"(accélération × {one / spread:.2f}) |")
        seconds = batch(args.batch, cores, folder / "batch")
        print(f"| lot de {args.batch} groupements sur {cores} cœurs | {seconds:.2f} "
              f"({seconds / args.batch:.2f} s par groupement) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
