#!/usr/bin/env bash
# Regenerate the .docx test fixtures in tests/docx/ from their hand-written
# Flat ODF sources in tests/docx/src/*.fodt, using LibreOffice Writer.
#
# For every tests/docx/src/NAME.fodt this writes:
#   tests/docx/NAME.docx          LibreOffice's Word export of the source
#   tests/docx/NAME.expected.txt  LibreOffice's plain-text export of that
#                                 .docx (the .docx is re-opened, not the
#                                 .fodt), UTF-8, byte-order mark removed
# and, when LibreOffice's Python bridge (python3-uno) is available, for a
# source NAME.fodt that contains tracked changes:
#   tests/docx/NAME.accepted.txt  the same .docx with all tracked changes
#                                 accepted, exported as text
#
# Usage: scripts/make-docx-fixtures.sh [NAME ...]   (default: every source)
#
# Installs nothing.  Needs `soffice` (Debian: apt-get install
# libreoffice-writer, or libreoffice-writer-nogui).  See tests/docx/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/tests/docx/src"
out="$repo/tests/docx"

if ! command -v soffice >/dev/null 2>&1; then
    echo "make-docx-fixtures: soffice not found." >&2
    echo "Install LibreOffice Writer first, e.g.: apt-get install libreoffice-writer" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no clash with a running LibreOffice, and no
# settings from the user's own profile leak into the fixtures.
profile="-env:UserInstallation=file://$work/profile"

if [ "$#" -gt 0 ]; then
    names=("$@")
else
    names=()
    for f in "$src"/*.fodt; do
        [ -e "$f" ] || continue
        n="$(basename "$f")"
        names+=("${n%.fodt}")
    done
fi
if [ "${#names[@]}" -eq 0 ]; then
    echo "make-docx-fixtures: no sources in $src" >&2
    exit 1
fi

sources=()
for n in "${names[@]}"; do
    if [ ! -f "$src/$n.fodt" ]; then
        echo "make-docx-fixtures: no such source: $src/$n.fodt" >&2
        exit 1
    fi
    sources+=("$src/$n.fodt")
done

soffice --version

# 1. .fodt -> .docx
mkdir -p "$work/docx"
run_soffice() {
    # soffice prints harmless warnings (e.g. about javaldx) on stderr: show
    # its output only when it fails.
    if ! soffice "$profile" --headless "$@" >"$work/soffice.log" 2>&1; then
        cat "$work/soffice.log" >&2
        echo "make-docx-fixtures: soffice failed" >&2
        exit 1
    fi
}
run_soffice --convert-to docx --outdir "$work/docx" "${sources[@]}"

# 2. .docx -> text (what a reader sees, as LibreOffice lays it out)
docx_files=()
for n in "${names[@]}"; do
    if [ ! -s "$work/docx/$n.docx" ]; then
        echo "make-docx-fixtures: LibreOffice did not produce $n.docx" >&2
        exit 1
    fi
    docx_files+=("$work/docx/$n.docx")
done
mkdir -p "$work/txt"
run_soffice --convert-to "txt:Text (encoded):UTF8" --outdir "$work/txt" "${docx_files[@]}"

strip_bom() {
    # LibreOffice's UTF-8 text export starts with a byte-order mark.
    sed '1s/^\xEF\xBB\xBF//' "$1" > "$2"
}

for n in "${names[@]}"; do
    if [ ! -f "$work/txt/$n.txt" ]; then
        echo "make-docx-fixtures: LibreOffice did not produce $n.txt" >&2
        exit 1
    fi
    cp "$work/docx/$n.docx" "$out/$n.docx"
    strip_bom "$work/txt/$n.txt" "$out/$n.expected.txt"
    echo "wrote tests/docx/$n.docx and tests/docx/$n.expected.txt"
done

# 3. Tracked changes: the same document with every change accepted.
# This needs LibreOffice's Python bridge (Debian: python3-uno, usually
# pulled in with LibreOffice), run by the system Python.
tracked=()
for n in "${names[@]}"; do
    if grep -q '<text:tracked-changes' "$src/$n.fodt"; then
        tracked+=("$n")
    fi
done
if [ "${#tracked[@]}" -gt 0 ]; then
    py=/usr/bin/python3
    if [ -x "$py" ] && "$py" -c 'import uno' >/dev/null 2>&1; then
        for n in "${tracked[@]}"; do
            "$py" - "$work/docx/$n.docx" "$work/txt/$n.accepted.txt" "$work/uno-profile" <<'PY'
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

docx, txt, profile = sys.argv[1:4]
pipe = "tigang_docx_fixtures_%d" % os.getpid()
office = subprocess.Popen([
    "soffice", "--headless", "--invisible", "--norestore",
    "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
    "--accept=pipe,name=%s;urp;" % pipe,
], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(120):
        try:
            ctx = resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.5)
    if ctx is None:
        sys.exit("could not connect to LibreOffice")
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(docx), "_blank", 0, (prop("Hidden", True),))
    dispatcher = smgr.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    dispatcher.executeDispatch(doc.CurrentController.Frame,
                               ".uno:AcceptAllTrackedChanges", "", 0, ())
    if doc.Redlines.Count != 0:
        sys.exit("tracked changes left after accepting all")
    doc.storeToURL(uno.systemPathToFileUrl(txt),
                   (prop("FilterName", "Text (encoded)"),
                    prop("FilterOptions", "UTF8")))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge drops while LibreOffice shuts down
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.terminate()
        office.wait()
PY
            strip_bom "$work/txt/$n.accepted.txt" "$out/$n.accepted.txt"
            echo "wrote tests/docx/$n.accepted.txt"
        done
    else
        echo "make-docx-fixtures: python3-uno not available; left" \
             "tests/docx/*.accepted.txt as they are" >&2
    fi
fi

# 4. Summary: per .docx, the numbering levels its paragraphs (or paragraph
# styles) actually use, as numId/ilvl: numFmt "lvlText" start.
if command -v python3 >/dev/null 2>&1; then
    for n in "${names[@]}"; do
        python3 - "$out/$n.docx" <<'PY'
import re, sys, zipfile
path = sys.argv[1]
z = zipfile.ZipFile(path)
numbering = z.read("word/numbering.xml").decode()
used = set()
for part in ("word/document.xml", "word/styles.xml"):
    for ilvl, num in re.findall(
            r'<w:numPr>(?:<w:ilvl w:val="(\d+)"/>)?<w:numId w:val="(\d+)"/>',
            z.read(part).decode()):
        if num != "0":
            used.add((num, ilvl or "0"))
abstract = {a: body for a, body in re.findall(
    r'<w:abstractNum w:abstractNumId="(\d+)"[^>]*>(.*?)</w:abstractNum>',
    numbering, re.S)}
out = []
for num, body in re.findall(r'<w:num w:numId="(\d+)"[^>]*>(.*?)</w:num>', numbering, re.S):
    a = re.search(r'<w:abstractNumId w:val="(\d+)"/>', body).group(1)
    overrides = dict(re.findall(
        r'<w:lvlOverride w:ilvl="(\d+)"><w:startOverride w:val="(\d+)"/>', body))
    for ilvl in sorted({l for (n, l) in used if n == num}):
        lvl = re.search(r'<w:lvl w:ilvl="%s"[^>]*>(.*?)</w:lvl>' % ilvl,
                        abstract[a], re.S).group(1)
        fmt = re.search(r'<w:numFmt w:val="([^"]*)"', lvl).group(1)
        text = re.search(r'<w:lvlText w:val="([^"]*)"', lvl).group(1)
        start = re.search(r'<w:start w:val="(\d+)"', lvl)
        item = '%s/%s: %s "%s"' % (num, ilvl, fmt, text)
        if start and start.group(1) != "1":
            item += " start=" + start.group(1)
        if ilvl in overrides:
            item += " startOverride=" + overrides[ilvl]
        out.append(item)
print("%s: %s" % (path.rsplit("/", 1)[-1], "; ".join(out)))
PY
    done
fi
