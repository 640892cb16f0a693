"""News feeds: RSS 2.0 and JSON Feed 1.1 at stable URLs under /aktuelles/.

Both are small, fixed formats; the standard library writes them (ElementTree escapes
XML, json escapes JSON) without the build-clock defaults of feed libraries. Every date
comes from front matter, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from datetime import datetime, time
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from quartier import paths
from quartier.config import SiteConfig
from quartier.content.model import Post, Site

RSS_PATH = paths.NEWS_RSS
JSON_FEED_PATH = paths.NEWS_JSON_FEED
NEWS_FEED_PATHS = (RSS_PATH, JSON_FEED_PATH)
FEED_SIZE = 30
"""The newest posts in each feed; readers keep what they have seen."""


def _published(post: Post, config: SiteConfig) -> datetime:
    if isinstance(post.date, datetime):
        return post.date
    # A date alone means the morning of that day in the site's zone, not UTC midnight.
    return datetime.combine(post.date, time(9, 0), tzinfo=ZoneInfo(config.timezone))


def render_news_feeds(site: Site, config: SiteConfig) -> dict[str, bytes]:
    """The files of ``NEWS_FEED_PATHS``."""
    posts = site.posts[:FEED_SIZE]
    return {RSS_PATH: rss(posts, config), JSON_FEED_PATH: json_feed(posts, config)}


def rss(posts: tuple[Post, ...], config: SiteConfig) -> bytes:
    ET.register_namespace("atom", "http://www.w3.org/2005/Atom")
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = f"{config.site_name}: Aktuelles"
    ET.SubElement(channel, "link").text = config.absolute_url(paths.NEWS_INDEX)
    ET.SubElement(channel, "description").text = f"Neuigkeiten von {config.site_name}"
    ET.SubElement(channel, "language").text = "de-DE"
    ET.SubElement(
        channel,
        "{http://www.w3.org/2005/Atom}link",
        {"href": config.absolute_url(RSS_PATH), "rel": "self", "type": "application/rss+xml"},
    )
    if posts:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(_published(posts[0], config))
    for post in posts:
        item = ET.SubElement(channel, "item")
        url = config.absolute_url(post.url_path)
        ET.SubElement(item, "title").text = post.title
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = url
        ET.SubElement(item, "pubDate").text = format_datetime(_published(post, config))
        # Readers treat <description> as HTML: the plain-text summary is escaped as such.
        ET.SubElement(item, "description").text = html.escape(post.summary, quote=False)
        for category in post.categories:
            ET.SubElement(item, "category").text = category
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def json_feed(posts: tuple[Post, ...], config: SiteConfig) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{config.site_name}: Aktuelles",
        "home_page_url": config.absolute_url(paths.NEWS_INDEX),
        "feed_url": config.absolute_url(JSON_FEED_PATH),
        "description": f"Neuigkeiten von {config.site_name}",
        "language": "de-DE",
        "items": [
            {
                "id": config.absolute_url(post.url_path),
                "url": config.absolute_url(post.url_path),
                "title": post.title,
                "content_text": post.summary,
                "summary": post.summary,
                "date_published": _published(post, config).isoformat(),
                **({"tags": list(post.categories)} if post.categories else {}),
                **({"authors": [{"name": name} for name in post.authors]} if post.authors else {}),
            }
            for post in posts
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
