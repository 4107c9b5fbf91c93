"""Where the links of the site's pages lead from the PDF, a file read away from the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit


@dataclass
class Links:
    """Where the links of the site's pages lead from the PDF, a file read away from the site.

    ``page``: the address of the page the HTML was written for (links in it are relative to it);
    ``printed``: the address of each page in the PDF → the anchor of its section; ``site_url``: the
    language's published address, or None. A link to a page or anchor in the PDF leads there; any other
    link to the site leads to its absolute address, or, without a site URL, nowhere (its text stays):
    a relative link would break once the file is downloaded."""

    page: str
    printed: dict[str, str]
    site_url: str | None
    ids: set[str] = field(default_factory=set)  # every anchor of the document (filled while reading)
    targets: set[str] = field(default_factory=set)  # the anchors links lead to

    def resolve(self, href: str) -> dict | None:
        """{"label": anchor} inside the PDF, {"url": address} outside it, or None for no link."""
        if not href:
            return None
        scheme = urlsplit(href).scheme
        if scheme in ("http", "https", "mailto"):
            return {"url": href}
        if scheme:  # javascript:, data:, file: … lead nowhere a reader of the PDF can follow
            return None
        path, _, fragment = urljoin(f"/{self.page}", href).partition("#")
        path = path.lstrip("/")
        if path == self.page.split("#")[0] and href.startswith("#"):
            return self._anchor(fragment) or self._outside(path, fragment)
        section = self.printed.get(path)
        if section is not None:
            return self._anchor(f"{section}--{fragment}" if fragment else section) or self._outside(path, fragment)
        return self._outside(path, fragment)

    def _anchor(self, anchor: str) -> dict | None:
        if anchor in self.ids:
            self.targets.add(anchor)
            return {"label": anchor}
        return None

    def _outside(self, path: str, fragment: str) -> dict | None:
        if not self.site_url:
            return None
        return {"url": self.site_url + path + (f"#{fragment}" if fragment else "")}
