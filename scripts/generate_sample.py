#!/usr/bin/python3
"""Generate the fictional sample neighbourhood "Wijk De Vlinderhof" (Samenstad).

Everything written by this script is invented: the wijk, its buurten, streets, landmarks, buildings,
basemap and the sample session. Nothing is copied from any real data set. The output is deterministic
(fixed seed, fixed rounding) so re-running it gives byte-identical files.

    /usr/bin/python3 scripts/generate_sample.py [--out assets/sample] [--seed 20240611]

Layers (all EPSG:28992, RD New):
    buurten.geojson   10 buurt polygons tiling the wijk (shared vertices, one MultiPolygon, one hole)
    straten.geojson   street centrelines
    plekken.geojson   landmark points
    gebouwen.geojson  building footprints (context layer)
    basemap.tif       3-band RGB GeoTIFF drawn from the same shapes
    sample_pins.json  a sample session with pins
"""

import argparse
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, ogr, osr
from shapely.affinity import rotate
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.ops import polygonize, unary_union

gdal.UseExceptions()
ogr.UseExceptions()

EPSG = 28992
CRS_URN = "urn:ogc:def:crs:EPSG::28992"
CENTRE = (156500.0, 464500.0)
GEMEENTECODE = "1999"  # fictional gemeente "Samenstad" (not a real CBS gemeentecode)
WIJKCODE = "03"


# ----------------------------------------------------------------------------------------------------
# small geometry helpers
# ----------------------------------------------------------------------------------------------------

def chaikin(points, iterations=4, closed=False):
    """Corner-cutting smoothing: turns a few control points into a gentle curve."""
    pts = np.asarray(points, dtype=float)
    for _ in range(iterations):
        if closed:
            a, b = pts, np.roll(pts, -1, axis=0)
            q = 0.75 * a + 0.25 * b
            r = 0.25 * a + 0.75 * b
            pts = np.empty((2 * len(a), 2))
            pts[0::2], pts[1::2] = q, r
        else:
            a, b = pts[:-1], pts[1:]
            q = 0.75 * a + 0.25 * b
            r = 0.25 * a + 0.75 * b
            mid = np.empty((2 * len(a), 2))
            mid[0::2], mid[1::2] = q, r
            pts = np.vstack([pts[:1], mid, pts[-1:]])
    return pts


def rel(dx, dy):
    return (CENTRE[0] + dx, CENTRE[1] + dy)


def curve(*ctrl, iterations=4):
    """Smooth open curve through control points given relative to the wijk centre."""
    return LineString(chaikin([rel(*p) for p in ctrl], iterations))


def round_coords(geom, nd=2):
    """Round every coordinate (identical input vertices stay identical, so shared edges stay shared)."""
    if geom.geom_type == "Polygon":
        ext = [(round(x, nd), round(y, nd)) for x, y in geom.exterior.coords]
        ints = [[(round(x, nd), round(y, nd)) for x, y in r.coords] for r in geom.interiors]
        return Polygon(ext, ints)
    if geom.geom_type == "MultiPolygon":
        return MultiPolygon([round_coords(g, nd) for g in geom.geoms])
    if geom.geom_type == "LineString":
        return LineString([(round(x, nd), round(y, nd)) for x, y in geom.coords])
    if geom.geom_type == "Point":
        return Point(round(geom.x, nd), round(geom.y, nd))
    raise ValueError(geom.geom_type)


def orient_rfc7946(geom):
    """Exterior rings counter-clockwise, holes clockwise (what RFC 7946 recommends)."""
    from shapely.geometry.polygon import orient
    if geom.geom_type == "Polygon":
        return orient(geom, 1.0)
    if geom.geom_type == "MultiPolygon":
        return MultiPolygon([orient(g, 1.0) for g in geom.geoms])
    return geom


def longest_line(geom):
    if geom.is_empty:
        return None
    if geom.geom_type == "LineString":
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type == "LineString"]
    return max(parts, key=lambda g: g.length) if parts else None


# ----------------------------------------------------------------------------------------------------
# the wijk and its buurten
# ----------------------------------------------------------------------------------------------------

def wijk_outline(rng):
    """An organic blob about 2.3 x 2.1 km (low-frequency harmonics plus a little wiggle), flattened on
    two sides where it follows a ring road and a railway, like many post-war Dutch wijken."""
    n = 720
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = np.ones(n)
    for k, amp in [(2, 0.07), (3, 0.05), (4, 0.03), (5, 0.018), (7, 0.01)]:
        r += amp * np.cos(k * t + rng.uniform(0, 2 * math.pi))
    wiggle = np.zeros(n)
    for k in range(11, 40, 3):
        wiggle += rng.normal(0, 0.0015) * np.cos(k * t + rng.uniform(0, 2 * math.pi))
    r += wiggle
    x = CENTRE[0] + 1200 * r * np.cos(t)
    y = CENTRE[1] + 1080 * r * np.sin(t)
    blob = Polygon(np.column_stack([x, y]))
    # ring road along the south-west, railway along the north-east (straight-ish cuts)
    cut = Polygon([rel(-1600, -560), rel(-300, -1240), rel(1600, -1240), rel(1600, 1600),
                   rel(1150, 1600), rel(1100, 1100), rel(-1600, 1600)])
    cut = rotate(cut, 4, origin=CENTRE)
    out = blob.intersection(cut)
    # densify the straight cuts so they are not two-vertex edges
    coords = list(out.exterior.coords)
    dense = []
    for a, b in zip(coords[:-1], coords[1:]):
        d = math.hypot(b[0] - a[0], b[1] - a[1])
        k = max(1, int(d // 25))
        for i in range(k):
            dense.append((a[0] + (b[0] - a[0]) * i / k, a[1] + (b[1] - a[1]) * i / k))
    return Polygon(dense)


def build_lines():
    """The lines that carry buurt boundaries. Each is also a street or the canal (same geometry)."""
    L = {}
    # the canal, west -> east, with an S-bend
    L["Vlindergracht"] = curve((-1400, -60), (-900, 40), (-450, -40), (-120, 10), (250, -70),
                               (650, 20), (1000, -40), (1400, 30))
    # the main road, north -> south, crossing the canal at the Vlinderbrug
    L["Rijksstraatweg"] = curve((-260, 1350), (-200, 800), (-120, 300), (-150, -200), (-80, -700),
                                (-140, 1300 * -1))
    # north-west: Oude Molenbuurt (north) / Havenkwartier (along the canal)
    L["Molenweg"] = curve((-1400, 420), (-1000, 380), (-650, 470), (-350, 420), (-100, 380))
    # north-east: Kerkstraat runs down to the canal; Schoolstraat splits west of it
    L["Kerkstraat"] = curve((420, 1300), (460, 900), (400, 500), (470, 150), (450, -40))
    L["Schoolstraat"] = curve((-250, 560), (50, 520), (250, 600), (500, 560))
    # south-west: Weverslaan from the canal down to the wijk edge
    L["Weverslaan"] = curve((-700, 60), (-640, -300), (-720, -700), (-650, -1350))
    # south-east: Eikenlaan splits Tuinwijk-Zuid (north) from Ëikenhof (south)
    L["Eikenlaan"] = curve((-200, -360), (200, -400), (600, -330), (1000, -420), (1400, -380))
    # the old wharf on the south bank: a U-shaped Werfkade that starts and ends on the canal
    L["Werfkade"] = curve((60, 20), (80, -120), (250, -200), (520, -170), (640, -60), (660, 60),
                          iterations=3)
    return L


def park_outline():
    """Vlinderpark: a closed blob inside Ëikenhof (becomes a hole in Ëikenhof and a buurt of its own)."""
    t = np.linspace(0, 2 * math.pi, 90, endpoint=False)
    r = 1 + 0.12 * np.cos(2 * t + 0.7) + 0.06 * np.cos(3 * t + 2.1)
    x = CENTRE[0] + 330 + 210 * r * np.cos(t)
    y = CENTRE[1] - 720 + 150 * r * np.sin(t)
    return LineString(np.vstack([np.column_stack([x, y]), [[x[0], y[0]]]]))


BUURTEN = [
    # code, naam, seed points (relative to centre), inwoners
    ("01", "Oude Molenbuurt", [(-700, 750)], 2140),
    ("02", "Havenkwartier", [(-700, 250), (350, -80)], 1385),  # main part + De Werf across the canal
    ("03", "De Kröller", [(100, 900)], 1810),
    ("04", "Poëtenbuurt", [(100, 300)], 2465),
    ("05", "Tuinwijk-Noord", [(850, 400)], 1930),
    ("06", "Het Vissershoekje", [(-1000, -300)], 1275),
    ("07", "'t Weverskwartier", [(-400, -600)], 1690),
    ("08", "Tuinwijk-Zuid", [(800, -200)], 1540),
    ("09", "Ëikenhof", [(800, -700)], 2075),
    ("10", "Vlinderpark", [(330, -720)], 14),
]


def build_buurten(rng):
    wijk = wijk_outline(rng)
    lines = build_lines()
    park = park_outline()
    # round the inputs to the centimetre, node everything, polygonize the faces
    wijk = round_coords(wijk)
    inputs = [round_coords(l) for l in lines.values()] + [round_coords(park)]
    # lines overshoot the wijk edge and each other; the overshoots become dangles or outside faces
    linework = unary_union([LineString(wijk.exterior.coords)] + inputs)
    faces = list(polygonize(linework))
    faces = [f for f in faces if wijk.contains(f.representative_point())]
    # assign each face to the buurt whose seed point it contains
    owner = {}
    for code, _naam, seeds, _inw in BUURTEN:
        for s in seeds:
            p = Point(rel(*s))
            hits = [i for i, f in enumerate(faces) if f.contains(p)]
            if len(hits) != 1:
                sys.exit(f"seed {s} of buurt {code} is in {len(hits)} faces")
            if hits[0] in owner:
                sys.exit(f"buurt {code} and {owner[hits[0]]} share a face")
            owner[hits[0]] = code
    # faces without a seed (small slivers between boundary lines) go to the neighbour sharing most edge
    changed = True
    while changed:
        changed = False
        for i, f in enumerate(faces):
            if i in owner:
                continue
            best, best_len = None, 0.0
            for j, g in enumerate(faces):
                if j in owner:
                    shared = f.boundary.intersection(g.boundary).length
                    if shared > best_len:
                        best, best_len = j, shared
            if best is not None:
                owner[i] = owner[best]
                changed = True
    geoms = {}
    for code, naam, _seeds, inw in BUURTEN:
        parts = [faces[i] for i, c in owner.items() if c == code]
        g = unary_union(parts)
        geoms[code] = round_coords(g)
    return wijk, lines, park, geoms


def check_tiling(wijk, geoms):
    union = unary_union(list(geoms.values()))
    total = sum(g.area for g in geoms.values())
    problems = []
    for code, g in geoms.items():
        if not g.is_valid:
            problems.append(f"buurt {code} invalid")
    if abs(total - union.area) > 1.0:
        problems.append(f"overlap: sum of areas {total:.1f} vs union {union.area:.1f}")
    if union.geom_type != "Polygon" or len(union.interiors) != 0:
        problems.append(f"union is {union.geom_type} with holes -> gaps between buurten")
    if abs(union.area - wijk.area) > 5.0:
        problems.append(f"union area {union.area:.1f} != wijk {wijk.area:.1f}")
    codes = list(geoms)
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            inter = geoms[a].intersection(geoms[b])
            if inter.area > 0.01:
                problems.append(f"{a} and {b} overlap by {inter.area:.2f} m2")
    if problems:
        sys.exit("tiling check failed:\n  " + "\n  ".join(problems))


# ----------------------------------------------------------------------------------------------------
# streets
# ----------------------------------------------------------------------------------------------------

STREET_NAMES = {
    "01": ["Korenstraat", "Maalderij", "Bakkerstraat", "Zeilmakerspad", "Wiekenlaan", "Meelstraat",
           "Graanhof", "Sluisstraat"],
    "02": ["Havenstraat", "Kraanplein", "Touwslagerij", "Loodsstraat", "Ankerstraat", "Werfstraat",
           "Scheepmakersgang"],
    "03": ["Kröllerlaan", "Helene Müllerstraat", "Museumweg", "Beeldhouwerspad", "Atelierstraat",
           "Schilderslaan"],
    "04": ["Vondelstraat", "Bilderdijkstraat", "Multatulistraat", "Da Costastraat", "Potgieterstraat",
           "Tollensstraat", "Staringstraat", "Hooftstraat"],
    "05": ["Rozenstraat", "Lelieweg", "Tulpstraat", "Goudsbloemlaan", "Anjerstraat", "Irisstraat",
           "Dahliastraat"],
    "06": ["Vissersstraat", "Netboetersstraat", "Palingsteeg", "Fuikstraat", "Botterstraat",
           "Aalscholverpad", "Reigerstraat"],
    "07": ["Weversstraat", "Spinnerij", "Ververstraat", "Lakenstraat", "Spoelstraat", "Kaardersgang",
           "Linnenhof"],
    "08": ["Seringenstraat", "Jasmijnstraat", "Hortensialaan", "Klaproosstraat", "Margrietstraat",
           "Vlinderkade"],
    "09": ["Beukenstraat", "Essenlaan", "Lindelaan", "Iepenweg", "Kastanjehof", "Berkenstraat",
           "Wilgenstraat", "Populierenlaan"],
    "10": ["Vlinderpad"],
}

MAIN_STREETS = {
    # line name -> (street name, type)
    "Rijksstraatweg": ("Rijksstraatweg", "hoofdweg"),
    "Molenweg": ("Molenweg", "wijkstraat"),
    "Kerkstraat": ("Kerkstraat", "wijkstraat"),
    "Schoolstraat": ("Schoolstraat", "wijkstraat"),
    "Weverslaan": ("Weverslaan", "wijkstraat"),
    "Eikenlaan": ("Eikenlaan", "wijkstraat"),
    "Werfkade": ("Werfkade", "woonstraat"),
}

# orientation of the local street grid per buurt (degrees) and spacing (m)
GRID = {"01": (8, 120), "02": (-4, 105), "03": (80, 125), "04": (-6, 110), "05": (70, 120),
        "06": (84, 115), "07": (12, 120), "08": (-2, 100), "09": (32, 125)}


def build_streets(rng, wijk, lines, geoms):
    streets = []
    area = wijk.buffer(0)
    for key, (naam, soort) in MAIN_STREETS.items():
        g = longest_line(lines[key].intersection(area))
        streets.append({"naam": naam, "type": soort, "geom": g})
    # the main road continues a little beyond the wijk (it is a through road)
    streets[0]["geom"] = lines["Rijksstraatweg"]
    canal = lines["Vlindergracht"]
    # quays along the canal: Prins Hendrikkade (north bank, Havenkwartier), Vlinderkade (south bank)
    north = canal.parallel_offset(18, "left", join_style=2)
    kade = longest_line(north.intersection(geoms["02"].buffer(-8)))
    streets.append({"naam": "Prins Hendrikkade", "type": "wijkstraat", "geom": kade})
    south = canal.parallel_offset(18, "right", join_style=2)
    kade = longest_line(south.intersection(unary_union([geoms["06"], geoms["07"]]).buffer(-8)))
    streets.append({"naam": "Noorderkade", "type": "woonstraat", "geom": kade})
    kade = longest_line(south.intersection(geoms["08"].buffer(-8)))
    streets.append({"naam": "Vlinderkade", "type": "woonstraat", "geom": kade})
    # a fietspad through the park
    park = geoms["10"]
    c = park.centroid
    pad = LineString([(c.x - 400, c.y - 60), (c.x - 90, c.y + 10), (c.x + 80, c.y - 30), (c.x + 400, c.y + 50)])
    pad = LineString(chaikin(pad.coords, 3))
    streets.append({"naam": "Vlinderpad", "type": "fietspad", "geom": longest_line(pad.intersection(park.buffer(-4)))})

    main_union = unary_union([s["geom"] for s in streets] + [canal])
    for code, (angle, spacing) in GRID.items():
        poly = geoms[code]
        inner = poly.buffer(-4)
        names = list(STREET_NAMES[code])
        if code == "08":
            names.remove("Vlinderkade")
        cx, cy = poly.centroid.x, poly.centroid.y
        minx, miny, maxx, maxy = poly.bounds
        half = max(maxx - minx, maxy - miny)
        candidates = []
        offsets = np.arange(-half, half, spacing) + rng.uniform(0, spacing)
        for off in offsets:
            xs = np.linspace(-half, half, 40)
            bend = rng.uniform(-25, 25) * np.sin(np.linspace(0, math.pi, 40) * rng.uniform(0.5, 1.5))
            ln = LineString(np.column_stack([cx + xs, cy + off + bend]))
            ln = rotate(ln, angle, origin=(cx, cy))
            piece = longest_line(ln.intersection(inner))
            if piece is None or piece.length < 110:
                continue
            # skip streets that would run alongside a boundary road or the canal
            if piece.difference(main_union.buffer(30)).length < 0.8 * piece.length:
                continue
            candidates.append(piece)
        # one cross street perpendicular to the grid, through the middle
        xs = np.linspace(-half, half, 40)
        ln = rotate(LineString(np.column_stack([cx + xs, cy + rng.uniform(-30, 30) + np.zeros(40)])),
                    angle + 90, origin=(cx, cy))
        cross = longest_line(ln.intersection(inner))
        if cross is not None and cross.length > 110:
            candidates.append(cross)
        for piece in candidates[:len(names)]:
            streets.append({"naam": names.pop(0), "type": "woonstraat", "geom": piece})
    return [s for s in streets if s["geom"] is not None and not s["geom"].is_empty]


# ----------------------------------------------------------------------------------------------------
# buildings
# ----------------------------------------------------------------------------------------------------

def build_buildings(rng, geoms, streets, canal, lake):
    blocked = unary_union([s["geom"].buffer(9 if s["type"] == "hoofdweg" else 6) for s in streets]
                          + [canal.buffer(22), geoms["10"].buffer(4), lake])
    buurt_inner = {c: g.buffer(-3) for c, g in geoms.items() if c != "10"}
    placed = []
    out = []
    for s in streets:
        if s["type"] == "fietspad":
            continue
        line = s["geom"]
        for side in (1, -1):
            pos = rng.uniform(5, 20)
            while pos < line.length - 10:
                length = rng.choice([30.0, 36.0, 42.0, 48.0, 54.0, 60.0]) if s["type"] != "hoofdweg" else rng.uniform(25, 45)
                depth = rng.uniform(8.5, 11.5) if s["type"] != "hoofdweg" else rng.uniform(12, 18)
                a = line.interpolate(pos)
                b = line.interpolate(min(pos + length, line.length))
                dx, dy = b.x - a.x, b.y - a.y
                d = math.hypot(dx, dy)
                if d < 8:
                    break
                ux, uy = dx / d, dy / d
                nx, ny = -uy * side, ux * side
                setback = rng.uniform(9, 13)
                p0 = (a.x + nx * setback, a.y + ny * setback)
                p1 = (b.x + nx * setback, b.y + ny * setback)
                p2 = (p1[0] + nx * depth, p1[1] + ny * depth)
                p3 = (p0[0] + nx * depth, p0[1] + ny * depth)
                bld = Polygon([p0, p1, p2, p3])
                pos += length + rng.uniform(5, 12)
                if bld.intersects(blocked):
                    continue
                home = [c for c, g in buurt_inner.items() if g.contains(bld)]
                if not home:
                    continue
                if any(bld.distance(o) < 3 for o in placed[-400:]):
                    continue
                placed.append(bld)
                functie = "wonen"
                r = rng.uniform()
                if s["type"] == "hoofdweg" or s["naam"] in ("Kerkstraat", "Havenstraat"):
                    functie = "winkel" if r < 0.45 else ("bedrijf" if r < 0.6 else "wonen")
                elif r < 0.05:
                    functie = "bedrijf"
                elif r < 0.08:
                    functie = "maatschappelijk"
                era = {"01": (1890, 1935), "02": (1880, 1995), "03": (1925, 1960), "04": (1905, 1935),
                       "05": (1950, 1975), "06": (1880, 1930), "07": (1900, 1970), "08": (1960, 1990),
                       "09": (1975, 2015)}[home[0]]
                out.append({"geom": round_coords(bld, 2), "bouwjaar": int(rng.integers(era[0], era[1] + 1)),
                            "functie": functie})
    return out


# ----------------------------------------------------------------------------------------------------
# landmarks and pins
# ----------------------------------------------------------------------------------------------------

def beside(streets, naam, frac, offset):
    """A point next to a named street: at a fraction of its length, offset sideways (+ = left)."""
    line = next(s["geom"] for s in streets if s["naam"] == naam)
    p = line.interpolate(frac, normalized=True)
    q = line.interpolate(min(frac + 0.01, 1.0), normalized=True)
    if q.distance(p) < 1e-6:
        q = line.interpolate(max(frac - 0.01, 0.0), normalized=True)
        dx, dy = p.x - q.x, p.y - q.y
    else:
        dx, dy = q.x - p.x, q.y - p.y
    d = math.hypot(dx, dy)
    return Point(p.x - dy / d * offset, p.y + dx / d * offset)


PLEKKEN = [
    # naam, soort, (street, fraction, offset)
    ("Buurthuis De Vlinder", "buurthuis", ("Schoolstraat", 0.35, -30)),
    ("Basisschool De Regenboog", "school", ("Schoolstraat", 0.7, 35)),
    ("Openbare Basisschool 't Palet", "school", ("Essenlaan", 0.5, 30)),
    ("Bibliotheek Vlinderhof", "bibliotheek", ("Kerkstraat", 0.55, -30)),
    ("Speeltuin 't Kikkertje", "speeltuin", ("Vlinderpad", 0.3, 25)),
    ("Moestuin De Groene Vlinder", "moestuin", ("Korenstraat", 0.6, 35)),
    ("Versmarkt Samenstad", "supermarkt", ("Rijksstraatweg", 0.42, 30)),
    ("Sint-Jozefkerk", "kerk", ("Kerkstraat", 0.25, 30)),
    ("Huisartsenpraktijk Vlinderhof", "huisartsenpraktijk", ("Havenstraat", 0.5, 28)),
    ("Gezondheidscentrum Ëikenhof", "huisartsenpraktijk", ("Eikenlaan", 0.55, -30)),
    ("Sporthal De Kröller", "sporthal", ("Kröllerlaan", 0.5, 35)),
    ("Kinderboerderij De Hooiberg", "kinderboerderij", ("Vissersstraat", 0.5, 30)),
]

PINS = [
    ("knelpunt", "Leegstaand pand aan de Molenweg",
     "Het oude bakkerspand staat al twee jaar leeg. De ramen zijn dichtgetimmerd en er wordt gedumpt.",
     "Henk de Vries", ("Molenweg", 0.55, -20)),
    ("kans", "Leegstaand pand als buurtwerkplaats",
     "Zou het lege pand aan de Molenweg een werkplaats of repair café kunnen worden?", None,
     ("Molenweg", 0.6, -24)),
    ("hulpbron", "Moestuin bij de school",
     "Ouders en kinderen onderhouden samen de moestuin. Er is plek voor meer tuiniers.",
     "Sanne Bakker", ("Schoolstraat", 0.72, 42)),
    ("knelpunt", "Gevaarlijke oversteek",
     "Bij de Rijksstraatweg rijden auto's hard; kinderen steken hier over naar school. Graag een zebrapad.",
     "Mohamed El Amrani", ("Rijksstraatweg", 0.3, 12)),
    ("hulpbron", "Buurman repareert fietsen",
     "Kees aan de Vissersstraat repareert op zaterdag gratis fietsen van buurtgenoten.",
     "Kees Jansen", ("Vissersstraat", 0.4, 22)),
    ("idee", "Bankjes langs de gracht",
     "Een paar bankjes aan de Prins Hendrikkade, zodat ouderen onderweg kunnen uitrusten.",
     "Ria Visser", ("Prins Hendrikkade", 0.5, -8)),
    ("kans", "Braakliggend terrein bij De Werf",
     "Het terrein aan de Werfkade ligt er al jaren ongebruikt bij. Misschien een pluktuin?", None,
     ("Werfkade", 0.5, 25)),
    ("knelpunt", "Donker fietspad door het park",
     "Het Vlinderpad is 's avonds slecht verlicht. Veel mensen fietsen liever om.",
     "Özlem Kaya", ("Vlinderpad", 0.65, 6)),
    ("hulpbron", "Taalcafé in de bibliotheek",
     "Elke woensdagmiddag oefenen vrijwilligers Nederlands met nieuwe buurtbewoners.",
     "Anouk Meijer", ("Kerkstraat", 0.55, -40)),
    ("idee", "Speelstraat op zondag",
     "De Tulpstraat één zondag per maand afsluiten voor verkeer zodat kinderen er kunnen spelen.",
     "Jeroen Smit", ("Tulpstraat", 0.5, 8)),
    ("knelpunt", "Overvolle afvalcontainers",
     "De ondergrondse containers bij de Beukenstraat zitten vaak vol; zakken blijven ernaast staan.", None,
     ("Beukenstraat", 0.5, 10)),
    ("kans", "Gedeelde bakfiets voor de buurt",
     "Meerdere gezinnen willen samen een bakfiets delen. Stalling kan bij het buurthuis.",
     "Fatima Yilmaz", ("Schoolstraat", 0.35, -45)),
]


# ----------------------------------------------------------------------------------------------------
# writers
# ----------------------------------------------------------------------------------------------------

def write_geojson(path, name, features):
    """features: list of (shapely geometry, properties dict). One feature per line, coordinates in cm."""
    def fmt(o):
        return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","name":%s,' % fmt(name))
        f.write('"crs":{"type":"name","properties":{"name":"%s"}},\n"features":[\n' % CRS_URN)
        rows = []
        for geom, props in features:
            g = mapping(orient_rfc7946(geom))
            g = json.loads(json.dumps(g), parse_float=lambda s: round(float(s), 2))
            rows.append(fmt({"type": "Feature", "properties": props, "geometry": g}))
        f.write(",\n".join(rows))
        f.write("\n]}\n")


def rasterize_basemap(path, bounds, size, layers):
    """layers: list of (list of shapely polygons, (r, g, b)) drawn in order."""
    minx, miny, maxx, maxy = bounds
    px = (maxx - minx) / size
    mem = gdal.GetDriverByName("MEM").Create("", size, size, 3, gdal.GDT_Byte)
    mem.SetGeoTransform((minx, px, 0, maxy, 0, -px))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    mem.SetProjection(srs.ExportToWkt())
    vds = ogr.GetDriverByName("Memory").CreateDataSource("shapes")
    for i, (polys, rgb) in enumerate(layers):
        lyr = vds.CreateLayer(f"l{i}", srs, ogr.wkbUnknown)
        for p in polys:
            feat = ogr.Feature(lyr.GetLayerDefn())
            feat.SetGeometry(ogr.CreateGeometryFromWkb(p.wkb))
            lyr.CreateFeature(feat)
        gdal.RasterizeLayer(mem, [1, 2, 3], lyr, burn_values=list(rgb))
    for b, name in zip(range(1, 4), ("Red", "Green", "Blue")):
        mem.GetRasterBand(b).SetColorInterpretation(getattr(gdal, f"GCI_{name}Band"))
    gdal.Translate(path, mem, format="GTiff",
                   creationOptions=["COMPRESS=DEFLATE", "PREDICTOR=2", "ZLEVEL=9", "TILED=YES",
                                    "PHOTOMETRIC=RGB"])
    # make the file reproducible: no timestamps are written by GTiff, so nothing else to strip


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "assets", "sample"))
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(args.seed)

    wijk, lines, park_line, geoms = build_buurten(rng)
    check_tiling(wijk, geoms)
    multi = [c for c, g in geoms.items() if g.geom_type == "MultiPolygon"]
    holes = [c for c, g in geoms.items() if g.geom_type == "Polygon" and len(g.interiors) > 0]
    assert multi == ["02"], multi
    assert holes == ["09"], holes

    # buurten
    feats = []
    for code, naam, _seeds, inw in BUURTEN:
        g = geoms[code]
        feats.append((g, {"buurtnaam": naam, "buurtcode": f"BU{GEMEENTECODE}{WIJKCODE}{code}",
                          "inwoners": inw, "oppervlakte_ha": round(g.area / 10000.0, 2)}))
    write_geojson(os.path.join(out, "buurten.geojson"), "buurten", feats)

    # streets
    streets = build_streets(rng, wijk, lines, geoms)
    names = [s["naam"] for s in streets]
    assert len(names) == len(set(names)), "duplicate street names"
    feats = [(round_coords(s["geom"]), {"naam": s["naam"], "type": s["type"]}) for s in streets]
    write_geojson(os.path.join(out, "straten.geojson"), "straten", feats)

    # water and green (basemap only)
    canal = lines["Vlindergracht"]
    park = geoms["10"]
    pc = park.centroid
    lake = Polygon(chaikin([(pc.x - 120, pc.y - 10), (pc.x - 40, pc.y + 70), (pc.x + 60, pc.y + 55),
                            (pc.x + 110, pc.y - 5), (pc.x + 30, pc.y - 55), (pc.x - 70, pc.y - 45)],
                           4, closed=True))

    buildings = build_buildings(rng, geoms, streets, canal, lake)
    feats = [(b["geom"], {"bouwjaar": b["bouwjaar"], "functie": b["functie"]}) for b in buildings]
    write_geojson(os.path.join(out, "gebouwen.geojson"), "gebouwen", feats)

    # landmarks
    feats = []
    buurt_union = unary_union(list(geoms.values()))
    for naam, soort, (street, frac, off) in PLEKKEN:
        p = round_coords(beside(streets, street, frac, off))
        if not buurt_union.contains(p):
            sys.exit(f"plek {naam} falls outside the wijk")
        feats.append((p, {"naam": naam, "soort": soort}))
    write_geojson(os.path.join(out, "plekken.geojson"), "plekken", feats)

    # sample session
    pins = []
    for cat, title, desc, who, (street, frac, off) in PINS:
        p = round_coords(beside(streets, street, frac, off))
        if not any(g.contains(p) for g in geoms.values()):
            sys.exit(f"pin {title} falls outside the buurten")
        pins.append({"category": cat, "title": title, "description": desc, "contributor": who,
                     "x": p.x, "y": p.y})
    session = {"session": {"title": "Buurtavond De Vlinderhof", "facilitator": "Fatima Yilmaz",
                           "location": "Buurthuis De Vlinder", "participants": 9,
                           "crs": f"EPSG:{EPSG}"},
               "pins": pins}
    with open(os.path.join(out, "sample_pins.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(session, f, ensure_ascii=False, indent=2)
        f.write("\n")

    # basemap: 1024 x 1024 px, about 2.8 m per pixel, centred on the wijk
    minx, miny, maxx, maxy = wijk.bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half = max(maxx - minx, maxy - miny) / 2 + 250
    bounds = (round(cx - half), round(cy - half), round(cx - half) + 2 * round(half),
              round(cy - half) + 2 * round(half))
    frame = Polygon([(bounds[0], bounds[1]), (bounds[2], bounds[1]), (bounds[2], bounds[3]),
                     (bounds[0], bounds[3])])
    # farmland outside the wijk: a few soft-coloured fields
    fields = []
    frng = np.random.default_rng(args.seed + 1)
    for i in range(14):
        for j in range(14):
            x0 = bounds[0] + i * (bounds[2] - bounds[0]) / 14
            y0 = bounds[1] + j * (bounds[3] - bounds[1]) / 14
            w = (bounds[2] - bounds[0]) / 14
            if frng.uniform() < 0.5:
                fields.append(Polygon([(x0 + 4, y0 + 4), (x0 + w - 4, y0 + 4), (x0 + w - 4, y0 + w - 4),
                                       (x0 + 4, y0 + w - 4)]))
    greens = [park.difference(lake)]
    sports = Point(rel(700, 950)).buffer(90).intersection(geoms["03"].buffer(-30))
    allot = Point(rel(-850, 900)).buffer(70).intersection(geoms["01"].buffer(-30))
    greens += [g for g in (sports, allot) if not g.is_empty]
    water = [canal.buffer(12, cap_style=2).intersection(frame), lake,
             LineString([(bounds[0], bounds[1] + 180), (bounds[2], bounds[1] + 120)]).buffer(9)]
    roads_main = [lines["Rijksstraatweg"].buffer(9, cap_style=2).intersection(frame)]
    roads = [s["geom"].buffer(5 if s["type"] != "fietspad" else 2) for s in streets if s["type"] != "hoofdweg"]
    rasterize_basemap(
        os.path.join(out, "basemap.tif"), bounds, 1024,
        [
            ([frame], (222, 234, 205)),                       # meadows
            (fields, (232, 238, 212)),                        # fields
            ([wijk.buffer(0)], (236, 234, 229)),              # built area, light grey
            (greens, (196, 224, 180)),                        # parks, green
            (roads, (255, 255, 255)),                         # streets, white
            ([b["geom"] for b in buildings], (214, 208, 200)),  # buildings
            (water, (170, 205, 233)),                         # water, soft blue
            (roads_main, (250, 236, 190)),                    # main road, pale yellow (bridge over water)
        ])

    nv = sum(len(g.exterior.coords) + sum(len(r.coords) for r in g.interiors)
             for gg in geoms.values() for g in getattr(gg, "geoms", [gg]))
    print(f"buurten: {len(geoms)} ({nv} vertices; multipolygon: {multi}, with hole: {holes})")
    print(f"straten: {len(streets)}, plekken: {len(PLEKKEN)}, gebouwen: {len(buildings)}, pins: {len(pins)}")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
