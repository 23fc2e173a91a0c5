"""The preview server of ProperDocs and MkDocs, quicker than their ``serve --dirty``.

Run by ``make serve`` as ``python -m generator.site.builders.live MODULE CONFIG ADDRESS``,
in the builder's own process (the generator never imports a builder). It serves the site
with the builder's live-reload server and rebuilds, in dirty mode, only the pages whose
Markdown changed, when the generator touches ``build/.preview`` after staging — no
polling of the whole staging folder. Between rebuilds it keeps the configuration (parsed
again only when ``build/mkdocs.yml`` changes) and the theme's compiled templates (checked
against their source, so an edited override is compiled again).
"""

from __future__ import annotations

import importlib
import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2

from ...core.templates import MemoryCache

TRIGGER = ".preview"
"""The file, next to the staged configuration, touched after each staging."""


def serve(module: str, config_file: Path, address: str) -> None:
    build = importlib.import_module(f"{module}.commands.build").build
    load_config = importlib.import_module(f"{module}.config").load_config
    livereload = importlib.import_module(f"{module}.livereload")
    host, _, port = address.rpartition(":")
    site = tempfile.mkdtemp(prefix="guide-preview-")
    url = livereload._serve_url(host, int(port), "/")
    compiled = MemoryCache()
    kept: dict[str, Any] = {}

    def configuration() -> Any:
        text = config_file.read_bytes()
        if kept.get("text") != text:
            config = load_config(config_file=str(config_file), site_dir=site,
                                 dev_addr=address)
            config.site_url = url
            theme = config.theme
            fresh_env = theme.get_env

            def get_env() -> jinja2.Environment:
                env = fresh_env()
                env.bytecode_cache = compiled
                return env

            theme.get_env = get_env
            kept.update(text=text, config=config)
        return kept["config"]

    first = [True]

    def rebuild() -> None:
        build(configuration(), serve_url=url, dirty=not first[0])
        first[0] = False

    server = livereload.LiveReloadServer(builder=rebuild, host=host, port=int(port), root=site,
                                         polling_interval=0.05)
    server.build_delay = 0.01

    def error_page(code: int) -> bytes | None:
        page = Path(site) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    trigger = config_file.parent / TRIGGER
    trigger.touch()
    try:
        rebuild()
        server.watch(str(trigger), recursive=False)
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    serve(sys.argv[1], Path(sys.argv[2]).resolve(), sys.argv[3])
