// Builds the viewer into ../api/static/ (committed, so users need no npm at run time).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = new URL("../api/static/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  outfile: out + "viewer.js",
});
for (const file of ["index.html", "viewer.css"]) copyFileSync("src/" + file, out + file);
console.log("viewer built into", out);
