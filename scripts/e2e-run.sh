#!/usr/bin/env bash
# Runs the real-editor end-to-end test (test/e2e/vscode.e2e.test.ts): builds the VSIX, installs it into code-server
# and drives it through Debian Chromium. Needs scripts/e2e-setup.sh first. Screenshots: test-results/e2e/.
#   E2E_UPDATE_DOCS=1 bash scripts/e2e-run.sh   also copies the screenshots the user guide shows to docs/screenshots/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
E2E="$ROOT/.e2e"
mkdir -p "$E2E"

echo "[e2e-run] building the VSIX (npm run package)"
npm run --silent package
vsix_size=$(stat -c %s action-plan-assistant.vsix)
echo "[e2e-run] action-plan-assistant.vsix: ${vsix_size} bytes"
if [ "$vsix_size" -ge $((2 * 1024 * 1024)) ]; then
  echo "[e2e-run] the VSIX is larger than 2 MB" >&2
  exit 1
fi

# Only bundles, data, manifest, translations and docs: no source maps, sources or node_modules.
node -e '
  const JSZip = require("jszip");
  JSZip.loadAsync(require("fs").readFileSync("action-plan-assistant.vsix")).then((zip) => {
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const bad = names.filter((n) => /\.map$|\/node_modules\/|\.ts$/.test(n));
    console.log("[e2e-run] VSIX files: " + names.join(" "));
    if (bad.length) { console.error("[e2e-run] unexpected files in the VSIX: " + bad.join(" ")); process.exit(1); }
  });
'

echo "[e2e-run] packaging the zh-cn display-language fixture"
(cd "$ROOT/test/e2e/fixtures/zh-cn-locale" &&
  "$ROOT/node_modules/.bin/vsce" package --allow-missing-repository --skip-license --out "$E2E/e2e-display-language-zh-cn.vsix" >/dev/null)

echo "[e2e-run] transpiling the test"
node scripts/build.mjs transpile

status=0
node --test --test-reporter=spec --test-concurrency=1 out/test/e2e/vscode.e2e.test.js || status=$?
# The CLI's HTML coverage map in headless Chromium (cell count, states, no scripts, no requests, light and dark).
node --test --test-reporter=spec out/test/e2e/report-html.e2e.test.js || status=$?

if [ "${E2E_UPDATE_DOCS:-}" = "1" ] && [ -d test-results/e2e ]; then
  mkdir -p docs/screenshots
  for f in test-results/e2e/*.png test-results/e2e/*.jpg; do
    name="$(basename "$f" | sed -E 's/^[0-9]+-//')"
    case "$name" in
      hover-outdated-agency.png | hover-citation.png | problems-panel.png | quick-fix-menu.png | quick-fix-applied.png | \
        completion-gab.png | insert-citation-pick.png | tree-view.png | tree-open-plan-text.png | status-bar.png | coverage-report.png | \
        fix-all.png | settings.png | restricted-mode.png | definition.png | opened.png | \
        coverage-map.png | coverage-map-panel.jpg | coverage-map-html.png | coverage-map-html-dark.png | \
        county-problems-zh.png | county-problems-en.png | county-quick-fix-applied.png | county-completion-gongan.png)
        cp "$f" "docs/screenshots/$name"
        ;;
    esac
  done
  echo "[e2e-run] copied screenshots to docs/screenshots/"
fi
exit "$status"
