#!/bin/sh
# Fills fuzz/corpus/TARGET/ with seeds from the repository's test files (never committed:
# libFuzzer adds what it finds there). Run from anywhere; needs python3 for the re-encoded
# and OFD seeds.
set -eu
fuzz=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz")
texts="$repo/tests/corpus"
formats="$repo/tests/data/formats"
seeds="$fuzz/corpus"
for target in decode html docx pdf doc ofd split outline align; do
    mkdir -p "$seeds/$target"
done
for target in decode split outline; do
    cp "$texts"/*.txt "$seeds/$target/"
done
cp "$formats"/*.html "$seeds/html/"
cp "$formats"/*.docx "$seeds/docx/"
cp "$formats"/*.pdf "$seeds/pdf/"
cp "$formats"/*.doc "$formats"/*.wps "$seeds/doc/"
# The aligner's input is a parent and a child joined by a form feed.
pair() {
    { cat "$texts/$1"; printf '\f'; cat "$texts/$2"; } > "$seeds/align/$1+$2"
}
pair gansu-2018-ai-plan.txt wuwei-2018-ai-plan.txt
pair changchun-2021-ai-opinions.txt zhongshan-2019-ai-action-plan-draft.txt
pair wuwei-2018-ai-plan.txt wuwei-2018-ai-plan.txt
python3 - "$texts" "$seeds" <<'PY'
import pathlib, sys, zipfile
texts, seeds = map(pathlib.Path, sys.argv[1:])
wuwei = (texts / "wuwei-2018-ai-plan.txt").read_text(encoding="utf-8")
# The encodings the decoder tells apart.
for name, data in [
    ("wuwei-gbk.txt", wuwei.encode("gb18030")),
    ("wuwei-utf16le.txt", wuwei.encode("utf-16-le")),
    ("wuwei-utf16be-bom.txt", b"\xfe\xff" + wuwei.encode("utf-16-be")),
    ("wuwei-big5.txt", wuwei.encode("big5", errors="replace")),
]:
    (seeds / "decode" / name).write_bytes(data)
# A small OFD: one page, one text object per line.
ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
lines = [l for l in wuwei.splitlines() if l.strip()][:30]
objects = "".join(
    f'<ofd:TextObject ID="{100 + i}" Boundary="27 {37 + 10 * i} 160 5.5" Font="3" Size="5.5">'
    f'<ofd:TextCode X="0" Y="5.5">{l.replace("&", "&amp;").replace("<", "&lt;")}</ofd:TextCode></ofd:TextObject>'
    for i, l in enumerate(lines)
)
with zipfile.ZipFile(seeds / "ofd" / "wuwei.ofd", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>武威市新一代人工智能发展实施方案</ofd:Title><ofd:CreationDate>2018-12-20</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
    z.writestr("Doc_0/Pages/Page_0/Content.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>')
PY
for target in decode html docx pdf doc ofd split outline align; do
    echo "$target: $(ls "$seeds/$target" | wc -l) seeds"
done
