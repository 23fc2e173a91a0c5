"""Where readers go to contribute or correct a page, from mkdocs.yml, computed once.

``repo_url`` names the guide's repository and ``extra.contact`` an address readers can
write to (an e-mail address or a web page). Contribution links lead there; with
neither, they are left out of the pages and the build says so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteLinks:
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    contact: str = ""

    @classmethod
    def from_config(cls, config: dict) -> SiteLinks:
        extra = config.get("extra") or {}
        return cls(repo_url=str(config.get("repo_url") or "").rstrip("/"),
                   edit_uri=str(extra.get("edit_uri") or "edit/main/"),
                   contact=str(extra.get("contact") or "").strip())

    @property
    def contact_href(self) -> str:
        """The contact as a link: a bare e-mail address becomes a ``mailto:``."""
        if self.contact and "@" in self.contact and "://" not in self.contact \
                and not self.contact.startswith("mailto:"):
            return "mailto:" + self.contact
        return self.contact

    @property
    def proposal_href(self) -> str:
        """Where « Proposer une ressource » leads: the repository's new request form when
        the guide has a repository, else the contact; empty when neither is set."""
        if self.repo_url:
            issues = "/-/issues/new" if "gitlab" in self.repo_url else "/issues/new"
            return self.repo_url + issues
        return self.contact_href

    def edit_url(self, edit_path: str) -> str:
        """The address of the file a maintainer changes for a page, or ``""``."""
        if not (self.repo_url and edit_path):
            return ""
        file = edit_path.partition("#L")[0]
        uri = self.edit_uri.replace("edit/", "new/") if file.endswith("/") else self.edit_uri
        base = uri if uri.startswith(("http://", "https://")) else \
            f"{self.repo_url}/{uri.lstrip('/')}"
        return base + file

    def warnings(self) -> list[str]:
        """What the build tells a maintainer about these settings."""
        if self.repo_url or self.contact:
            return []
        return ["mkdocs.yml: avertissement : ni « repo_url » ni « extra.contact » ne sont "
                "renseignés ; les liens « Proposer une ressource » et « Signaler un besoin » "
                "sont retirés des pages."]
