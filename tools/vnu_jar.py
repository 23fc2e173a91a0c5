"""The Nu Html Checker (``vnu.jar``) that the HTML test runs: pinned, verified, fetched once.

The jar comes from the npm package ``vnu-jar``, downloaded from the npm registry without
Node.js: the tarball must match the pinned ``integrity`` (its SHA-512, as npm itself checks),
then the jar is kept in ``.venv/tools/``, beside what ``make`` installs, and never committed.

    python tools/vnu_jar.py            # fetch it if missing, then print its path
    python tools/vnu_jar.py --latest   # the newest release and its integrity, to update the pin

Only the standard library: ``make test`` runs it before the virtual environment matters.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import io
import json
import os
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
INTEGRITY = ("sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgB"
             "X6RJRNea0KA==")
REGISTRY = "https://registry.npmjs.org/vnu-jar"
URL = f"{REGISTRY}/-/vnu-jar-{VERSION}.tgz"
MEMBER = "package/build/dist/vnu.jar"
ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / ".venv" / "tools" / f"vnu-jar-{VERSION}" / "vnu.jar"


class FetchError(Exception):
    """A download or a check that failed, with a message for the reader."""


def integrity(data: bytes) -> str:
    """The npm ``integrity`` string of a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def download(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        raise FetchError(f"téléchargement impossible de {url} : {error}") from None


def fetch() -> Path:
    """The jar, downloaded and checked first if it is not there yet."""
    jar = JAR
    if jar.is_file():
        return jar
    data = download(URL)
    if integrity(data) != INTEGRITY:
        raise FetchError(f"{URL} ne correspond pas à l'empreinte attendue ({INTEGRITY}) : "
                         "fichier refusé")
    jar.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        source = archive.extractfile(MEMBER)
        if source is None:
            raise FetchError(f"{URL} ne contient pas {MEMBER}")
        with tempfile.NamedTemporaryFile(dir=jar.parent, delete=False) as partial:
            partial.write(source.read())
    os.chmod(partial.name, 0o644)
    os.replace(partial.name, jar)
    return jar


def latest() -> str:
    """The newest release and its integrity, as lines to paste above."""
    try:
        meta = json.loads(download(f"{REGISTRY}/latest"))
    except json.JSONDecodeError as error:
        raise FetchError(f"réponse illisible du registre npm : {error}") from None
    return f'VERSION = "{meta["version"]}"\nINTEGRITY = "{meta["dist"]["integrity"]}"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nu Html Checker (vnu.jar) des tests HTML.")
    parser.add_argument("--quiet", action="store_true", help="ne pas afficher le chemin du fichier")
    parser.add_argument("--latest", action="store_true",
                        help="afficher la dernière version publiée et son empreinte")
    args = parser.parse_args(argv)
    try:
        if args.latest:
            print(latest())
            return 0
        if not JAR.is_file():
            print(f"Téléchargement du Nu Html Checker {VERSION} depuis le registre npm…")
        jar = fetch()
    except FetchError as error:
        print(f"Nu Html Checker : {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(jar)
    return 0


if __name__ == "__main__":
    sys.exit(main())
