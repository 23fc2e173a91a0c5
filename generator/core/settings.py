"""Where things are: every path derives from the project root, resolved once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """The project's folders and files; ``root`` may be given relative, it is made absolute."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).expanduser().resolve())

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def groupements(self) -> Path:
        return self.data / "groupements"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def staging(self) -> Path:
        return self.build / "docs"

    @property
    def overrides(self) -> Path:
        """Material overrides as built: theme/overrides plus the composed search language."""
        return self.build / "overrides"

    @property
    def built_config(self) -> Path:
        return self.build / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def shown(self, path: Path) -> str:
        """A path as maintainers read it: relative to the project when inside it."""
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
