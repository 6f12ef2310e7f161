"""Saved web pages (``.html``) and single-file pages (``.mhtml``): the article's text and the
metadata the page gives about it.

The main text comes from trafilatura, which is built and benchmarked for this job (its
evaluation compares it with readability, jusText, newspaper and goose on real pages); menus,
scripts, cookie banners, captions, related links, comments and footers stay out. Metadata is
read from the page's own markup: OpenGraph and other meta tags, JSON-LD, ``<link
rel=canonical>``, ``<html lang>``; the publication date from htmldate, markup only (a date
guessed from visible text is too often a comment's date or a copyright year).
"""
from __future__ import annotations

import codecs
import collections
import email
import email.policy
import json
import re
from urllib.parse import urljoin, urlsplit

from .base import InputError, Reading
from .markup import bounded_attributes

NOT_AN_ARTICLE = "is a web page without an article (a home page or a list of links?); save the article page itself"
LOGIN_PAGE = "is a login or subscription page, not an article; save the article page while signed in"
ERROR_PAGE = "is an error page ({what}), not an article; save the article page itself"
EMPTY_PAGE = "is a web page without any text; save the article page itself"
# Fewer words than MIN_WORDS in the main text is not an article (a paywall teaser, a stub); a login
# form or an error heading with fewer than SHORT_TEXT is not one either. A page that does not say it
# is an article, with at least MIN_TEASERS headline links and no more paragraphs than them, is an index.
MIN_WORDS = 40
SHORT_TEXT = 150
MIN_TEASERS = 10
# trafilatura's time grows faster than the number of elements: 100,000 small paragraphs took 10 s,
# 150,000 24 s, 600,000 (a 6 MB page) more than 4 minutes. An article page has a few thousand; one
# swollen with icons, ad slots and menus (tests/test_readers_html.py) about 50,000.
MAX_ELEMENTS = 100_000
TOO_MANY_ELEMENTS = ("has {count:,} elements, more than any article page ({limit:,}); if it is one, "
                     "save its text as a .txt file and give that")
# lxml (libxml2) stops reading a page at this depth of nested elements: what comes after is lost.
MAX_DEPTH = 256
TOO_DEEP = ("has elements nested more than {limit} deep, deeper than any article page; if it is one, "
            "save its text as a .txt file and give that")
CUT_AT_DEPTH = "has elements nested more than {limit} deep; read only as far as they start"
# trafilatura's trade-off ("precision", "recall" or "balanced"): measured with benchmarks/html_reader.py,
# precision keeps every article sentence of the test pages and leaves out more of what surrounds them.
FAVOR = "precision"
# JSON-LD types that describe the article itself (not the site, a breadcrumb or an image).
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                           "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "blogposting",
                           "liveblogposting", "report", "scholarlyarticle", "techarticle", "webpage"})
# Blocks inside an article that point elsewhere ("Related: ...", "Read more: ..."), by their first words.
POINTER_OPENINGS = re.compile(r"\s*(?:related(?: articles| stories| coverage| content)?|read more|read also|"
                              r"also read|see also|more on this(?: story)?|recommended|you may also like|"
                              r"more from|most read|most popular)\b\s*[:»>\-–]?", re.I)
# Words of a title or heading that mark an error page.
ERROR_TITLES = re.compile(r"\b(404|403|410|500|page not found|not found|access denied|forbidden|"
                          r"page (?:does not|doesn't) exist|error)\b", re.I)
# Charset labels a browser reads as Windows-1252 (the WHATWG encoding standard).
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii",
                                 "iso_8859-1", "cp819", "windows-1252", "cp1252", "x-cp1252"})
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
# Characters that lxml's HTML parser keeps but no element's text may be set to: dropping a block or
# extracting the article, which joins texts, would raise. Scraped pages hold them (a vertical tab, \x01).
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SITE_SEPARATORS = (" - ", " | ", " – ", " — ", " · ", " :: ", " : ")
_WORD = re.compile(r"\w+")
# Class names and ids of the blocks around an article that list other pages.
_ASIDE = re.compile(r"related|popular|most|recommend|sidebar|widget|footer|menu|nav|trending|more", re.I)
_TIME = re.compile(r"T(\d{2}:\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def read(data: bytes, name: str = "") -> list[Reading]:
    """The article in a saved web page or MHTML file, with the page's metadata. Raises InputError
    for a page that holds no article (a home page, a login page, an error page)."""
    from . import sniff

    warnings: list[str] = []
    charset, location = None, ""
    if sniff(data, name) == "mhtml":
        data, charset, location = html_part(data)
    text = decode_page(data, charset, warnings)
    return [read_page(text, location, warnings)]


def html_part(data: bytes) -> tuple[bytes, str | None, str]:
    """The HTML document in an MHTML file: its bytes (transfer encoding undone), its charset and
    its ``Content-Location``."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            location = part.get("Content-Location") or message.get("Snapshot-Content-Location") or ""
            return payload, part.get_content_charset(), str(location).strip()
    raise InputError("is an MHTML file without a web page in it; save the article page again")


def decode_page(data: bytes, charset: str | None, warnings: list[str]) -> str:
    """The text of a page: by its byte-order mark, else the charset it declares (in the MHTML part
    or a ``<meta>`` tag), else as plain text is decoded (UTF-8, then Windows-1252 or Latin-1)."""
    from .text import BYTE_ORDER_MARKS, decode

    for mark, encoding, _label in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return data[len(mark):].decode(encoding, errors="replace")
    if charset is None:
        declared = _META_CHARSET.search(data[:8192])
        charset = declared.group(1).decode("ascii", "replace") if declared else None
    if charset:
        label = charset.strip().lower()
        try:
            encoding = "cp1252" if label in WINDOWS_1252_LABELS else codecs.lookup(label).name
        except LookupError:
            warnings.append(f"declares the unknown charset {charset!r}; read as UTF-8 or Windows-1252")
        else:
            if encoding.startswith(("utf-16", "utf-32")):
                encoding = "utf-8"  # a <meta> tag readable as ASCII cannot be in UTF-16 (WHATWG)
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                warnings.append(f"is not all valid {charset}; unreadable bytes are shown as \ufffd")
                return data.decode(encoding, errors="replace")
    try:
        decoded = decode(data)
    except InputError:
        warnings.append("is not valid UTF-8 and declares no charset; unreadable bytes are shown as \ufffd")
        return data.decode("utf-8", errors="replace")
    if decoded.assumed:
        warnings.append(decoded.assumed)
    return decoded.text


def read_page(page: str, location: str = "", warnings: list[str] | None = None) -> Reading:
    """The article and metadata of a decoded page; ``location`` is where it was saved from, if known."""
    import lxml.html
    from lxml.etree import ParserError

    warnings = warnings if warnings is not None else []
    page = _NOT_XML.sub(" ", _XML_DECLARATION.sub("", page, count=1).replace("\x00", ""))
    page = bounded_attributes(page, warnings)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(page, parser=parser)
    except (ParserError, ValueError):
        raise InputError(EMPTY_PAGE) from None
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message
                   for error in parser.error_log)
    count = sum(1 for _ in tree.iter())
    if count > MAX_ELEMENTS:
        raise InputError(TOO_MANY_ELEMENTS.format(count=count, limit=MAX_ELEMENTS))
    meta = _meta_tags(tree)
    article, site_name = _json_ld_article(tree)
    url = _page_url(tree, meta, article, location, warnings)
    wiki = _is_wiki(tree, meta)
    # A wiki's publisher is the body that hosts it ("Wikimedia Foundation, Inc."), not the site read.
    source = (meta.get("og:site_name") or (not wiki and _name_of(article.get("publisher"))) or site_name
              or meta.get("application-name", ""))
    title, site = _title(tree, meta, article, source)
    source = source or site or _domain(url)
    published = _published(tree, meta, article, wiki)
    text = _main_text(tree, url, title)
    if too_deep:
        if len(_WORD.findall(text)) < MIN_WORDS:
            raise InputError(TOO_DEEP.format(limit=MAX_DEPTH))
        warnings.append(CUT_AT_DEPTH.format(limit=MAX_DEPTH))
    _refuse_non_article(tree, text, title, bool(article) or meta.get("og:type") == "article")
    return Reading(
        text=text,
        title=title,
        source=source,
        url=url,
        published=published,
        published_from="page metadata" if published else "",
        language=_language(tree, meta),
        author=_author(tree, meta, article),
        warnings=tuple(warnings),
    )


def _meta_tags(tree) -> dict[str, str]:
    """The page's ``<meta>`` values by lower-case property, name, itemprop or http-equiv; the first wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in found:
                found[key] = " ".join(content.split())
    return found


def _json_ld_article(tree) -> tuple[dict, str]:
    """The first JSON-LD object that describes an article (in a list or an ``@graph`` too), and the
    name of the web site the JSON-LD describes, if any."""
    fallback: dict = {}
    site = ""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than any metadata: not the article's
            continue
        # First in, first out, in time linear in the objects: a list's front popped is moved up whole.
        waiting = collections.deque([data])
        while waiting:
            item = waiting.popleft()
            if isinstance(item, list):
                waiting.extend(item)
            elif isinstance(item, dict):
                waiting.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))
                types = item.get("@type")
                types = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
                if types & ARTICLE_TYPES - {"webpage"}:
                    return item, site or _site_name(data)
                if "website" in types and not site:
                    site = _name_of(item.get("name"))
                if "webpage" in types and not fallback:
                    fallback = item
    return fallback, site


def _site_name(data) -> str:
    """The name of the WebSite object among the JSON-LD ``data`` (in a list or an ``@graph``)."""
    items = data if isinstance(data, list) else data.get("@graph", []) if isinstance(data, dict) else []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and str(item.get("@type", "")).lower() == "website":
            return _name_of(item.get("name"))
    return ""


def _name_of(value) -> str:
    """The name in a JSON-LD person or organisation, or in a list of them (joined by commas)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list):
        return ", ".join(filter(None, (_name_of(v) for v in value)))
    return ""


def _page_url(tree, meta: dict[str, str], article: dict, location: str, warnings: list[str]) -> str:
    """The page's canonical address: ``<link rel=canonical>``, og:url, JSON-LD, where it was saved
    from; only http(s) addresses count (a ``javascript:`` one is left out with a warning)."""
    canonical = next((link.get("href", "") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split()), "")
    entity = article.get("mainEntityOfPage")
    candidates = [canonical, meta.get("og:url", ""), article.get("url") if isinstance(article.get("url"), str) else "",
                  entity.get("@id", "") if isinstance(entity, dict) else entity if isinstance(entity, str) else "",
                  location]
    base = next((c for c in candidates if _is_web_address(c)), "")
    for candidate in candidates:
        candidate = (candidate or "").strip()
        if not candidate:
            continue
        address = urljoin(base, candidate) if base and "://" not in candidate and ":" not in candidate[:11] else candidate
        if _is_web_address(address):
            return address
        warnings.append(f"gives the page address {candidate[:60]!r}, which is not a web address; it is left out")
    return ""


def _is_web_address(address: str) -> bool:
    try:
        parts = urlsplit((address or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or "" if url else ""
    return host[4:] if host.startswith("www.") else host


def _title(tree, meta: dict[str, str], article: dict, source: str) -> tuple[str, str]:
    """The article's headline (og:title, JSON-LD headline, twitter:title, ``<title>``, the first
    ``<h1>``) without the site's name at its end or start, and the site's name when only the
    headline told it ("Headline | Site" whose first part is the page's ``<h1>``)."""
    headline = article.get("headline") if isinstance(article.get("headline"), str) else ""
    element = tree.find(".//title")
    heading = tree.find(".//h1")
    heading = " ".join(heading.text_content().split()) if heading is not None else ""
    for candidate in (meta.get("og:title"), headline, meta.get("twitter:title"),
                      element.text_content() if element is not None else "", heading):
        title = " ".join((candidate or "").split())
        if not title:
            continue
        if source and (without := _without_site(title, source)) != title:
            return without, ""
        # "Headline | UN Office for Humanitarian Coordination" under a site named "UNOHC": the part the page's
        # <h1> repeats is the headline, the rest the site's name (told by the page's metadata when it has one).
        for separator in _SITE_SEPARATORS if heading and title != heading else ():
            if title.startswith(heading + separator):
                return heading, "" if source else title[len(heading + separator):].strip()
            if title.endswith(separator + heading):
                return heading, "" if source else title[:-len(separator + heading)].strip()
        return title, ""
    return "", ""


def _without_site(title: str, source: str) -> str:
    folded, site = title.casefold(), source.casefold()
    for separator in _SITE_SEPARATORS:
        if folded.endswith(separator + site):
            return title[:-len(separator + site)].strip()
        if folded.startswith(site + separator):
            return title[len(site + separator):].strip()
    return title


def _published(tree, meta: dict[str, str], article: dict, wiki: bool = False) -> str | None:
    """The date the page says it was first published (htmldate on its markup: meta tags, JSON-LD,
    ``<time>`` elements, the address), with the time of day when explicit metadata gives one; for a
    wiki's page, which is written over for years, the day of its last edit, the text's own time."""
    from htmldate import find_date

    modified = article.get("dateModified")
    if wiki and isinstance(modified, str) and _DAY.match(modified.strip()):
        modified = modified.strip()
        clock = _TIME.match(modified[10:])
        return modified[:10] + (f"T{clock.group(1)}" if clock else "")
    try:
        day = find_date(tree, original_date=not wiki, extensive_search=False)
    except Exception:  # htmldate on broken markup; the page is still read, undated
        day = None
    if not day:
        return None
    for explicit in (meta.get("article:published_time"), article.get("datePublished"),
                     meta.get("datepublished"), meta.get("og:published_time")):
        if isinstance(explicit, str) and explicit.strip().startswith(day):
            clock = _TIME.match(explicit.strip()[len(day):])
            if clock:
                return f"{day}T{clock.group(1)}"
    return day


def _is_wiki(tree, meta: dict[str, str]) -> bool:
    """Whether the page is a wiki's (MediaWiki names itself as the generator and marks its last edit)."""
    return meta.get("generator", "").lower().startswith("mediawiki") \
        or bool(tree.xpath("//*[@id='footer-info-lastmod']"))


def _language(tree, meta: dict[str, str]) -> str:
    """The page's language as a lower-case code (``fr`` from ``fr-FR`` or ``fr_FR``)."""
    root = tree.getroottree().getroot()
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  meta.get("og:locale"), meta.get("content-language"), meta.get("language"),
                  meta.get("dc.language")):
        code = re.split(r"[-_,;\s]", (value or "").strip(), maxsplit=1)[0].lower()
        if code.isalpha() and 2 <= len(code) <= 3:
            return code
    return ""


def _author(tree, meta: dict[str, str], article: dict) -> str:
    """The article's author: JSON-LD, the author meta tags, an author element in the markup."""
    for value in (_name_of(article.get("author")), meta.get("author"), meta.get("article:author"),
                  meta.get("dc.creator"), meta.get("parsely-author")):
        if value and not _is_web_address(value):
            return value
    for element in tree.xpath("//*[@itemprop='author'] | //a[@rel='author'] | "
                              "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]")[:1]:
        name = " ".join(element.text_content().split())
        name = re.sub(r"^by\s+", "", name, flags=re.I)
        if 0 < len(name) <= 80:
            return name
    return ""


def _drop_pointers(tree) -> None:
    """Take out the blocks that list other articles ("Related", "Read more: ..."), whose dated
    headlines would otherwise read as events of this article."""
    doomed = []
    for element in tree.iter("p", "div", "section", "aside", "ul", "ol", "li", "nav"):
        first = element.text or ""
        if not first.strip() and len(element):
            first = element[0].text or ""
        if not POINTER_OPENINGS.match(first) or len(first.strip()) > 60:
            continue
        words = len(_WORD.findall(element.text_content()))
        linked = sum(len(_WORD.findall(a.text_content())) for a in element.iter("a"))
        if words and (linked >= 0.5 * words or words <= 3):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _join_entries(tree) -> None:
    """Make the entries of a live blog (sibling ``<article>`` elements, each with paragraphs of its own and no
    headline link to another page) plain blocks of one text: extraction reads the first ``<article>`` of a
    page as the whole article and would drop the others. Teasers on an index page link elsewhere: kept."""
    for parent in {article.getparent() for article in tree.iter("article")} - {None}:
        entries = [child for child in parent if child.tag == "article"]
        if len(entries) >= 2 and all(_entry_like(entry) for entry in entries):
            for entry in entries:
                entry.tag = "div"


def _entry_like(article) -> bool:
    """Whether an ``<article>`` holds a paragraph and links to no other page by a headline (five words or more)."""
    if not any(_WORD.search(p.text_content()) for p in article.iter("p")):
        return False
    return not any(len(_WORD.findall(a.text_content())) >= 5 and not (a.get("href") or "").startswith("#")
                   for a in article.iter("a"))


def _classed(*names: str) -> str:
    return " | ".join(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in names)


# Parts of a page that are no article text: captions, the page's footer, and an encyclopedia page's summary
# box, navigation boxes, notes pointing elsewhere, note marks and list of references, whose dates are those
# of the war or of the sources, not of the paragraph they stand beside.
PRUNED = ["//figcaption", "//*[@role='contentinfo']",
          _classed("infobox", "navbox", "vertical-navbox", "sidebar", "hatnote", "reflist", "references",
                   "reference", "mw-editsection", "mw-references-wrap")]


def _main_text(tree, url: str, title: str, favor: str = FAVOR) -> str:
    """The article's paragraphs, one to a line with a blank line between them, without the headline."""
    import trafilatura

    _drop_pointers(tree)
    _join_entries(tree)
    extracted = trafilatura.bare_extraction(
        tree, url=url or None, include_comments=False, include_tables=True, include_images=False,
        include_links=False, favor_precision=favor == "precision", favor_recall=favor == "recall",
        with_metadata=False, deduplicate=False,
        prune_xpath=PRUNED)
    raw = extracted.text if extracted is not None and extracted.text else ""
    paragraphs = [" ".join(line.split()) for line in raw.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    heading = tree.find(".//h1")
    headlines = {title.casefold(), " ".join(heading.text_content().split()).casefold() if heading is not None else ""}
    if paragraphs and paragraphs[0].casefold() in headlines - {""}:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def _refuse_non_article(tree, text: str, title: str, article_markup: bool) -> None:
    """Raise InputError for a page that holds no article: a login wall, an error page, a stub, an
    index (a page of headline links, each with its teaser, unless the page says it is an article)."""
    words = len(_WORD.findall(text))
    if words < SHORT_TEXT and tree.xpath("//input[translate(@type, 'PASWORD', 'pasword')='password']"):
        raise InputError(LOGIN_PAGE)
    heading = tree.find(".//h1")
    error = ERROR_TITLES.search(f"{title} {heading.text_content() if heading is not None else ''}")
    if words < SHORT_TEXT and error:
        raise InputError(ERROR_PAGE.format(what=error.group(0)))
    if words < MIN_WORDS:
        raise InputError(NOT_AN_ARTICLE if words or tree.find(".//a") is not None else EMPTY_PAGE)
    if not article_markup and _headline_links(tree) >= max(MIN_TEASERS, text.count("\n\n") + 1):
        raise InputError(NOT_AN_ARTICLE)


def _headline_links(tree) -> int:
    """How many links read like a headline (five words or more) outside menus, sidebars and footers."""
    count = 0
    for link in tree.iter("a"):
        if len(_WORD.findall(link.text_content())) < 5:
            continue
        if not any(ancestor.tag in ("nav", "aside", "footer") or _ASIDE.search(
                f"{ancestor.get('class', '')} {ancestor.get('id', '')}") for ancestor in link.iterancestors()):
            count += 1
    return count
