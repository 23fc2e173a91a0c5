"""A thin command line over the library: problems become messages and exit code 1.

Every command that reads the project validates every input first (``build.check``),
so a mistake is reported the same way whichever command meets it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.problems import DataError, Problem
from .core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _check(args: argparse.Namespace) -> int:
    from .build import check
    from .guide.kinds import kind

    checked = check(args.settings)
    counts = ", ".join(f"{len(records)} {kind(name).label if len(records) < 2 else kind(name).plural}"
                       for name, records in checked.loaded.records.items())
    print(f"Données valides : {counts}, {len(checked.loaded.pages)} pages rédigées, "
          f"{len(checked.groupements)} groupements d'exemple.")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .build import preview

    preview(args.settings)
    print(f"Pages écrites dans {args.settings.staging}.")
    return 0


def _site(args: argparse.Namespace) -> int:
    from .build import build

    build(args.settings, strict=not args.no_strict)
    print(f"Site construit dans {args.settings.site}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.settings, args.address, downloads=args.telechargements)


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    folder = args.output or args.settings.root / "schemas"
    written = write_schemas(folder)
    print(f"{len(written)} schémas JSON écrits dans {folder}.")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .guide.report import ReportSettings, build_report

    print(build_report(args.settings.root, ReportSettings(months=args.months)), end="")
    return 0


def _fill(args: argparse.Namespace) -> int:
    from .documents.fill import fill

    try:
        written = fill(args.file, args.output, args.settings.theme)
    except OSError as error:
        where = error.filename or args.output or args.file
        raise DataError([Problem(str(where), 1, "", "écriture impossible "
                                 f"({error.strerror or error})")]) from None
    print(f"{len(written)} fichiers écrits dans {written[0].parent}.")
    return 0


def _months(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"nombre de mois attendu (1 ou plus), trouvé « {text} »")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Générateur du guide et des documents.")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="dossier du projet (par défaut : celui du générateur)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="valider toutes les données").set_defaults(run=_check)
    commands.add_parser("generate", help="écrire les pages Markdown (build/docs)"
                        ).set_defaults(run=_generate)
    site = commands.add_parser("site", help="construire le site complet dans site/")
    site.add_argument("--no-strict", action="store_true", help="tolérer les avertissements MkDocs")
    site.set_defaults(run=_site)
    serve = commands.add_parser("serve", help="prévisualiser le site et le régénérer à chaque modification")
    serve.add_argument("--address", default="127.0.0.1:8000", help="adresse:port d'écoute")
    serve.add_argument("--telechargements", action="store_true",
                       help="reconstruire aussi les PDF et les documents à chaque modification")
    serve.set_defaults(run=_serve)
    schema = commands.add_parser("schema", help="écrire les schémas JSON des fichiers de données")
    schema.add_argument("-o", "--output", type=Path,
                        help="dossier de destination (par défaut : schemas/ du projet)")
    schema.set_defaults(run=_schema)
    fill = commands.add_parser("fill", help="remplir la convention, le PQP et la note de cadrage "
                               "d'un groupement (PDF, DOCX, HTML)")
    fill.add_argument("file", type=Path, help="fichier du groupement, par exemple "
                      "data/groupements/trois-esms.yml")
    fill.add_argument("-o", "--output", type=Path,
                      help="dossier de destination (par défaut : out/<nom du groupement>/)")
    fill.set_defaults(run=_fill)
    report = commands.add_parser("report", help="lister les entrées à relire et les blocs vides")
    report.add_argument("--months", type=_months, default=12,
                        help="âge maximal d'une revue, en mois (par défaut : %(default)s)")
    report.set_defaults(run=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.settings = Settings(args.root)
    try:
        return args.run(args)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''}.",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
