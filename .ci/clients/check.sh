#!/usr/bin/env bash
# .ci/clients/check.sh SERVER_URL [OPENAPI_JSON]
#
# Mainstream client generators read OPENAPI_JSON (default: the repository's
# openapi.json) completely, and the clients they make hold a whole
# RoomService session against the server at SERVER_URL (the reference server
# with demo sign-in: `cargo run -p liveroom-server -- 0 --demo-auth`).
#
# From a clean work folder ($CHECK_DIR, default target/clients-check, removed
# first), with exact versions from npm and PyPI:
#   1. openapi-typescript, openapi-python-client, datamodel-code-generator and
#      @hey-api/openapi-ts generate from OPENAPI_JSON: any warning, and any
#      numbered (collided) name, fails;
#   2. session.ts (openapi-fetch) compiles under `tsc --strict` and session.py
#      under `mypy --strict`, together with the generated clients;
#   3. both sessions run against SERVER_URL: login, get_anchor_url,
#      create_room, add_anchor, get_room_list, get_anchors, set_custom_field
#      (set, inc), get_custom_info, two error replies, logout.
#
# Needs node >= 20.19 with npm, python3 >= 3.11.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
server=${1:?usage: check.sh SERVER_URL [OPENAPI_JSON]}
work=${CHECK_DIR:-$here/../../target/clients-check}
started=$SECONDS

# Exact versions. @hey-api/openapi-ts 0.95.0 is the newest that runs on
# node 20 (0.96 and later want node >= 22.13); typescript is pinned beside it
# because npm would otherwise install its peer at typescript@latest (7.x),
# whose API it cannot load.
NPM_PACKAGES=(
    openapi-typescript@7.13.0
    openapi-fetch@0.17.0
    typescript@5.9.3
    @types/node@20.19.43
    @hey-api/openapi-ts@0.95.0
)
PIP_PACKAGES=(
    openapi-python-client==0.29.1
    datamodel-code-generator==0.97.0
    mypy==2.4.1
)

step() { printf '\n== %s (%d s)\n' "$*" $((SECONDS - started)); }
fail() { echo "check.sh: $*" >&2; exit 1; }
# quiet LOG CMD...: runs CMD with its output in LOG; shows LOG when CMD fails.
quiet() {
    local log=$1; shift
    "$@" > "$log" 2>&1 || { cat "$log" >&2; fail "failed: $*"; }
}
# clean LOG WHAT: fails when LOG holds anything but the lines a generator
# always prints (given as the remaining arguments, as extended regexps).
clean() {
    local log=$1 what=$2; shift 2
    local pattern
    pattern=$(printf '%s|' "$@"); pattern=${pattern%|}
    if grep -Ev "^\s*$|$pattern" "$log" > "$log.rest"; then
        cat "$log.rest" >&2
        fail "$what printed the lines above (a warning about the document?)"
    fi
}

{ command -v node && command -v npm; } > /dev/null || fail "node and npm are needed"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
    || fail "node >= 20.19 is needed (this is $(node --version))"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fail "python3 >= 3.11 is needed"

step "clean work folder $work"
document=$(mktemp)
trap 'rm -f "$document"' EXIT
cp "${2:-$here/../../openapi.json}" "$document"
rm -rf "$work"
mkdir -p "$work/ts" "$work/gen"
cp "$document" "$work/openapi.json"
doc=$work/openapi.json

step "npm install ${NPM_PACKAGES[*]}"
# package.json: "type": "module" makes the compiled session an ES module.
cat > "$work/ts/package.json" <<'EOF'
{ "private": true, "type": "module" }
EOF
(cd "$work/ts" && quiet "$work/npm.log" npm install --no-audit --no-fund --no-package-lock --save-exact "${NPM_PACKAGES[@]}")

step "python venv: pip install ${PIP_PACKAGES[*]}"
python3 -m venv "$work/venv"
quiet "$work/pip.log" "$work/venv/bin/pip" install --disable-pip-version-check "${PIP_PACKAGES[@]}"
bin=$work/venv/bin
npx=$work/ts/node_modules/.bin

step "openapi-typescript"
"$npx/openapi-typescript" "$doc" -o "$work/ts/schema.d.ts" > "$work/gen/openapi-typescript.log" 2>&1 \
    || { cat "$work/gen/openapi-typescript.log"; fail "openapi-typescript failed"; }
clean "$work/gen/openapi-typescript.log" openapi-typescript 'openapi-typescript [0-9.]+$' ' → .*schema\.d\.ts'
# A reply that is a bare {"type": "object"} becomes Record<string, never>,
# which the server's own {"code":0,...} does not fit.
if grep -nE '^\s+[A-Za-z]+(Reply|Failure): Record<string, never>' "$work/ts/schema.d.ts"; then
    fail "openapi-typescript made the replies above Record<string, never>"
fi

step "openapi-python-client"
cat > "$work/gen/opc.yaml" <<'EOF'
project_name_override: liveroom-client
package_name_override: liveroom_client
post_hooks: []
EOF
(cd "$work/gen" && "$bin/openapi-python-client" generate --path "$doc" --meta none --config opc.yaml \
    --output-path liveroom_client > opc.log 2>&1) || { cat "$work/gen/opc.log"; fail "openapi-python-client failed"; }
clean "$work/gen/opc.log" openapi-python-client '^Generating liveroom_client$'
# Every interface's sync()/sync_detailed() returns its typed replies.
if grep -ln 'Response\[Any\]' "$work/gen/liveroom_client/api/default/"*.py; then
    fail "openapi-python-client left the replies of the modules above untyped (Response[Any])"
fi

step "datamodel-code-generator"
for scopes in "schemas" "schemas paths parameters"; do
    # shellcheck disable=SC2086 # the scopes are separate arguments
    "$bin/datamodel-codegen" --input "$doc" --input-file-type openapi --openapi-scopes $scopes \
        --output-model-type pydantic_v2.BaseModel --formatters builtin \
        --output "$work/gen/models.py" > "$work/gen/dmcg.log" 2>&1 \
        || { cat "$work/gen/dmcg.log"; fail "datamodel-codegen failed"; }
    clean "$work/gen/dmcg.log" "datamodel-codegen (--openapi-scopes $scopes)" '^$'
    if grep -En '^class [A-Za-z_]*[0-9]+\b' "$work/gen/models.py"; then
        fail "datamodel-codegen numbered the classes above (name collisions)"
    fi
done
"$bin/python" -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$work/gen/models.py"

step "@hey-api/openapi-ts"
(cd "$work/gen" && "$npx/openapi-ts" -i "$doc" -o heyapi > heyapi.log 2>&1) \
    || { cat "$work/gen/heyapi.log"; fail "@hey-api/openapi-ts failed"; }
sed -i 's/\x1b\[[0-9;]*m//g' "$work/gen/heyapi.log"
clean "$work/gen/heyapi.log" @hey-api/openapi-ts '@hey-api/openapi-ts v[0-9.]+$' '\[Job 1\]'
if grep -En '^export (type|const|enum) [A-Za-z_]*[0-9]+\b' "$work/gen/heyapi/types.gen.ts"; then
    fail "@hey-api/openapi-ts numbered the types above (name collisions)"
fi

step "tsc --strict: session.ts with openapi-fetch"
cp "$here/session.ts" "$work/ts/session.ts"
cat > "$work/ts/tsconfig.json" <<'EOF'
{
  "compilerOptions": {
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "noUnusedLocals": true,
    "noEmitOnError": true,
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "lib": ["ES2022"],
    "types": ["node"],
    "outDir": "build"
  },
  "files": ["session.ts"]
}
EOF
"$npx/tsc" -p "$work/ts/tsconfig.json" --strict || fail "tsc --strict failed on session.ts and the generated types"
# `as`, `<T>x`, `x!` and `any` are what the document should make needless:
# looked for in the syntax tree, not in the text.
cat > "$work/ts/no-casts.mjs" <<'JS'
import ts from "typescript";
import { readFileSync } from "node:fs";
const file = process.argv[2];
const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
let found = 0;
(function visit(node) {
  const kind =
    ts.isAsExpression(node) ? "as" :
    ts.isTypeAssertionExpression(node) ? "<T> cast" :
    ts.isNonNullExpression(node) ? "non-null assertion" :
    node.kind === ts.SyntaxKind.AnyKeyword ? "any" : null;
  if (kind !== null) {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    console.error(`${file}:${line + 1}: ${kind}: ${node.getText()}`);
    found++;
  }
  ts.forEachChild(node, visit);
})(source);
process.exit(found === 0 ? 0 : 1);
JS
node "$work/ts/no-casts.mjs" "$work/ts/session.ts" || fail "session.ts has a cast or an any (above)"

step "mypy --strict: session.py with the generated client"
cp "$here/session.py" "$work/gen/session.py"
(cd "$work/gen" && MYPYPATH=. "$bin/mypy" --strict --no-incremental --cache-dir=/dev/null session.py liveroom_client) \
    || fail "mypy --strict failed on session.py and the generated client"

step "session.ts against $server"
node "$work/ts/build/session.js" "$server" || fail "session.ts failed"

step "session.py against $server"
PYTHONPATH=$work/gen "$bin/python" "$work/gen/session.py" "$server" || fail "session.py failed"

echo
echo "check.sh: passed in $((SECONDS - started)) s"
