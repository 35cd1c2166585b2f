#!/usr/bin/python3
"""A check by hand (python3-qgis is not among CI's packages): QGIS opens the programme store's two
views with their default styles. Usage, with PGHOST/PGPORT/PGUSER set and a store in DB that has
had a publish:  /usr/bin/python3 tests/programme/qgis_opens_views.py DBNAME"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
failed = False
for view, key, expected in [("pins_map", "id", "categorizedSymbol"), ("boundaries_map", "fid", "graduatedSymbol")]:
    uri = QgsDataSourceUri()
    uri.setConnection(os.environ.get("PGHOST", "localhost"), os.environ.get("PGPORT", "5432"), sys.argv[1],
                      os.environ.get("PGUSER", ""), "")
    uri.setDataSource("samenkaart", view, "geom", "", key)
    layer = QgsVectorLayer(uri.uri(), view, "postgres")
    renderer = layer.renderer().type() if layer.isValid() else None
    print(f"{view}: valid={layer.isValid()} features={layer.featureCount()} crs={layer.crs().authid()} "
          f"renderer={renderer}")
    failed |= renderer != expected
app.exitQgis()
sys.exit(1 if failed else 0)
