//! `.docx` input: automatic numbering rendered as Word shows it, so that a
//! document whose headings are numbered by Word outlines as its text does;
//! and hostile archives refused or read within bounds.

#![cfg(feature = "formats")]
#![allow(clippy::format_collect)] // test fixtures: clarity over allocation

use std::io::Write;

/// A `.docx` made of these parts (stored, not compressed).
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A paragraph: numbered (`Some((num, level))`) or not, its text with tabs.
fn paragraph(num: Option<(u32, u32)>, text: &str) -> String {
    let ppr = num.map_or(String::new(), |(n, l)| {
        format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{n}"/></w:numPr></w:pPr>"#)
    });
    let runs: Vec<String> =
        text.split('\t').map(|t| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(t))).collect();
    format!("<w:p>{ppr}<w:r>{}</w:r></w:p>", runs.join("<w:tab/>"))
}

fn document(paragraphs: &[String]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{}</w:body></w:document>"#,
        paragraphs.concat()
    )
}

/// The families this test numbers automatically, as Word levels: (family,
/// lvlText, numFmt).
const LEVELS: [(&str, &str, &str); 4] = [
    ("cjk-dun", "%1、", "chineseCounting"),
    ("cjk-paren", "（%2）", "chineseCounting"),
    ("arabic-dot", "%3.", "decimal"),
    ("circled", "%4", "decimalEnclosedCircle"),
];

fn numbering() -> String {
    let levels: String = LEVELS
        .iter()
        .enumerate()
        .map(|(k, (_, text, fmt))| {
            format!(
                r#"<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"#
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    )
}

/// (line, marker, depth, title) of every item.
fn shape(outline: &tigang::Outline<'_>) -> Vec<(usize, String, usize, String)> {
    outline.items().map(|i| (i.line, i.marker.to_string(), i.depth, i.title.to_string())).collect()
}

/// A corpus document written as a `.docx` whose headings are numbered by
/// Word: every line-start marker of the four families that Word's counters
/// would number the same is removed from the text and replaced by a
/// numbering reference. Returns the file and how many markers it replaced.
fn as_docx(text: &str) -> (Vec<u8>, usize) {
    let outline = tigang::parse(text);
    let mut numbered: std::collections::HashMap<usize, (usize, String)> = std::collections::HashMap::new();
    // Word's counters: a level counts on, and restarts when a higher one is used.
    let mut counters = [0u32; 4];
    for item in outline.items() {
        let Some(level) = LEVELS.iter().position(|(f, _, _)| *f == item.family) else { continue };
        // Indentation is the paragraph's format in Word, not its text.
        let line = text.lines().nth(item.line - 1).unwrap_or("").trim_start();
        let expected = {
            let mut c = counters;
            c[level] += 1;
            c[level + 1..].iter_mut().for_each(|v| *v = 0);
            c
        };
        let written = match level {
            0 => format!("{}、", cjk(expected[0])),
            1 => format!("（{}）", cjk(expected[1])),
            2 => format!("{}.", expected[2]),
            _ => char::from_u32(0x245F + expected[3]).map(String::from).unwrap_or_default(),
        };
        if line.starts_with(&written) && item.marker == written {
            counters = expected;
            numbered.insert(item.line, (level, written));
        }
    }
    let paragraphs: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(k, line)| match numbered.get(&(k + 1)) {
            Some((level, marker)) => {
                let line = line.trim_start();
                paragraph(Some((1, u32::try_from(*level).unwrap())), &line[marker.len()..])
            }
            None => paragraph(None, line),
        })
        .collect();
    let file = docx(&[("word/document.xml", &document(&paragraphs)), ("word/numbering.xml", &numbering())]);
    (file, numbered.len())
}

/// 一 … 九十九 as the marker grammar writes them (the ordinals this test
/// numbers stay below 100).
fn cjk(n: u32) -> String {
    let written = (n < 100).then(|| tigang::grammar::numeral::render(tigang::profile::NumeralKind::Cjk, n)).flatten();
    written.unwrap_or_else(|| n.to_string())
}

#[test]
fn corpus_documents_numbered_by_word_outline_as_their_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut converted = 0;
    let mut markers = 0;
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    for name in names {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{name}.txt")) else { continue };
        // A Word paragraph is a line: the text's line ends become paragraph ends.
        let text = text.replace("\r\n", "\n");
        if text.contains('\r') {
            continue;
        }
        let (file, replaced) = as_docx(&text);
        if replaced == 0 {
            continue;
        }
        let outline =
            tigang::Parser::new().parse_bytes(Some("x.docx"), &file, tigang::DecodeOptions::default()).unwrap();
        assert_eq!(outline.source.format, "docx");
        assert_eq!(shape(&outline), shape(&tigang::parse(&text)), "{name}: {replaced} markers numbered by Word");
        converted += 1;
        markers += replaced;
    }
    eprintln!("{converted} corpus documents, {markers} markers numbered by Word, outlines equal");
    assert!(converted >= 10, "only {converted} documents had markers to number");
    assert!(markers >= 200, "only {markers} markers numbered by Word");
}

#[test]
fn numbering_continues_across_interruptions_and_restarts_under_a_higher_level() {
    let paragraphs = [
        paragraph(None, "关于做好工作的通知"),
        paragraph(Some((1, 0)), "总体要求"),
        paragraph(Some((1, 1)), "指导思想"),
        paragraph(None, "坚持稳中求进。"),
        paragraph(Some((1, 1)), "基本原则"),
        paragraph(Some((1, 0)), "主要任务"),
        paragraph(Some((1, 1)), "抓好落实"),
        paragraph(Some((1, 2)), "细化方案"),
        paragraph(Some((1, 2)), "压实责任"),
    ];
    let file = docx(&[("word/document.xml", &document(&paragraphs)), ("word/numbering.xml", &numbering())]);
    let decoded = tigang::decode::decode("t.docx", &file, tigang::DecodeOptions::default()).unwrap();
    assert_eq!(
        decoded.text,
        "关于做好工作的通知\n一、总体要求\n（一）指导思想\n坚持稳中求进。\n（二）基本原则\n二、主要任务\n（一）抓好落实\n1.细化方案\n2.压实责任\n"
    );
}

#[test]
fn start_overrides_styles_tables_fields_and_tracked_changes() {
    let numbering = format!(
        r#"<w:numbering {W}>
        <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:pStyle w:val="Heading1"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
        </w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style></w:styles>"#
    );
    let body = format!(
        r#"<w:document {W}><w:body>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>
        <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>第三项</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>加上的</w:t></w:r></w:ins></w:p>
        <w:p><w:r><w:t>页码</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        <w:p><w:pPr><w:pStyle w:val="MyHeading"/></w:pPr><w:r><w:t>分则 &amp; 附则</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>
        </w:body></w:document>"#
    );
    let file = docx(&[("word/document.xml", &body), ("word/numbering.xml", &numbering), ("word/styles.xml", &styles)]);
    let decoded = tigang::decode::decode("t.docx", &file, tigang::DecodeOptions::default()).unwrap();
    assert_eq!(decoded.text, "第一章 总则\n③ 第三项加上的\n页码7\n序号\t事项\n第二章 分则 & 附则\n不编号\n");
}

#[test]
fn hostile_archives_are_refused_or_read_within_bounds() {
    fn decode(bytes: &[u8]) -> Result<tigang::decode::Decoded<'_>, tigang::Error> {
        tigang::decode::decode("bad.docx", bytes, tigang::DecodeOptions::default())
    }
    // Malformed XML: an error naming the part.
    let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let e = decode(&broken).unwrap_err().to_string();
    assert!(e.starts_with("bad.docx: ") && e.contains("word/document.xml"), "{e}");
    // A truncated archive.
    let cut = &docx(&[("word/document.xml", &document(&[paragraph(None, "正文")]))])[..40];
    assert!(decode(cut).is_err());
    // A numbering style that links to itself, and 10 000 levels.
    let looping = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Loop"/>{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        (0..10_000)
            .map(|k| format!(r#"<w:lvl w:ilvl="{k}"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#))
            .collect::<String>()
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:styleId="Loop"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let file = docx(&[
        ("word/document.xml", &document(&[paragraph(Some((1, 0)), "一项"), paragraph(Some((1, 9999)), "深层")])),
        ("word/numbering.xml", &looping),
        ("word/styles.xml", &styles),
    ]);
    let text = decode(&file).unwrap().text.into_owned();
    assert_eq!(text, "一项\n深层\n", "a looping link gives no number, and no hang");
    // Without word/document.xml it is some other zip.
    let other = docx(&[("xl/workbook.xml", "<workbook/>")]);
    assert!(decode(&other).unwrap_err().to_string().contains("ZIP archive"));
    // An old binary Word file: what to do.
    let doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00";
    assert!(decode(doc).unwrap_err().to_string().contains("save it as .docx"));
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_inflates_to() {
    // 257 MB of one character compresses to about 250 kB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(format!("<w:document {W}><w:body><w:p><w:r><w:t>").as_bytes()).unwrap();
    let block = vec![b'a'; 1 << 20];
    for _ in 0..257 {
        zip.write_all(&block).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let e = tigang::decode::decode("bomb.docx", &bomb, tigang::DecodeOptions::default()).unwrap_err().to_string();
    assert!(e.contains("inflates past 256 MB"), "{e}");
}

#[test]
fn the_command_line_reads_docx_and_extracts_its_text() {
    let dir = std::env::temp_dir().join(format!("tigang-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("draft.docx");
    let paragraphs =
        [paragraph(None, "实施方案"), paragraph(Some((1, 0)), "总体要求"), paragraph(Some((1, 0)), "主要任务")];
    std::fs::write(&path, docx(&[("word/document.xml", &document(&paragraphs)), ("word/numbering.xml", &numbering())]))
        .unwrap();
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_tigang")).args(args).output().unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["--extract", p]);
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "实施方案\n一、总体要求\n二、主要任务\n");
    let o = run(&["--format", "json", p]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["format"], "docx");
    assert_eq!(v["documents"][0]["items"][1]["marker"], "二、");
    assert_eq!(v["documents"][0]["items"][1]["line"], 3, "lines count the paragraphs");
    // A folder's .docx files are read with its text files.
    let o = run(&["--format", "json", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"format\": \"docx\""));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The lines of a text without white space (LibreOffice's text export puts
/// a space after each number and indents list paragraphs) or blank lines.
fn dense_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Files made by LibreOffice (tests/docx/README.md): the text tigang reads
/// from each is the text LibreOffice shows for it, numbers included.
#[test]
fn libreoffice_files_read_as_libreoffice_shows_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx");
    let read = |name: &str| {
        let bytes = std::fs::read(dir.join(format!("{name}.docx"))).unwrap();
        tigang::decode::decode(name, &bytes, tigang::DecodeOptions::default()).unwrap().text.into_owned()
    };
    let expected = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    for name in ["three-levels", "restart", "heading-style", "circled-and-start"] {
        assert_eq!(dense_lines(&read(name)), dense_lines(&expected(&format!("{name}.expected.txt"))), "{name}");
    }
    // A table row is one line of tab-separated cells here, one line per
    // cell there: the same characters in the same order.
    let chars = |t: &str| dense_lines(t).concat();
    assert_eq!(chars(&read("table")), chars(&expected("table.expected.txt")), "table");
    // Tracked changes as accepted: inserted text kept, deleted text and
    // deleted paragraph marks gone, the numbers closing up.
    assert_eq!(dense_lines(&read("tracked")), dense_lines(&expected("tracked.accepted.txt")), "tracked");
}
