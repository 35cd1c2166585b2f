#!/usr/bin/python3
"""Generate a buurten-scale benchmark layer: a tiling of polygons with organic, vertex-rich edges.

    /usr/bin/python3 tests/bench/generate_buurten.py --out /tmp/buurten.shp [--polygons 14000]
        [--vertices 2500000] [--seed 1] [--check]

The defaults give about 14,000 features with about 2.5 million vertices in total over a 60 x 60 km area
of EPSG:28992 (x 120000..180000, y 430000..490000, the middle of the Netherlands). Everything is
synthetic. The tiling is exact: neighbouring polygons share identical edge vertices (one edge polyline is
generated once and used forwards by one cell and backwards by the other), with no gaps or overlaps.

What is in it, besides plain polygons:
  * MultiPolygons: about 1.5% of the features are two cells that are not adjacent (an exclave), as
    happens in real buurt boundaries split by a canal or road;
  * holes: about 1.5% of the cells have an inner ring, filled by a separate "park" feature (an enclave),
    so the tiling stays gap-free;
  * uneven vertex density: the vertex count per edge is log-normal, and about 0.1% of the edges are
    60 times denser, so some polygons have several thousand vertices and some a few dozen;
  * attributes: buurtnaam (string; about one in four names has a diacritic, some start with an
    apostrophe), buurtcode (BU + 8 digits, unique), inwoners (integer).

Each edge is the graph of a function over its chord (a smooth curve plus small noise, zero at both ends),
so an edge can never cross itself; node jitter and curve amplitude are small enough that edges meeting at
a node do not cross either. --check verifies validity with GEOS and that the areas add up.

Output by extension: .shp (ESRI Shapefile, with .prj and a .cpg saying UTF-8) or .gpkg (GeoPackage,
all features as MultiPolygon as the GeoPackage spec wants).
"""

import argparse
import math
import os
import struct
import sys
import time

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

EPSG = 28992
X0, Y0, SIZE = 120000.0, 430000.0, 60000.0
JITTER = 0.10          # node jitter as a fraction of the cell size
RING_VERTS = 64        # vertices of an enclave ring (before randomisation)

PREFIXES = ["", "", "", "", "", "Oude ", "Nieuwe ", "Hoge ", "Lage ", "Groot ", "Klein ", "Sint-", "'t ",
            "De ", "Het ", "Noord-", "Zuid-", "Oost-", "West-"]
STEMS = ["Molen", "Kerk", "Haven", "Linden", "Eiken", "Beuken", "Wilgen", "Vissers", "Wevers", "Bakkers",
         "Schippers", "Dijk", "Polder", "Sluis", "Brug", "Kasteel", "Burcht", "Akker", "Heide", "Duin",
         "Vaart", "Gracht", "Markt", "Tuin", "Zand", "Veen", "Klei", "Meer", "Berg", "Bos", "Lelie", "Rozen",
         "Tulpen", "Spoor", "Station", "Fabriek", "Vlinder", "Zwaluw", "Reiger", "Meeuwen",
         # with diacritics (Dutch trema/accents, Frisian circumflex)
         "Poëten", "Ruïne", "Reünie", "Kröller", "Ëiken", "Café", "Bèrgen", "Skûtsje", "Mûne", "Wâld",
         "Gêrs", "Müller", "Coöperatie", "Zeeën"]
SUFFIXES = ["buurt", "hof", "wijk", "kwartier", "veld", "dorp", "park", "hoek", "akker", "kamp", "weide",
            "laan", "kade", "eiland", "erf", "hoeve", "straat", "plein", "oord", "stein"]


def edge_points(a, b, k, rng):
    """k interior vertices between nodes a and b (both included): a smooth curve plus noise."""
    t = np.linspace(0.0, 1.0, k + 2)
    d = b - a
    length = math.hypot(d[0], d[1])
    nrm = np.array([-d[1], d[0]]) / length
    c1, c2, c3 = rng.uniform(-0.06, 0.06), rng.uniform(-0.025, 0.025), rng.uniform(-0.012, 0.012)
    off = c1 * np.sin(math.pi * t) + c2 * np.sin(2 * math.pi * t) + c3 * np.sin(3 * math.pi * t)
    # small high-frequency noise, faded out towards the nodes
    off += rng.normal(0, 0.002, k + 2) * np.sin(math.pi * t)
    off[0] = off[-1] = 0.0
    pts = a[None, :] + t[:, None] * d[None, :] + (off * length)[:, None] * nrm[None, :]
    pts[0], pts[-1] = a, b  # exact shared nodes
    return pts


def polygon_wkb(rings):
    parts = [struct.pack("<BII", 1, 3, len(rings))]
    for r in rings:
        parts.append(struct.pack("<I", len(r)))
        parts.append(np.ascontiguousarray(r, dtype="<f8").tobytes())
    return b"".join(parts)


def multipolygon_wkb(polys):
    return struct.pack("<BII", 1, 6, len(polys)) + b"".join(polygon_wkb(p) for p in polys)


def ring_area(r):
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def make_name(rng):
    return (PREFIXES[rng.integers(len(PREFIXES))] + STEMS[rng.integers(len(STEMS))]
            + SUFFIXES[rng.integers(len(SUFFIXES))])


def generate(n_features, n_vertices, seed):
    rng = np.random.default_rng(seed)
    m = max(0, round(0.015 * n_features))          # multipolygon merges (two cells -> one feature)
    nx = max(1, math.ceil(math.sqrt(n_features)))
    ny = max(1, math.ceil(n_features / nx))
    cells = nx * ny
    e = n_features - cells + m                       # enclaves (one extra feature each)
    if e < 0:
        m, e = m - e, 0
    w = SIZE / max(nx, ny)

    # nodes with jitter (the outer ones too: the whole area gets an organic outline)
    gx = X0 + np.arange(nx + 1) * w
    gy = Y0 + np.arange(ny + 1) * w
    NX = gx[:, None] + rng.uniform(-JITTER, JITTER, (nx + 1, ny + 1)) * w
    NY = gy[None, :] + rng.uniform(-JITTER, JITTER, (nx + 1, ny + 1)) * w

    # choose exclave pairs (i, j) + (i + 2, j) and enclave cells, all distinct
    used = np.zeros((nx, ny), bool)
    pairs = []
    if nx >= 3:
        tries = 0
        while len(pairs) < m and tries < 50 * (m + 1):
            tries += 1
            i, j = int(rng.integers(nx - 2)), int(rng.integers(ny))
            if used[i, j] or used[i + 1, j] or used[i + 2, j]:
                continue
            used[i, j] = used[i + 1, j] = used[i + 2, j] = True  # middle cell stays plain
            pairs.append((i, j))
    enclaves = []
    tries = 0
    while len(enclaves) < e and tries < 50 * (e + 1):
        tries += 1
        i, j = int(rng.integers(nx)), int(rng.integers(ny))
        if not used[i, j]:
            used[i, j] = True
            enclaves.append((i, j))

    # vertices per edge: log-normal around K, K chosen to hit the vertex target
    n_edges = nx * (ny + 1) + (nx + 1) * ny
    extra = 2 * len(enclaves) * (RING_VERTS + 1)
    K = max(1.0, (n_vertices - 5 * cells - extra) / (4.0 * cells))
    ks = rng.lognormal(0.0, 0.7, n_edges)
    heavy = rng.choice(n_edges, size=max(1, n_edges // 1000), replace=False)
    ks[heavy] *= 60.0  # a few very detailed edges (a digitised dike or creek): features of 5k+ vertices
    ks = np.clip(np.round(ks / ks.mean() * K), 1, 20000).astype(int)

    H = {}
    V = {}
    idx = 0
    for i in range(nx):
        for j in range(ny + 1):
            a = np.array([NX[i, j], NY[i, j]])
            b = np.array([NX[i + 1, j], NY[i + 1, j]])
            H[i, j] = edge_points(a, b, ks[idx], rng)
            idx += 1
    for i in range(nx + 1):
        for j in range(ny):
            a = np.array([NX[i, j], NY[i, j]])
            b = np.array([NX[i, j + 1], NY[i, j + 1]])
            V[i, j] = edge_points(a, b, ks[idx], rng)
            idx += 1

    def cell_ring(i, j):
        r = np.vstack([H[i, j][:-1], V[i + 1, j][:-1], H[i, j + 1][::-1][:-1], V[i, j][::-1][:-1],
                       H[i, j][:1]])
        return np.round(r, 2)

    def enclave_ring(i, j):
        corners = np.array([[NX[i, j], NY[i, j]], [NX[i + 1, j], NY[i + 1, j]],
                            [NX[i + 1, j + 1], NY[i + 1, j + 1]], [NX[i, j + 1], NY[i, j + 1]]])
        c = corners.mean(axis=0)
        n = RING_VERTS + int(rng.integers(-16, 17))
        t = np.linspace(0, 2 * math.pi, n, endpoint=False)
        r = 0.16 * w * (1 + 0.12 * np.cos(2 * t + rng.uniform(0, 6.3)) + 0.06 * np.cos(3 * t + rng.uniform(0, 6.3))
                        + rng.normal(0, 0.01, n))
        ring = np.column_stack([c[0] + r * np.cos(t), c[1] + r * np.sin(t)])
        ring = np.round(np.vstack([ring, ring[:1]]), 2)
        return ring[::-1]  # clockwise: a hole

    features = []  # (wkb_polygons: list of list of rings, attributes)
    partner = {}
    for (i, j) in pairs:
        partner[i, j] = (i + 2, j)
        partner[i + 2, j] = None  # absorbed
    enclave_set = set(enclaves)
    for j in range(ny):
        for i in range(nx):
            if partner.get((i, j), 0) is None:
                continue
            if (i, j) in partner:
                ii, jj = partner[i, j]
                polys = [[cell_ring(i, j)], [cell_ring(ii, jj)]]
            elif (i, j) in enclave_set:
                hole = enclave_ring(i, j)
                polys = [[cell_ring(i, j), hole]]
                features.append(("buurt", polys))
                features.append(("park", [[hole[::-1].copy()]]))
                continue
            else:
                polys = [[cell_ring(i, j)]]
            features.append(("buurt", polys))
    outline_area = ring_area(np.vstack(
        [np.vstack([H[i, 0][:-1] for i in range(nx)]),
         np.vstack([V[nx, j][:-1] for j in range(ny)]),
         np.vstack([H[i, ny][::-1][:-1] for i in reversed(range(nx))]),
         np.vstack([V[0, j][::-1][:-1] for j in reversed(range(ny))]),
         H[0, 0][:1]]))
    return features, outline_area, rng


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output .shp or .gpkg")
    ap.add_argument("--polygons", type=int, default=14000, help="number of features (default 14000)")
    ap.add_argument("--vertices", type=int, default=None,
                    help="total vertices to aim for (default: 2.5 million scaled by --polygons / 14000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="verify validity (GEOS) and the area sum")
    args = ap.parse_args()
    if args.polygons < 1:
        sys.exit("--polygons must be at least 1")
    n_vertices = args.vertices or int(2_500_000 * args.polygons / 14000)
    ext = os.path.splitext(args.out)[1].lower()
    if ext not in (".shp", ".gpkg"):
        sys.exit("--out must end in .shp or .gpkg")

    t0 = time.time()
    features, outline_area, rng = generate(args.polygons, n_vertices, args.seed)
    t1 = time.time()

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if os.path.exists(args.out):
        drv = ogr.GetDriverByName("ESRI Shapefile" if ext == ".shp" else "GPKG")
        drv.DeleteDataSource(args.out)
    if ext == ".shp":
        ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(args.out)
        lyr = ds.CreateLayer(os.path.splitext(os.path.basename(args.out))[0], srs, ogr.wkbPolygon,
                             options=["ENCODING=UTF-8"])
    else:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(args.out)
        lyr = ds.CreateLayer("buurten", srs, ogr.wkbMultiPolygon, options=["SPATIAL_INDEX=YES"])
    fd = ogr.FieldDefn("buurtnaam", ogr.OFTString)
    fd.SetWidth(80)
    lyr.CreateField(fd)
    fd = ogr.FieldDefn("buurtcode", ogr.OFTString)
    fd.SetWidth(10)
    lyr.CreateField(fd)
    fd = ogr.FieldDefn("inwoners", ogr.OFTInteger)
    fd.SetWidth(9)
    lyr.CreateField(fd)
    defn = lyr.GetLayerDefn()

    n_vert = n_multi = n_holes = 0
    area_sum = 0.0
    invalid = 0
    lyr.StartTransaction()
    for idx, (kind, polys) in enumerate(features):
        if len(polys) == 1 and ext == ".shp":
            wkb = polygon_wkb(polys[0])
        else:
            wkb = multipolygon_wkb(polys)
        n_multi += len(polys) > 1
        n_holes += sum(len(p) - 1 for p in polys)
        n_vert += sum(len(r) for p in polys for r in p)
        area_sum += sum(ring_area(p[0]) - sum(-ring_area(h) for h in p[1:]) for p in polys)
        f = ogr.Feature(defn)
        if kind == "park":
            f.SetField("buurtnaam", STEMS[rng.integers(len(STEMS))] + "park")
            f.SetField("inwoners", int(rng.integers(0, 40)))
        else:
            f.SetField("buurtnaam", make_name(rng))
            f.SetField("inwoners", int(min(25000, rng.lognormal(7.2, 0.8))))
        f.SetField("buurtcode", f"BU{2000 + idx // 9801:04d}{(idx // 99) % 99 + 1:02d}{idx % 99 + 1:02d}")
        g = ogr.CreateGeometryFromWkb(wkb)
        if args.check and not g.IsValid():
            invalid += 1
        f.SetGeometryDirectly(g)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    t2 = time.time()

    print(f"wrote {args.out}: {len(features)} features, {n_vert} vertices "
          f"({n_multi} multipolygons, {n_holes} holes), EPSG:{EPSG}")
    print(f"generate {t1 - t0:.1f} s, write {t2 - t1:.1f} s")
    if args.check:
        ok = invalid == 0 and abs(area_sum - outline_area) < 1e-6 * outline_area
        print(f"check: {invalid} invalid geometries; area sum {area_sum / 1e6:.3f} km2 vs outline "
              f"{outline_area / 1e6:.3f} km2 -> {'OK' if ok else 'FAILED'}")
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
