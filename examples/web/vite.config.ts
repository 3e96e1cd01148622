import { defineConfig } from "vite";

// Relative asset paths, so the built app can be served from any folder; config.json is read
// at run time (public/config.json in development), never baked into the bundle.
export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true },
});
