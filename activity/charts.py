"""Charts drawn as SVG on the server: no JavaScript, nothing to download. Each has a <title> and a <desc>
(its text alternative) and is shown beside the table of its figures, which stays the accessible form."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

YOUNG = "#1d4f91"  # the site's blue, 8.6:1 on white
PARENTS = "#b3471d"  # a dark orange, 5.3:1 on white


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> str:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def monthly_bars(chart_id: str, title: str, months: list[dict], young_label: str, parents_label: str) -> str:
    """Young people and parents reached each month, side by side."""
    width, height, left, bottom, top = 720, 280, 48, 40, 36
    plot_height = height - bottom - top
    peak = max([row["young"] for row in months] + [row["parents"] for row in months] + [1])
    slot = (width - left - 10) / max(len(months), 1)
    bar = max(min(slot / 2 - 4, 24), 2)
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="12" fill="#333">{peak}</text>',
        f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end" font-size="12" fill="#333">0</text>',
        f'<rect x="{left}" y="6" width="12" height="12" fill="{YOUNG}"/>'
        f'<text x="{left + 18}" y="16" font-size="13" fill="#222">{escape(young_label)}</text>',
        f'<rect x="{left + 160}" y="6" width="12" height="12" fill="{PARENTS}"/>'
        f'<text x="{left + 178}" y="16" font-size="13" fill="#222">{escape(parents_label)}</text>',
    ]
    for index, row in enumerate(months):
        x = left + index * slot + slot / 2
        for offset, value, colour in ((-bar - 1, row["young"], YOUNG), (1, row["parents"], PARENTS)):
            h = plot_height * value / peak
            body.append(
                f'<rect x="{x + offset:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" fill="#333">{escape(row["short"])}</text>'
        )
    total_young = sum(row["young"] for row in months)
    total_parents = sum(row["parents"] for row in months)
    desc = f"{young_label} : {total_young} ; {parents_label} : {total_parents} ; " + " ; ".join(
        f"{row['label']} : {row['young']} / {row['parents']}" for row in months
    )
    return _frame(chart_id, title, desc, width, height, body)


def horizontal_bars(chart_id: str, title: str, rows: list[dict], value_label: str) -> str:
    """One bar a line (a network, a commune…): ``rows`` of {"label", "value"}."""
    line, left, width = 26, 190, 720
    height = 10 + line * max(len(rows), 1)
    peak = max([row["value"] for row in rows] + [1])
    body = []
    for index, row in enumerate(rows):
        y = 6 + index * line
        w = (width - left - 70) * row["value"] / peak
        body.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="13" fill="#222">{escape(row["label"][:28])}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="16" fill="{YOUNG}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="12" fill="#222">{row["value"]}</text>'
        )
    desc = f"{value_label} : " + " ; ".join(f"{row['label']} : {row['value']}" for row in rows)
    return _frame(chart_id, title, desc, width, height, body)


def commune_map(chart_id: str, title: str, communes: list[dict]) -> str:
    """The communes where promeneurs reached people, placed by their coordinates (an equirectangular
    projection over the communes' own bounding box), each disc's area following the people reached."""
    points = [row for row in communes if row["latitude"] is not None and row["longitude"] is not None]
    width, height, margin = 480, 420, 24
    if not points:
        return _frame(chart_id, title, "", width, 40, [])
    lats = [row["latitude"] for row in points]
    lons = [row["longitude"] for row in points]
    lat_span = max(max(lats) - min(lats), 0.05)
    lon_span = max(max(lons) - min(lons), 0.05)
    south, west = min(lats), min(lons)
    peak = max(row["young"] + row["parents"] for row in points) or 1
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4f6f9"/>']
    for row in points:
        x = margin + (row["longitude"] - west) / lon_span * (width - 2 * margin)
        y = height - margin - (row["latitude"] - south) / lat_span * (height - 2 * margin)
        radius = 4 + 16 * ((row["young"] + row["parents"]) / peak) ** 0.5
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{YOUNG}" fill-opacity="0.55" stroke="{YOUNG}">'
            f"<title>{escape(row['name'])} : {row['young'] + row['parents']}</title></circle>"
        )
    desc = " ; ".join(f"{row['name']} : {row['young'] + row['parents']}" for row in points)
    return _frame(chart_id, title, desc, width, height, body)
