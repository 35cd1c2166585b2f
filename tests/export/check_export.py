#!/usr/bin/python3
"""Reads a Samenkaart research GeoPackage with geopandas, as a researcher would, and checks it.

    check_export.py FILE.gpkg --pins N --boundaries N --epsg CODE [--sessions N] [--sjoin]

Checks every layer opens, with the expected row counts, column types and CRS; with --sjoin, that
pin_counts and pins.buurt_fid agree with a geopandas spatial join (each pin to the lowest-fid
boundary that intersects it). Exit 0 when all is well, 1 with one line per problem, 77 when
geopandas is not installed (the caller skips loudly).
"""

import argparse
import sys

try:
    import fiona
    import geopandas as gpd
    import pandas as pd
except ImportError as e:  # pragma: no cover
    print(f"geopandas is not available: {e}")
    sys.exit(77)

LAYERS = ["pins", "boundaries", "pin_counts", "sessions", "categories", "pin_history", "layer_styles"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--pins", type=int, required=True)
    ap.add_argument("--boundaries", type=int, required=True)
    ap.add_argument("--sessions", type=int)
    ap.add_argument("--epsg", type=int, required=True)
    ap.add_argument("--sjoin", action="store_true")
    a = ap.parse_args()
    problems = []

    layers = fiona.listlayers(a.path)
    for name in LAYERS:
        if name not in layers:
            problems.append(f"layer {name} is missing (layers: {layers})")
    if problems:
        print("\n".join(problems))
        return 1
    frames = {name: gpd.read_file(a.path, layer=name) for name in LAYERS}
    pins, boundaries, counts = frames["pins"], frames["boundaries"], frames["pin_counts"]

    def expect(cond, text):
        if not cond:
            problems.append(text)

    expect(len(pins) == a.pins, f"pins: {len(pins)} rows, expected {a.pins}")
    expect(len(boundaries) == a.boundaries, f"boundaries: {len(boundaries)} rows, expected {a.boundaries}")
    expect(len(counts) == a.boundaries, f"pin_counts: {len(counts)} rows, expected {a.boundaries}")
    if a.sessions is not None:
        expect(len(frames["sessions"]) == a.sessions, f"sessions: {len(frames['sessions'])}, expected {a.sessions}")
    expect(len(frames["layer_styles"]) == 2, "layer_styles should hold the pins and pin_counts styles")
    for name in ("pins", "boundaries", "pin_counts"):
        crs = frames[name].crs
        expect(crs is not None and crs.to_epsg() == a.epsg, f"{name}: CRS {crs}, expected EPSG:{a.epsg}")
    expect(set(pins.geom_type.unique()) <= {"Point"}, f"pins geometry types {pins.geom_type.unique()}")
    expect(set(boundaries.geom_type.unique()) <= {"MultiPolygon"}, f"boundaries: {boundaries.geom_type.unique()}")

    if len(pins):
        expect(pd.api.types.is_integer_dtype(pins["session_id"]), f"pins.session_id is {pins['session_id'].dtype}")
        expect(pd.api.types.is_float_dtype(pins["lon"]), f"pins.lon is {pins['lon'].dtype}")
        expect(pd.api.types.is_datetime64_any_dtype(pins["created_at"]), f"pins.created_at is {pins['created_at'].dtype}")
        expect(pins["pin_id"].is_unique, "pins.pin_id is not unique")
        expect(pins["session_id"].isin(frames["sessions"]["session_id"]).all(), "a pin's session is not in sessions")
        expect(pins["category"].isin(frames["categories"]["code"]).all(), "a pin's category is not in categories")
    expect(pd.api.types.is_integer_dtype(counts["total"]), f"pin_counts.total is {counts['total'].dtype}")
    ncols = [c for c in counts.columns if c.startswith("n_")]
    expect(len(ncols) >= 1, "pin_counts has no n_<category> columns")
    expect((counts[ncols].sum(axis=1) == counts["total"]).all(), "pin_counts: n_* columns do not add up to total")

    if a.sjoin and len(pins):
        b = boundaries[["local_fid", "geometry"]]
        try:
            joined = gpd.sjoin(pins[["pin_id", "geometry"]], b, how="left", predicate="intersects")
            first = joined.groupby("pin_id")["local_fid"].min()  # a pin on a shared edge: the lowest fid
        except ImportError:
            # geopandas without rtree/pygeos cannot build the index sjoin needs: the same join, pin by pin.
            first = pd.Series({row.pin_id: b.loc[b.intersects(row.geometry), "local_fid"].min()
                               for row in pins.itertuples()}, name="local_fid")
        expected = first.dropna().astype("int64").value_counts()
        got = counts.set_index("local_fid")["total"]
        for fid, total in got.items():
            want = int(expected.get(fid, 0))
            expect(int(total) == want, f"pin_counts.total of boundary {fid} is {total}; the spatial join says {want}")
        mine = pins.set_index("pin_id")["buurt_fid"]
        for pin_id, fid in first.items():
            m = mine.get(pin_id)
            same = (pd.isna(fid) and pd.isna(m)) or (not pd.isna(fid) and not pd.isna(m) and int(fid) == int(m))
            expect(same, f"pin {pin_id}: buurt_fid {m}, the spatial join says {fid}")
        expect(int(counts["total"].sum()) == int(pins["buurt_fid"].notna().sum()), "a pin is counted twice")

    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok: {len(pins)} pins, {len(boundaries)} boundaries, {len(frames['sessions'])} sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
