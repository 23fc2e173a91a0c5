"""Computed values and pictures: shares, criticality, Markdown, dates known to the month, the
charts' drawings and their EMF pictures, the fonts' metrics."""

from __future__ import annotations

import datetime as dt
import struct
from decimal import Decimal

import pytest
from conftest import ROOT
from filling import GCS, LARGE, SMALL, rendered

from generator.documents import charts, emf, metrics
from generator.documents.drawing import Drawing, Rect, Text
from generator.documents.types import Month, _period, last_day

FONTS = ROOT / "theme" / "fonts" / "liberation-sans"


def test_apportion_always_sums_to_the_total() -> None:
    from generator.documents.shares import apportion

    parts = apportion(Decimal("100"), [Decimal(1)] * 3)
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    amounts = apportion(Decimal("74000"), [Decimal(84), Decimal(42), Decimal(56)])
    assert sum(amounts) == Decimal("74000")


def test_criticality_levels() -> None:
    from generator.documents.dossier import level

    assert [level(n) for n in (1, 3, 4, 6, 8, 9, 12, 16)] == [
        "faible", "faible", "modérée", "modérée", "élevée", "élevée", "critique", "critique"]


def test_markdown_fields_escape_everything_else() -> None:
    from generator.documents.render import markdown

    html = str(markdown("Un **point** et *un autre* <b>x</b>\n\n- a & b\n- ![i](file:///x)"))
    assert html == ("<p>Un <strong>point</strong> et <em>un autre</em> &lt;b&gt;x&lt;/b&gt;</p>"
                    "<ul><li>a &amp; b</li><li>![i](file:///x)</li></ul>")


def test_dates_known_to_the_month() -> None:
    march = _period("2027-03")
    assert isinstance(march, Month) and march.isoformat() == "2027-03"
    assert last_day(march) == dt.date(2027, 3, 31) and last_day(Month(2028, 2)).day == 29
    assert _period("2027-03-12") == dt.date(2027, 3, 12)
    text = " ".join(rendered(GCS)["note-de-cadrage"].replace("\u00a0", " ").split())
    assert "<td>janvier 2028</td><td>mars 2028</td>" in text
    assert "J3 (jalon majeur) : Supervision en service pour les trois membres</td><td></td>" \
           "<td>mars 2028</td>" in text


def test_metrics_are_the_fonts_own() -> None:
    from fontTools.ttLib import TTFont

    read = metrics.load(FONTS)
    font = TTFont(FONTS / "LiberationSans-Bold.ttf")
    cmap, advances = font.getBestCmap(), font["hmtx"].metrics
    assert all(read.bold.advances[code] == advances[glyph][0] for code, glyph in cmap.items())
    assert read.width("Comité", 10) < read.width("Comité", 10, bold=True)
    assert metrics.load(ROOT / "absent").width("abc", 10) == 3 * 10 * metrics.AVERAGE


def _records(data: bytes) -> list[tuple[int, bytes]]:
    records, offset = [], 0
    while offset < len(data):
        kind, size = struct.unpack_from("<II", data, offset)
        assert size >= 8 and size % 4 == 0 and offset + size <= len(data)
        records.append((kind, data[offset + 8:offset + size]))
        offset += size
    return records


def test_emf_is_a_well_formed_metafile_whose_texts_stay_texts() -> None:
    drawing = Drawing(200, "Essai", 100, [Rect(0, 0, 50, 20, "#2f4b8f", rx=3, opacity=0.5),
                                          Text(10, 50, ("Élan », 😀 & <",), 9, "middle", "bold")])
    data = emf.render(drawing, metrics.load(FONTS))
    records = _records(data)
    kinds = [kind for kind, _ in records]
    assert kinds[0] == 1 and kinds[-1] == 14  # header first, end of file last
    header = records[0][1]
    assert header[32:36] == b" EMF" and struct.unpack_from("<I", header, 40)[0] == len(data)
    assert struct.unpack_from("<I", header, 44)[0] == len(records)
    assert 44 in kinds and 82 in kinds  # a rounded rectangle, a font
    text = next(payload for kind, payload in records if kind == 84)
    count, offset = struct.unpack_from("<II", text, 36)
    string = text[offset - 8:offset - 8 + 2 * count].decode("utf-16-le", "surrogatepass")
    assert string == "Élan », 😀 & <"


def test_charts_legends_name_only_what_they_show() -> None:
    from generator.documents.fill import load
    from generator.documents.render import renderer_for

    renderer = renderer_for(ROOT / "theme")
    font = metrics.load(FONTS)

    def words(path):
        dossier = load(path, path.name, renderer)
        return [" ".join(shape.lines) for chart in (charts.governance(dossier, font),
                                                    charts.gantt(dossier, font))
                for shape in chart.shapes if isinstance(shape, Text)]
    small, large, gcs = words(SMALL), words(LARGE), words(GCS)
    assert "préside l'instance" in small and "préside à tour de rôle" not in small
    assert "préside à tour de rôle" in large and "préside l'instance" not in large
    assert "préside à tour de rôle" in gcs
    assert "jalon majeur" in small


def test_weasyprint_fetches_only_theme_files() -> None:
    pytest.importorskip("weasyprint")
    from generator.core.weasy import RefusedURL
    from generator.core.weasy import theme_fetcher as fetcher

    fetch = fetcher(ROOT / "theme")
    font = (ROOT / "theme" / "fonts" / "liberation-sans" / "LiberationSans-Regular.ttf").as_uri()
    assert fetch.fetch(font).read()[:4] == b"\x00\x01\x00\x00"
    for url in ("file:///etc/passwd", "https://exemple.org/logo.png",
                (ROOT / "theme" / ".." / "generator" / "cli.py").as_uri(),
                "file://serveur/theme/documents/print.css"):
        with pytest.raises(RefusedURL):
            fetch.fetch(url)


def test_safe_name() -> None:
    from generator.documents.fill import safe_name

    assert safe_name("GCSMS « Arvelle » Numérique") == "gcsms-arvelle-numerique"
    assert safe_name("../..") == "groupement"
    assert safe_name("a/b\\c:d") == "a-b-c-d"


def test_documents_fill_html_and_docx_without_weasyprint() -> None:
    """The browser assistant has neither WeasyPrint nor lxml: HTML and DOCX must not need them."""
    import subprocess
    import sys

    code = ("import sys\n"
            "for name in ('weasyprint', 'lxml', 'docx'): sys.modules[name] = None\n"
            "from pathlib import Path\n"
            "from generator.documents.fill import load\n"
            "from generator.documents.render import renderer_for\n"
            "renderer = renderer_for(Path('theme'))\n"
            "dossier = load(Path('data/groupements/dui-arvelle.yml'), 'x', renderer)\n"
            "files = renderer.files(dossier, ('docx', 'html'))\n"
            "print(sorted(files))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "'convention.docx'" in result.stdout and "'note-de-cadrage.html'" in result.stdout
