"""An OPML file: the subscription list that feed readers import to follow several feeds at once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .feeds import Channel, FeedSpec

OPML_PATH = "feeds.opml"  # the subscription list of the blog and news feeds


def opml(title: str, specs: Iterable[FeedSpec], channel: Channel) -> bytes:
    """OPML 2.0 with one outline per feed; no dateCreated, so the same feeds give the same bytes."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for spec in specs:
        ET.SubElement(
            body,
            "outline",
            type=spec.kind,
            text=spec.title,
            title=spec.title,
            xmlUrl=channel.absolute(spec.path),
            htmlUrl=channel.absolute(spec.html_url),
        )
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"
