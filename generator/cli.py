"""A thin command line over the library: data errors become messages and exit code 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent


def _check(args: argparse.Namespace) -> int:
    from .validation import check

    loaded = check(args.root)
    counts = ", ".join(f"{len(records)} {name}" for name, records in loaded.records.items())
    print(f"Données valides : {counts}, {len(loaded.pages)} pages rédigées.")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .site import Settings, generate

    settings = Settings(args.root)
    generate(settings)
    print(f"Pages écrites dans {settings.staging}.")
    return 0


def _site(args: argparse.Namespace) -> int:
    from .site import Settings, build_site

    settings = Settings(args.root)
    build_site(settings, strict=not args.no_strict)
    print(f"Site construit dans {settings.site}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.root, args.address)


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
    serve.set_defaults(run=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
