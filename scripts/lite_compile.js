// Compile Python files to bytecode inside Pyodide, under Node (see scripts/lite_compile.py).
// Usage: node scripts/lite_compile.js PYODIDE_DIR JOBS.json
// JOBS.json: [{"kind": "wheel" | "stdlib", "src": ABSOLUTE, "dst": ABSOLUTE, "keep_source": bool}]
// The host's file system is mounted at /host inside Pyodide; nothing is fetched.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [pyodideDir, jobsFile] = process.argv.slice(2);
  const { loadPyodide } = require(path.resolve(pyodideDir, "pyodide.js"));
  const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/" });
  pyodide.FS.mkdirTree("/host");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: "/" }, "/host");
  const host = (p) => "/host" + path.resolve(p);
  const jobs = JSON.parse(fs.readFileSync(jobsFile, "utf8")).map((job) => ({
    ...job,
    src: host(job.src),
    dst: host(job.dst),
  }));
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(fs.readFileSync(path.join(__dirname, "lite_compile.py"), "utf8"), {
    globals: namespace,
  });
  const counts = namespace.get("compile_all")(pyodide.toPy(jobs)).toJs();
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(`lite_compile: ${total} modules compiled in ${jobs.length} files`);
}

main().catch((error) => {
  console.error(`lite_compile: ${error.message.split("\n").filter(Boolean).pop()}`);
  process.exit(2);
});
