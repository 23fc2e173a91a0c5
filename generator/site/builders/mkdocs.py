"""MkDocs 1.6, still accepted: unmaintained since 2024, but the staging folder is the same."""

from __future__ import annotations

import os
import re
import sys
import time

from ...core.settings import Settings
from .base import Builder, Message
from .live import TRIGGER

_LINE = re.compile(r"^(WARNING|ERROR)\s*-\s*(.*)$")


class MkDocs(Builder):
    name = "mkdocs"
    label = "MkDocs"
    module = "mkdocs"
    package = "mkdocs"

    def environment(self) -> dict[str, str]:
        """Without Material's end-of-life notice: the builder can be changed in one line."""
        return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def staged_config(self, config: dict) -> dict:
        """No ``search`` plugin (the guide ships its own); an empty list, or MkDocs adds it."""
        plugins = [p for p in config.get("plugins") or [] if plugin_name(p) != "search"]
        return {**config, "plugins": plugins}

    def build_command(self, settings: Settings, strict: bool) -> list[str]:
        return [sys.executable, "-m", self.module, "build", "-f", str(settings.built_config),
                *(["--strict"] if strict else [])]

    def serve_command(self, settings: Settings, address: str) -> list[str]:
        """The builder's live-reload server, rebuilding only the pages whose Markdown changed
        when told to (``live.py``); ``serve --dirty`` would poll the staging folder."""
        return [sys.executable, "-m", "generator.site.builders.live", self.module,
                str(settings.built_config), address]

    def messages(self, output: str) -> list[Message]:
        return [Message(match.group(2).strip()) for line in output.splitlines()
                if (match := _LINE.match(line))]

    def refresh_preview(self, settings: Settings, changed: set[str]) -> None:
        """Tell the preview server to rebuild. A dirty rebuild skips the pages whose Markdown
        is unchanged: when the overrides or the configuration (tooltips, extensions…)
        change, every page is marked as changed. A new page title alone only rebuilds the
        pages that changed: the side navigation of the others catches up on the next full
        build."""
        if not changed:
            return
        now = time.time()
        if any(path.startswith("overrides/") or path == "mkdocs.yml" for path in changed):
            for page in settings.staging.rglob("*.md"):
                os.utime(page, (now, now))
        trigger = settings.build / TRIGGER
        trigger.touch()
        os.utime(trigger, (now, now))


class ProperDocs(MkDocs):
    """The maintained drop-in fork of MkDocs 1.6: same configuration, same messages."""

    name = "properdocs"
    label = "ProperDocs"
    module = "properdocs"
    package = "properdocs"


def plugin_name(plugin: object) -> str:
    """``search`` for ``search``, ``{"search": {…}}`` or ``material/search``."""
    name = next(iter(plugin), "") if isinstance(plugin, dict) else str(plugin)
    return name.removeprefix("material/")
