#!/usr/bin/python3
"""Survey the shared shapefile corpus with GDAL and write what Samenkaart should do with each file.

    /usr/bin/python3 tests/survey_corpus.py [--corpus ../shared/data/shapefile-corpus]
                                            [--json tests/corpus_expectations.json]
                                            [--md tests/corpus_expectations.md]

For every vector file in the corpus (.shp, .zip, .gpkg, .geojson, .json, .s3db; for a .zip the zip itself
and every vector member inside it, via /vsizip/) this records what GDAL does with default settings:
whether it opens (and the exact error text), the layers, declared and actual geometry types, feature
counts, null/empty and invalid (GEOS IsValid) geometries, CRS, and the encoding facts of shapefile
layers (.cpg text, DBF LDID byte at offset 29, the encoding GDAL picked, whether the attribute strings
it returns are valid UTF-8). For .shp files it also opens a private copy with SHAPE_RESTORE_SHX=YES
(GDAL writes the rebuilt .shx next to the file it opens, so the corpus itself is never opened that way).

It then applies Samenkaart's import rules for neighbourhood boundaries and writes "expected":
"import" or "refuse", with the reason and the warnings the user should see. The rules are in
decide() below and summarised in the generated Markdown.

Paths in the JSON use the placeholder {corpus} for the corpus folder; error texts do too.
The output is deterministic (sorted, no timings), so a diff shows real changes in GDAL's behaviour.
"""

import argparse
import collections
import json
import os
import shutil
import sys
import tempfile
import zipfile

from osgeo import gdal, ogr, osr

# Exceptions stay off: a Python error handler (used to collect GDAL's messages) and GDAL's exception
# mode do not mix well in GDAL 3.6, so failures are detected from return values and the last error.
gdal.DontUseExceptions()
ogr.DontUseExceptions()
osr.DontUseExceptions()

VECTOR_EXT = (".shp", ".zip", ".gpkg", ".geojson", ".json", ".s3db")
MEMBER_EXT = (".shp", ".gpkg", ".geojson", ".json")
POLY_TYPES = {ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbCurvePolygon, ogr.wkbMultiSurface}
MAX_MESSAGES = 8


class Messages:
    """Collects GDAL warnings/errors raised while a path is opened and read."""

    def __init__(self):
        self.items = []
        self.last_failure = None
        self.failures = 0

    def __call__(self, err_class, err_no, msg):
        if err_class == gdal.CE_None or err_class == gdal.CE_Debug:
            return
        if err_class in (gdal.CE_Failure, gdal.CE_Fatal):
            self.last_failure = msg
            self.failures += 1
        kind = {gdal.CE_Warning: "Warning", gdal.CE_Failure: "Error", gdal.CE_Fatal: "Fatal"}.get(err_class, "?")
        text = f"{kind}: {msg}"
        if text not in self.items and len(self.items) < MAX_MESSAGES:
            self.items.append(text)


def scrub(text, roots):
    if text is None:
        return None
    for real, placeholder in roots:
        text = text.replace(real, placeholder)
    return text


def crs_name(srs):
    if srs is None:
        return "none"
    s = srs.Clone()
    if s.AutoIdentifyEPSG() == 0 and s.GetAuthorityCode(None):
        return f"EPSG:{s.GetAuthorityCode(None)}"
    matches = srs.FindMatches() or []
    if matches and matches[0][1] >= 70:
        m = matches[0][0]
        if m.GetAuthorityName(None) and m.GetAuthorityCode(None):
            return f"{m.GetAuthorityName(None)}:{m.GetAuthorityCode(None)}"
    return f"unknown: {srs.GetName()}"


def vsi_read(path, limit=4096):
    f = gdal.VSIFOpenL(path, "rb")
    if f is None:
        return None
    try:
        return gdal.VSIFReadL(1, limit, f)
    finally:
        gdal.VSIFCloseL(f)


def sibling(files, layer_name, ext):
    for f in files or []:
        stem, e = os.path.splitext(os.path.basename(f))
        if e.lower() == ext and stem.lower() == layer_name.lower():
            return f
    return None


def survey_layer(ds, lyr, msgs):
    defn = lyr.GetLayerDefn()
    out = collections.OrderedDict()
    out["name"] = lyr.GetName()
    out["geometry_type"] = ogr.GeometryTypeToName(lyr.GetGeomType())
    out["features"] = lyr.GetFeatureCount()
    types = collections.Counter()
    nulls = invalid = read = 0
    utf8_ok = True
    non_utf8_example = None
    minx = miny = float("inf")
    maxx = maxy = float("-inf")
    read_error = None
    str_fields = [i for i in range(defn.GetFieldCount()) if defn.GetFieldDefn(i).GetType() == ogr.OFTString]
    lyr.ResetReading()
    gdal.ErrorReset()
    failures_before = msgs.failures
    while True:
        f = lyr.GetNextFeature()
        if f is None:
            break
        read += 1
        g = f.GetGeometryRef()
        if g is None or g.IsEmpty():
            nulls += 1
        else:
            types[ogr.GeometryTypeToName(g.GetGeometryType())] += 1
            if not g.IsValid():
                invalid += 1
            e0, e1, e2, e3 = g.GetEnvelope()
            minx, maxx, miny, maxy = min(minx, e0), max(maxx, e1), min(miny, e2), max(maxy, e3)
        for i in str_fields:
            if f.IsFieldSetAndNotNull(i):
                raw = bytes(f.GetFieldAsBinary(i))
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    if utf8_ok:
                        non_utf8_example = raw[:40].hex()
                    utf8_ok = False
    out["features_read"] = read
    if msgs.failures > failures_before:
        out["read_failures"] = msgs.failures - failures_before
        read_error = msgs.last_failure
    if read_error:
        out["read_error"] = read_error
    out["feature_geometry_types"] = dict(sorted(types.items()))
    out["null_or_empty"] = nulls
    out["invalid"] = invalid
    out["crs"] = crs_name(lyr.GetSpatialRef())
    out["extent"] = None if minx == float("inf") else [round(v, 6) for v in (minx, miny, maxx, maxy)]
    out["fields"] = [defn.GetFieldDefn(i).GetNameRef() for i in range(defn.GetFieldCount())]
    out["utf8_ok"] = utf8_ok
    if non_utf8_example:
        out["non_utf8_example_hex"] = non_utf8_example
    # encoding facts of shapefile layers
    if ds.GetDriver().ShortName == "ESRI Shapefile":
        md = lyr.GetMetadata("SHAPEFILE") or {}
        files = ds.GetFileList()
        cpg = sibling(files, lyr.GetName(), ".cpg")
        dbf = sibling(files, lyr.GetName(), ".dbf")
        enc = collections.OrderedDict()
        if cpg:
            raw = vsi_read(cpg, 200) or b""
            enc["cpg"] = raw.decode("utf-8", "replace").strip()[:60]
        else:
            enc["cpg"] = None
        ldid = None
        if dbf:
            head = vsi_read(dbf, 32) or b""
            if len(head) >= 30:
                ldid = head[29]
        enc["dbf"] = dbf is not None
        enc["ldid"] = ldid
        enc["gdal_source_encoding"] = md.get("SOURCE_ENCODING")
        out["encoding"] = enc
    return out


def survey_path(open_path, roots, config=None):
    """Open one path with GDAL and survey every layer. Returns a dict (opens, error, driver, layers...)."""
    msgs = Messages()
    gdal.PushErrorHandler(msgs)
    old = {}
    for k, v in (config or {}).items():
        old[k] = gdal.GetConfigOption(k)
        gdal.SetConfigOption(k, v)
    res = collections.OrderedDict()
    try:
        gdal.ErrorReset()
        ds = gdal.OpenEx(open_path, gdal.OF_VECTOR | gdal.OF_READONLY | gdal.OF_VERBOSE_ERROR)
        if ds is None:
            res["opens"] = False
            res["error"] = scrub(msgs.last_failure or gdal.GetLastErrorMsg() or "GDAL returned no dataset", roots)
            res["layers"] = []
        else:
            res["opens"] = True
            res["error"] = None
            res["driver"] = ds.GetDriver().ShortName
            layers = []
            for i in range(ds.GetLayerCount()):
                layers.append(survey_layer(ds, ds.GetLayer(i), msgs))
            res["layers"] = layers
            ds = None
    finally:
        for k, v in old.items():
            gdal.SetConfigOption(k, v)
        gdal.PopErrorHandler()
    res["gdal_messages"] = [scrub(m, roots) for m in msgs.items]
    return res


# ------------------------------------------------------------------------------------------------------
# Samenkaart's rules for importing neighbourhood boundaries
# ------------------------------------------------------------------------------------------------------

def is_poly(name):
    t = ogr.GT_Flatten(geometry_name_to_type(name))
    return t in POLY_TYPES


_NAME_TO_TYPE = {}


def geometry_name_to_type(name):
    if not _NAME_TO_TYPE:
        for t in range(0, 18):
            for v in (t, t + 1000, t + 2000, t + 3000, t | 0x80000000):
                try:
                    _NAME_TO_TYPE[ogr.GeometryTypeToName(v)] = v
                except Exception:
                    pass
    return _NAME_TO_TYPE.get(name, ogr.wkbUnknown)


def lonlat_extent(ext, tol=1e-3):
    return (ext is not None and -180 - tol <= ext[0] <= ext[2] <= 180 + tol
            and -90 - tol <= ext[1] <= ext[3] <= 90 + tol)


def decide(entry, res):
    """Returns (expected, reason, warnings, layer_used) for an opened/unopened survey result."""
    warnings = []
    restored = False
    if not res["opens"]:
        rs = entry.get("restore_shx")
        err = res["error"] or ""
        if rs and rs.get("opens") and "SHAPE_RESTORE_SHX" in err:
            res = rs
            restored = True
            warnings.append(".shx index missing: rebuilt in a temporary copy (SHAPE_RESTORE_SHX)")
        else:
            if entry["kind"] == "zip":
                if "does not exist in the file system" in err:
                    return "refuse", "not a valid zip archive", [], None
                return "refuse", "the zip contains no shapefile or other vector data", [], None
            if "not recognized as a supported file format" in err or "not recognised" in err:
                return "refuse", "not a shapefile or other supported vector file (GDAL does not recognise it)", [], None
            if "SHAPE_RESTORE_SHX" in err:
                return "refuse", ".shx index missing and could not be rebuilt", [], None
            return "refuse", f"cannot open: {err}", [], None
    layers = res["layers"]
    if not layers:
        return "refuse", "no layers (nothing vector-shaped in the file or archive)", [], None
    poly_layers = [l for l in layers if any(is_poly(t) for t in l["feature_geometry_types"])]
    if not poly_layers:
        declared_poly = [l for l in layers if is_poly(l["geometry_type"])]
        if declared_poly and all(l["features_read"] == 0 for l in declared_poly) and not any(
                l.get("read_error") for l in declared_poly):
            return "refuse", "polygon layer with no features: nothing to import", warnings, declared_poly[0]["name"]
        if declared_poly and all(l["null_or_empty"] == l["features_read"] for l in declared_poly):
            l = declared_poly[0]
            return ("refuse", f"no usable geometry: all {l['features_read']} features have a null/empty geometry",
                    warnings, l["name"])
        others = sorted({t for l in layers for t in l["feature_geometry_types"]})
        if others:
            return ("refuse", "contains " + ", ".join(others) +
                    ", not polygons: neighbourhood boundaries must be polygons", warnings, None)
        if any(l.get("read_error") for l in layers):
            return "refuse", "corrupt file: " + next(l["read_error"] for l in layers if l.get("read_error")), warnings, None
        if all(l["geometry_type"] == "None" for l in layers):
            return "refuse", "no geometry: attribute table only (.dbf without .shp)", warnings, None
        return "refuse", "no features: the layer is empty, nothing to import", warnings, None
    lyr = poly_layers[0]
    if len(poly_layers) > 1:
        warnings.append(f"{len(poly_layers)} polygon layers; imported the first ('{lyr['name']}'), "
                        "choose another with --layer")
    if lyr.get("read_error"):
        return ("refuse", f"corrupt file: {lyr.get('read_failures', 1)} error(s) while reading the "
                f"{lyr['features']} records ({lyr['read_error']})", warnings, lyr["name"])
    if lyr["features"] is not None and lyr["features_read"] != lyr["features"]:
        warnings.append(f"header says {lyr['features']} features, {lyr['features_read']} could be read")
    other = {t: n for t, n in lyr["feature_geometry_types"].items() if not is_poly(t)}
    if other:
        warnings.append("skipped non-polygon features: " + ", ".join(f"{n} {t}" for t, n in other.items()))
    if lyr["null_or_empty"]:
        warnings.append(f"skipped {lyr['null_or_empty']} features with a null/empty geometry")
    if lyr["invalid"]:
        warnings.append(f"repaired {lyr['invalid']} invalid geometries (MakeValid)")
    if any(("M" in t.split()[-1] or "Measured" in t or " Z" in t or "3D" in t) for t in lyr["feature_geometry_types"]):
        warnings.append("Z/M values dropped")
    if lyr["crs"] == "none":
        if lonlat_extent(lyr["extent"]):
            warnings.append("no CRS (.prj missing or unreadable); coordinates fit lon/lat, assumed WGS84 (EPSG:4326)")
        else:
            ext = lyr["extent"]
            return ("refuse", "no CRS (.prj missing or unreadable) and the coordinates look projected "
                    f"(extent {ext[0]:.0f},{ext[1]:.0f} .. {ext[2]:.0f},{ext[3]:.0f}); "
                    "pass --source-crs EPSG:xxxx", warnings, lyr["name"])
    elif lyr["crs"].startswith("unknown"):
        warnings.append(f"CRS not matched to an EPSG code ({lyr['crs'][9:]}); using the .prj as is")
    enc = lyr.get("encoding")
    if not lyr["utf8_ok"]:
        cause = ""
        if enc and enc.get("cpg") and not enc.get("gdal_source_encoding"):
            cause = f" (.cpg '{enc['cpg'][:20]}' not recognised)"
        warnings.append("attribute text is not valid UTF-8" + cause + "; decoded as Windows-1252")
    elif enc and enc.get("cpg") and not enc.get("gdal_source_encoding"):
        warnings.append(f".cpg '{enc['cpg'][:20]}' not recognised; text read as is (it is valid UTF-8)")
    n = (lyr["features_read"] - lyr["null_or_empty"] - sum(other.values()))
    reason = f"{n} polygon features from layer '{lyr['name']}'"
    if restored:
        reason += " (after rebuilding the .shx)"
    return "import", reason, warnings, lyr["name"]


# ------------------------------------------------------------------------------------------------------

def list_entries(corpus):
    entries = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.lower().endswith(VECTOR_EXT):
                continue
            full = os.path.join(dirpath, fn)
            rel = os.path.relpath(full, corpus)
            if fn.lower().endswith(".zip"):
                entries.append((rel, f"/vsizip/{{corpus}}/{rel}", "zip"))
                try:
                    with zipfile.ZipFile(full) as z:
                        members = sorted(i.filename for i in z.infolist() if not i.is_dir())
                except zipfile.BadZipFile:
                    members = []
                for m in members:
                    if m.lower().endswith(MEMBER_EXT):
                        entries.append((f"{rel}/{m}", f"/vsizip/{{corpus}}/{rel}/{m}", "zip-member"))
            else:
                entries.append((rel, f"{{corpus}}/{rel}", "file"))
    return entries


def restore_shx_copy(corpus, rel, tmp):
    """Copy a .shp and its same-stem siblings to tmp (extracting them when the .shp is inside a zip) and
    open that copy with SHAPE_RESTORE_SHX=YES. Returns the survey with paths as if it were the original."""
    zpos = rel.lower().find(".zip/")
    if zpos >= 0:
        zrel, member = rel[:zpos + 4], rel[zpos + 5:]
        stem = os.path.splitext(member)[0]
        with zipfile.ZipFile(os.path.join(corpus, zrel)) as z:
            for name in z.namelist():
                if os.path.splitext(name)[0] == stem and not name.endswith("/"):
                    dst = os.path.join(tmp, zrel + ".d", name)
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    with z.open(name) as src, open(dst, "wb") as out:
                        shutil.copyfileobj(src, out)
        path = os.path.join(tmp, zrel + ".d", member)
        roots = [(os.path.join(tmp, zrel + ".d"), "/vsizip/{corpus}/" + zrel)]
    else:
        src_dir = os.path.join(corpus, os.path.dirname(rel))
        stem = os.path.splitext(os.path.basename(rel))[0]
        dst_dir = os.path.join(tmp, os.path.dirname(rel))
        os.makedirs(dst_dir, exist_ok=True)
        for fn in os.listdir(src_dir):
            if os.path.splitext(fn)[0] == stem or fn.startswith(stem + "."):
                shutil.copy2(os.path.join(src_dir, fn), os.path.join(dst_dir, fn))
        path = os.path.join(tmp, rel)
        roots = [(tmp, "{corpus}")]
    return survey_path(path, roots, {"SHAPE_RESTORE_SHX": "YES"})


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "data", "shapefile-corpus"))
    ap.add_argument("--json", default=os.path.join(here, "corpus_expectations.json"))
    ap.add_argument("--md", default=os.path.join(here, "corpus_expectations.md"))
    args = ap.parse_args()
    corpus = os.path.realpath(args.corpus)
    if not os.path.isdir(corpus):
        sys.exit(f"corpus not found: {corpus}")
    roots = [(corpus, "{corpus}")]
    out = []
    with tempfile.TemporaryDirectory(prefix="samenkaart-survey-") as tmp:
        for rel, open_path, kind in list_entries(corpus):
            real_path = open_path.replace("{corpus}", corpus)
            res = survey_path(real_path, roots)
            entry = collections.OrderedDict()
            entry["path"] = rel
            entry["open_path"] = open_path
            entry["kind"] = kind
            entry["opens"] = res["opens"]
            entry["error"] = res["error"]
            entry["driver"] = res.get("driver")
            entry["layers"] = res["layers"]
            entry["gdal_messages"] = res["gdal_messages"]
            if kind in ("file", "zip-member") and rel.lower().endswith(".shp"):
                rs = restore_shx_copy(corpus, rel, tmp)
                same = (rs["opens"] == res["opens"] and rs["error"] == res["error"]
                        and rs.get("layers") == res["layers"])
                entry["restore_shx"] = {"same_as_default": True} if same else rs
            entry["_res"] = res
            out.append(entry)
    for entry in out:
        if entry["kind"] != "zip":
            res = entry.pop("_res")
            expected, reason, warnings, layer_used = decide(entry, res)
            entry.update(expected=expected, expected_reason=reason, expected_warnings=warnings,
                         expected_layer=layer_used)
    for entry in out:
        if entry["kind"] != "zip":
            continue
        res = entry.pop("_res")
        members = [e for e in out if e["path"].startswith(entry["path"] + "/")]
        if members and (not res["opens"] or not res["layers"]):
            # GDAL only looks at the root of a zip and gives up on a broken member; Samenkaart also
            # looks in sub-folders and treats each member as it would treat the file on its own
            best = next((m for m in members if m["expected"] == "import"), members[0])
            where = best["path"][len(entry["path"]) + 1:]
            entry.update(expected=best["expected"], expected_reason=f"{best['expected_reason']} [{where}]",
                         expected_warnings=best["expected_warnings"], expected_layer=best["expected_layer"])
        else:
            expected, reason, warnings, layer_used = decide(entry, res)
            entry.update(expected=expected, expected_reason=reason, expected_warnings=warnings,
                         expected_layer=layer_used)
    for entry in out:
        print(f"{entry['expected']:7s} {entry['path']}: {entry['expected_reason']}", file=sys.stderr)
    with open(args.json, "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    write_markdown(args.md, out)
    n_imp = sum(e["expected"] == "import" for e in out)
    print(f"{len(out)} entries: {n_imp} import, {len(out) - n_imp} refuse -> {args.json}, {args.md}")


def md_escape(s):
    return (s or "").replace("|", "\\|").replace("\n", " ")


def write_markdown(path, entries):
    lines = [
        "# Shapefile corpus: what GDAL 3.6 does and what Samenkaart should do",
        "",
        "Generated by `tests/survey_corpus.py` from `../shared/data/shapefile-corpus` (do not edit by hand;",
        "re-run the script). The machine-readable version is `tests/corpus_expectations.json`; its paths use",
        "the placeholder `{corpus}` for the corpus folder.",
        "",
        "## Import rules for neighbourhood boundaries (what `expected` is derived from)",
        "",
        "1. A file GDAL cannot open is refused with one clear error naming the file and the cause (not a zip,",
        "   not a shapefile, .shx missing and not rebuildable, ...).",
        "2. A missing `.shx` is rebuilt (GDAL `SHAPE_RESTORE_SHX=YES`) **in a temporary copy**, never next to",
        "   the user's file, with a warning.",
        "3. Only polygons are boundaries. A file with only points/lines is refused with a message that says so;",
        "   in a mixed layer the non-polygons are skipped with a warning.",
        "4. Null/empty geometries are skipped with a warning; if nothing is left the file is refused.",
        "5. Invalid polygons (GEOS `IsValid` false) are repaired with a warning.",
        "6. No CRS (no `.prj`, or one GDAL cannot parse): if every coordinate fits lon/lat",
        "   (-180..180, -90..90) WGS84 is assumed with a warning; otherwise the file is refused with a hint to",
        "   pass `--source-crs`.",
        "7. Text that is not valid UTF-8 after GDAL's recoding (unknown `.cpg`) is decoded as Windows-1252 with",
        "   a warning.",
        "8. A file or zip with several polygon layers imports the first one with a warning (`--layer` picks",
        "   another). A read error in the middle of a layer (corrupt records) refuses the whole file rather",
        "   than showing a partial map.",
        "9. A polygon layer with zero features is refused (nothing to import).",
        "",
        "Columns: *layers* lists `name: declared type [actual types] features (null/empty, invalid) CRS`;",
        "*enc* is `.cpg` text / LDID byte / encoding GDAL used / strings valid UTF-8.",
        "",
        "| path | opens (default) | with SHAPE_RESTORE_SHX | layers | enc | expected | reason / warnings |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for e in entries:
        opens = "yes" if e["opens"] else "no: " + md_escape(e["error"])
        rs = e.get("restore_shx")
        if rs is None:
            rtxt = ""
        elif rs.get("same_as_default"):
            rtxt = "same"
        else:
            rtxt = "yes" if rs["opens"] else "no: " + md_escape(rs["error"])
        layers = e["layers"] or (rs.get("layers") if rs and not rs.get("same_as_default") else []) or []
        ltxt = []
        etxt = []
        for l in layers[:4]:
            actual = ", ".join(f"{n} {t}" for t, n in l["feature_geometry_types"].items())
            err = f" **read error**: {md_escape(l['read_error'])}" if l.get("read_error") else ""
            ltxt.append(f"`{md_escape(l['name'])}`: {l['geometry_type']} [{actual}] {l['features']} "
                        f"({l['null_or_empty']} null, {l['invalid']} invalid) {l['crs']}{err}")
            enc = l.get("encoding")
            if enc:
                etxt.append(f"{md_escape(enc['cpg']) if enc['cpg'] is not None else '-'} / "
                            f"{enc['ldid'] if enc['ldid'] is not None else '-'} / "
                            f"{enc['gdal_source_encoding'] or '-'} / {'ok' if l['utf8_ok'] else '**not UTF-8**'}")
            elif not l["utf8_ok"]:
                etxt.append("**not UTF-8**")
        if len(layers) > 4:
            ltxt.append(f"... {len(layers) - 4} more")
        if not e["opens"] and layers:
            ltxt.insert(0, "(with restored .shx)")
        reason = md_escape(e["expected_reason"])
        if e["expected_warnings"]:
            reason += "; warnings: " + "; ".join(md_escape(w) for w in e["expected_warnings"])
        lines.append(f"| `{md_escape(e['path'])}` | {opens} | {rtxt} | {'<br>'.join(ltxt)} | "
                     f"{'<br>'.join(etxt)} | **{e['expected']}** | {reason} |")
    n_imp = sum(e["expected"] == "import" for e in entries)
    lines += ["", f"{len(entries)} entries: {n_imp} import, {len(entries) - n_imp} refuse.", ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
