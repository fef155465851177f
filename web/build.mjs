// Builds the viewer's script into ../api/static/ (committed, so users need no npm at run time).
// The page and its style sheet are not built: api/static/index.html and viewer.css are their
// one copy, edited in place; this build writes only viewer.js, its licences and the country file.
import { build } from "esbuild";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync } from "node:fs";

const out = new URL("../api/static/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  metafile: true,
  outfile: out + "viewer.js",
});
// Country boundaries for the map (Natural Earth 1:50m via world-atlas), fetched by the page.
copyFileSync("node_modules/world-atlas/countries-50m.json", out + "countries-50m.json");

// Every bundled package with its licence (not all of them carry a /*! comment).
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
packages.add("world-atlas"); // countries-50m.json (data from Natural Earth, public domain)
const lines = [...packages].sort().map((name) => {
  const meta = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8"));
  return `  ${name} ${meta.version}: ${meta.license} (${meta.homepage || meta.repository?.url || ""})`;
});
appendFileSync(out + "viewer.js.LEGAL.txt", "\nBundled packages and their licences:\n" + lines.join("\n") + "\n");
console.log("viewer built into", out);
