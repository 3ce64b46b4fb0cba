// Builds the add-in into dist/: taskpane.html loading both bundles (the shared
// runtime runs the task pane and the custom functions in one page), functions.js,
// functions.json from the JSDoc, functions-ru.json from src/functions/ru.ts,
// the manifest and the icons; and beside it the web page for files: app.html,
// app.js and its worker app-worker.js (src/app), which need nothing else. Other folders in dist/ (cli, core, bench-build) belong to tsc builds.
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FunctionsRuPlugin } = require("./scripts/functions-ru");

// The manifest is written for the dev server; a deployment build swaps in its own origin.
const DEV_URL = "https://localhost:3000/";

function deploymentUrl() {
  const url = process.env.ADDIN_URL;
  if (!url) return null;
  if (!/^https:\/\/[^\s"<>]+$/.test(url)) throw new Error(`ADDIN_URL must be an https:// address, not «${url}»`);
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * The certificate office-addin-dev-certs made for https://localhost, when it exists. It is not
 * created here: `npx office-addin-dev-certs install` does that once, asking for admin rights to
 * trust its CA. Without it the dev server uses its own self-signed certificate, which Office refuses.
 */
function devCertificate() {
  const fs = require("fs");
  const { caCertificatePath, localhostCertificatePath, localhostKeyPath } = require("office-addin-dev-certs/lib/defaults");
  if (![caCertificatePath, localhostCertificatePath, localhostKeyPath].every((file) => fs.existsSync(file))) {
    console.warn(
      "No office-addin-dev-certs certificate: run `npx office-addin-dev-certs install` once so Office trusts https://localhost:3000.",
    );
    return undefined;
  }
  return {
    ca: fs.readFileSync(caCertificatePath),
    cert: fs.readFileSync(localhostCertificatePath),
    key: fs.readFileSync(localhostKeyPath),
  };
}

// The head both pages share (charset, viewport, the pane's fonts), put in by their templates.
const SHARED_HEAD = require("fs").readFileSync(path.join(__dirname, "src/taskpane/head.html"), "utf8");

module.exports = (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const url = dev ? null : deploymentUrl();
  if (!dev && !url) console.warn(`ADDIN_URL is not set: the manifest in dist/ keeps ${DEV_URL}.`);

  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      app: "./src/app/index.tsx",
      "app-worker": "./src/app/worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Clean only what webpack writes: top-level files and assets/.
      clean: { keep: /^(?!assets[\\/])[^\\/]+[\\/]/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Only the bundled files are type-checked; ES modules let webpack drop unused code.
            options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2020", sourceMap: dev } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new FunctionsRuPlugin({ table: "./src/functions/ru.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        sharedHead: SHARED_HEAD,
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "app.html",
        template: "./src/app/app.html",
        sharedHead: SHARED_HEAD,
        chunks: ["app"],
        // A plain <script> at the end of <body>: it also runs from a page opened as a file.
        scriptLoading: "blocking",
        inject: "body",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (url ? content.toString().split(DEV_URL).join(url) : content),
          },
        ],
      }),
    ],
    devServer: {
      host: "localhost",
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: serving ? devCertificate() : undefined },
      static: false,
      client: { overlay: { warnings: false } },
    },
  };
};
