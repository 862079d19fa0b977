"""A lecture's materials (slides, recordings) as links a page may show.

The programme keeps them as a JSON list of URLs or of objects ``{"url": ..., "title": ...}``
(``label`` or ``kind`` also name a link). Only http(s) addresses become links: a ``javascript:``
address in a programme file must not run in an organiser's browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Material:
    title: str
    url: str  # "" when the entry is not an http(s) address: shown as text only


def materials(entries) -> list[Material]:
    found = []
    for entry in entries or ():
        if isinstance(entry, str):
            url, title = entry, ""
        elif isinstance(entry, dict):
            url = str(entry.get("url") or entry.get("href") or "")
            title = str(entry.get("title") or entry.get("label") or entry.get("kind") or "")
        else:
            continue
        safe = url if urlsplit(url.strip()).scheme in ("http", "https") else ""
        if safe or title:
            found.append(Material(title=title or url, url=safe))
    return found
