// Run by projection.test.ts in a child process: d3-geo is ESM-only, which jest's
// module system cannot load. Prints where d3-geo and the widgets put each point.
import { geoMercator } from 'd3-geo';
import { germanyOutline } from '../../widgets/outline';
import { project } from '../../widgets/src/project';

const outline = germanyOutline();
const d3 = geoMercator().scale(outline.k).translate([outline.tx, outline.ty]);
const points = JSON.parse(process.argv[2] ?? '[]') as [number, number][];
process.stdout.write(JSON.stringify({ outline: { width: outline.width, height: outline.height }, points: points.map(([lat, lon]) => ({ d3: d3([lon, lat]), widget: project(outline, lat, lon) })) }));
