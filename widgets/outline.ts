/**
 * The Germany outline of the map widget, computed at build time so the bundle
 * carries a short SVG path instead of geodata and a projection library.
 * Source: Natural Earth 1:50m country borders (public domain) as TopoJSON from
 * the `world-atlas` package (ISC). No installed package ships German state
 * borders under a licence we could check, so the map has none (see docs/WIDGETS.md).
 */
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';

/** ISO 3166-1 numeric code of Germany, the id world-atlas uses. */
const GERMANY = '276';

export interface Outline {
  width: number;
  height: number;
  /** SVG path data of the outline, in the viewBox `0 0 width height`. */
  path: string;
  /** Mercator scale and translation: x = tx + k·λ, y = ty − k·ln(tan(π/4 + φ/2)), angles in radians. */
  k: number;
  tx: number;
  ty: number;
}

export function germanyOutline(width = 300): Outline {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  const collection = feature(topology, topology.objects.countries);
  const germany = collection.features.find((f) => String(f.id) === GERMANY);
  if (!germany) throw new Error('world-atlas has no feature with id 276 (Germany)');
  const bounds = geoPath(geoMercator().scale(1).translate([0, 0])).bounds(germany);
  const height = Math.round((width * (bounds[1][1] - bounds[0][1])) / (bounds[1][0] - bounds[0][0]));
  const projection = geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    germany,
  );
  // One decimal is far below a pixel at widget sizes and halves the path's bytes.
  const path = geoPath(projection).digits(1)(germany) ?? '';
  const [tx, ty] = projection.translate();
  return { width, height, path, k: projection.scale(), tx, ty };
}
