// The Vite plugin in widgets/vite.config.ts replaces this module with the
// outline generated at build time (widgets/outline.ts); this is its type.
export interface OutlineData {
  width: number;
  height: number;
  path: string;
  k: number;
  tx: number;
  ty: number;
}

declare const outline: OutlineData;
export default outline;
