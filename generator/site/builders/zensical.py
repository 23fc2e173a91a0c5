"""Zensical, the successor named by Material for MkDocs' authors: it reads the same staged
``mkdocs.yml`` (relative paths, inside the project) and rebuilds only what changed."""

from __future__ import annotations

import re
import sys

from ...core.settings import Settings
from .base import Builder, Message
from .mkdocs import plugin_name

_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_HEAD = re.compile(r"^(Warning|Error):\s*(.*)$")
_PLACE = re.compile(r"\[\s*(\S+?):(\d+)(?::\d+)?\s*\]")
_QUOTED_LINE = re.compile(r"^\s*(\d+)\s*│ ?(.*)$")


class Zensical(Builder):
    name = "zensical"
    label = "Zensical"
    module = "zensical"
    package = "zensical"

    def staged_config(self, config: dict) -> dict:
        """Its built-in search turned off (the guide ships its own, the same on every builder);
        the ``classic`` variant of its theme, Material's look that the guide's styles and
        contrasts were checked against; no palette when there is a single one without a
        toggle (Zensical draws it as an unlabelled radio button, focusable yet hidden)."""
        plugins = [p for p in config.get("plugins") or [] if plugin_name(p) != "search"]
        theme = {"variant": "classic", **(config.get("theme") or {})}
        palette = theme.get("palette")
        if isinstance(palette, dict) and "toggle" not in palette:
            del theme["palette"]
        return {**config, "theme": theme, "plugins": [*plugins, {"search": {"enabled": False}}]}

    def build_command(self, settings: Settings, strict: bool) -> list[str]:
        return [sys.executable, "-m", self.module, "build", "-f", str(settings.built_config),
                *(["--strict"] if strict else [])]

    def serve_command(self, settings: Settings, address: str) -> list[str]:
        return [sys.executable, "-m", self.module, "serve", "-f", str(settings.built_config),
                "-a", address]

    def messages(self, output: str) -> list[Message]:
        """« Warning: anchor does not exist », then a frame naming ``page.md:80:44`` and
        quoting the staged line."""
        lines = [_COLOUR.sub("", line) for line in output.splitlines()]
        found = []
        for number, line in enumerate(lines):
            head = _HEAD.match(line.strip())
            if not head:
                continue
            page, where, quoted = "", 0, ""
            for after in lines[number + 1:number + 6]:
                if _HEAD.match(after.strip()):
                    break
                if not page and (place := _PLACE.search(after)):
                    page, where = place.group(1), int(place.group(2))
                elif page and (text := _QUOTED_LINE.match(after)) and int(text.group(1)) == where:
                    quoted = text.group(2)
                    break
            found.append(Message(head.group(2).strip() + (f" ({page}:{where})" if page else ""),
                                 page, where, quoted))
        return found
