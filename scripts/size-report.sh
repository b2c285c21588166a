#!/usr/bin/env bash
# Size of the npm package's module and glue (raw, gzip -9, brotli), and what
# is largest inside the module: a names-keeping build of the same release
# module, optimised the same way, read by twiggy (installed from crates.io).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ -f pkg/shouhoubao_bg.wasm ] || scripts/build-pkg.sh >/dev/null
command -v twiggy >/dev/null 2>&1 || cargo install twiggy --quiet

echo "### Package files"
echo
node --input-type=module -e '
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants as z } from "node:zlib";
const rows = ["pkg/shouhoubao_bg.wasm", "pkg/shouhoubao.js", "pkg/miniprogram/index.js", "pkg/miniprogram/shouhoubao.js", "pkg/miniprogram/text-codec.js"];
console.log("| file | raw | gzip -9 | brotli -11 |");
console.log("|---|---:|---:|---:|");
for (const f of rows) {
  const b = readFileSync(f);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [z.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`| \`${f.slice(4)}\` | ${b.length} B | ${gz} B (${(gz / 1024).toFixed(1)} KiB) | ${br} B |`);
}'

# The same module with its names kept, for the breakdown.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CARGO_PROFILE_WASM_PACKAGE_STRIP=false \
  cargo build --quiet -p shouhoubao-wasm --lib --target wasm32-unknown-unknown --profile wasm-package --features package --target-dir target/size-report
wasm-bindgen --keep-debug --target web --out-name shouhoubao --out-dir "$work" target/size-report/wasm32-unknown-unknown/wasm-package/shouhoubao_wasm.wasm
wasm-opt -Oz --converge --strip-producers --debuginfo --strip-dwarf "$work/shouhoubao_bg.wasm" -o "$work/named.wasm"
twiggy top -n 100000 --format csv "$work/named.wasm" > "$work/top.csv"
echo
echo "### What is largest in the module (bytes of code and data, before compression)"
echo
python3 - "$work/top.csv" <<'PY'
import csv, re, sys, collections
by_crate, rows, total = collections.Counter(), [], 0
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith("custom section") or "function names" in name or name.startswith('"'):
        continue
    total += size
    rows.append((size, name))
    if name.startswith("data segment"):
        key = "data (strings, tables, the default policy)"
    elif name.startswith("<"):
        m = re.match(r"<([a-z_][a-z0-9_]*)", name)
        key = m.group(1) if m else "other"
    else:
        m = re.findall(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
        key = m[0] if m else "wasm-bindgen shims and exports"
    by_crate[key] += size
print("| crate | bytes | share |\n|---|---:|---:|")
for k, v in by_crate.most_common(12):
    print(f"| {k} | {v} | {v / total:.0%} |")
print(f"| total | {total} | |\n")
print("| largest items | bytes |\n|---|---:|")
for size, name in sorted(rows, reverse=True)[:15]:
    name = re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]+\]", "", name))
    print(f"| `{name[:90]}` | {size} |")
PY
