import type { OutlineData } from './outline-data';

/** Spherical Mercator with the scale and translation fitted at build time (widgets/outline.ts). */
export function project(outline: OutlineData, lat: number, lon: number): [number, number] {
  const r = Math.PI / 180;
  return [outline.tx + outline.k * lon * r, outline.ty - outline.k * Math.log(Math.tan(Math.PI / 4 + (lat * r) / 2))];
}
