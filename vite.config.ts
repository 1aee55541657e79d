import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The build also runs inside vitest's global setup (NODE_ENV=test): Vite and the React plugin read
// NODE_ENV to choose development JSX, so pin it here to always ship the production build.
process.env.NODE_ENV = 'production';

/** Builds the renderer into dist/renderer with relative URLs (served by app:// in Electron, HTTP in browser mode). */
export default defineConfig({
  root: 'renderer',
  base: './',
  mode: 'production',
  plugins: [react()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // No inline module-preload polyfill: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
