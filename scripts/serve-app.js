#!/usr/bin/env node
/**
 * `npm run app`: serves dist/ (the web page app.html and the add-in's files)
 * on http://localhost and prints the address. Node's own http module only: no
 * dependency, nothing but the files of dist/, and only to this computer unless
 * HOST is set (HOST=0.0.0.0 for a quick test from another machine).
 *
 *   PORT=8080 HOST=localhost node scripts/serve-app.js [folder]
 */
const { createServer } = require("http");
const { createReadStream, statSync } = require("fs");
const { extname, join, resolve, sep } = require("path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts the server; resolves with its address once it listens. Port 0 takes a free one. */
function startServer({ root = resolve(__dirname, "..", "dist"), port = 8080, host = "localhost" } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = resolve(join(base, path === "/" ? "app.html" : path));
    let stat = null;
    try {
      stat = file === base || file.startsWith(base + sep) ? statSync(file) : null;
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Нет такого файла.");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Content-Length": stat.size,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({ server, url: `http://${host}:${actual}/app.html`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

if (require.main === module) {
  const root = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  startServer({ root, port, host: process.env.HOST || "localhost" }).then(
    ({ url }) => {
      console.log(`ШНОР-монитор: откройте ${url}`);
      console.log("Остановить: Ctrl+C.");
    },
    (e) => {
      console.error(
        e.code === "EADDRINUSE"
          ? `Порт ${port} занят: укажите другой, например PORT=8081 npm run app.`
          : `Сервер не запустился: ${e.message}`,
      );
      process.exit(2);
    },
  );
}

module.exports = { startServer };
