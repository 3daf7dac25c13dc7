//! HTML pages: blocks become lines, ordered lists are numbered as a browser
//! numbers them, furniture is left out; a document published as a page
//! outlines as its text does.

#![cfg(feature = "formats")]
#![allow(clippy::format_collect)] // test fixtures: clarity over allocation

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// 一 … 九十九 as the marker grammar writes them (the ordinals this test
/// numbers stay below 100).
fn cjk(n: u32) -> String {
    let written = (n < 100).then(|| tigang::grammar::numeral::render(tigang::profile::NumeralKind::Cjk, n)).flatten();
    written.unwrap_or_else(|| n.to_string())
}

/// (marker, depth, title) of every item: a page has no blank lines, so
/// line numbers differ from the text's.
fn shape(outline: &tigang::Outline<'_>) -> Vec<(String, usize, String)> {
    outline.items().map(|i| (i.marker.to_string(), i.depth, i.title.to_string())).collect()
}

/// A corpus document as a web page: 一、 headings as one-item
/// `<ol style="list-style-type: cjk-ideographic" start=N>`, 1. items as
/// `<ol start=N>` (their markers drawn by the list, not typed), （一）
/// headings as `<h3>`, every other line a `<p>`, with a navigation bar, a
/// script and a footer around it. Returns the page and how many markers the
/// lists draw.
fn as_page(text: &str) -> (String, usize) {
    let outline = tigang::parse(text);
    let mut by_line = std::collections::HashMap::new();
    for item in outline.items() {
        by_line.insert(item.line, (item.family.to_string(), item.ordinal, item.marker.to_string()));
    }
    let mut body = String::new();
    let mut drawn = 0;
    for (k, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let html = match by_line.get(&(k + 1)) {
            Some((family, n, marker))
                if family == "cjk-dun"
                    && *marker == format!("{}、", cjk(*n))
                    && trimmed.starts_with(marker.as_str()) =>
            {
                drawn += 1;
                format!(
                    r#"<ol style="list-style-type: cjk-ideographic" start="{n}"><li>{}</li></ol>"#,
                    escape(&trimmed[marker.len()..])
                )
            }
            Some((family, n, marker))
                if family == "arabic-dot" && *marker == format!("{n}.") && trimmed.starts_with(marker.as_str()) =>
            {
                drawn += 1;
                format!(r#"<ol start="{n}"><li>{}</li></ol>"#, escape(&trimmed[marker.len()..]))
            }
            Some((family, _, _)) if family == "cjk-paren" => format!("<h3>{}</h3>", escape(trimmed)),
            _ => format!("<p>{}</p>", escape(trimmed)),
        };
        body.push_str(&html);
        body.push('\n');
    }
    let page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>页面</title><script>var a = '一、脚本';</script></head>\n\
         <body><nav><a href=\"/\">首页</a> | <a href=\"/news\">新闻</a></nav>\n{body}<footer>主办单位：某某市人民政府办公室</footer></body></html>\n"
    );
    (page, drawn)
}

#[test]
fn corpus_documents_published_as_pages_outline_as_their_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    let (mut pages, mut drawn_total, mut differ) = (0, 0, Vec::new());
    for name in names {
        let text = std::fs::read_to_string(format!("{dir}/{name}.txt")).unwrap();
        let (page, drawn) = as_page(&text);
        if drawn == 0 {
            continue;
        }
        let outline = tigang::Parser::new()
            .parse_bytes(Some("page.html"), page.as_bytes(), tigang::DecodeOptions::default())
            .unwrap();
        assert_eq!(outline.source.format, "html");
        if shape(&outline) == shape(&tigang::parse(&text)) {
            pages += 1;
            drawn_total += drawn;
        } else {
            differ.push(name);
        }
    }
    eprintln!("{pages} pages ({drawn_total} markers drawn by lists) outline as their text; differ: {differ:?}");
    assert!(differ.is_empty(), "pages that outline otherwise than their text: {differ:?}");
    assert!(pages >= 10 && drawn_total >= 100, "{pages} pages, {drawn_total} markers");
}

#[test]
fn a_gbk_page_declares_its_charset_and_the_command_line_reads_it() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head>\
                <body><p>关于做好工作的通知</p><p>一、总体要求</p><p>二、主要任务</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    let dir = std::env::temp_dir().join(format!("tigang-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notice.htm");
    std::fs::write(&path, &bytes).unwrap();
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_tigang")).args(args).output().unwrap();
    let o = run(&["--extract", path.to_str().unwrap()]);
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "关于做好工作的通知\n一、总体要求\n二、主要任务\n");
    let o = run(&["--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v["source"]["format"].as_str(), v["source"]["encoding"].as_str()), (Some("html"), Some("gbk")));
    assert_eq!(v["documents"][0]["items"][1]["marker"], "二、");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_pages_are_read_within_bounds() {
    // Deep nesting: read without recursion up to a bound, refused past it
    // (the HTML5 tree builder's time grows with depth times elements).
    let nested = |n: usize| {
        format!("<!DOCTYPE html><html><body>{}一、深处{}</body></html>", "<div>".repeat(n), "</div>".repeat(n))
    };
    let page = nested(400);
    let decoded = tigang::decode::decode("deep.html", page.as_bytes(), tigang::DecodeOptions::default()).unwrap();
    assert_eq!(decoded.text, "一、深处\n");
    let e =
        tigang::decode::decode("deep.html", nested(100_000).as_bytes(), tigang::DecodeOptions::default()).unwrap_err();
    assert!(e.to_string().starts_with("deep.html: an HTML page whose elements nest 100002 deep"), "{e}");
    // End tags that close nothing do not hide the depth; an unclosed <font>
    // in each cell of a long table (old government pages) is not depth.
    let bypass = format!("<html><body>{}</body></html>", "<div></x>".repeat(100_000));
    assert!(tigang::decode::decode("b.html", bypass.as_bytes(), tigang::DecodeOptions::default()).is_err());
    let fonts: String = (0..5000).map(|i| format!("<tr><td><font size=2>第{i}行</td><td>内容</td></tr>")).collect();
    let table = format!("<html><body><table>{fonts}</table></body></html>");
    assert!(tigang::decode::decode("t.html", table.as_bytes(), tigang::DecodeOptions::default()).is_ok());
    let cells: String = (0..5000).map(|i| format!("<tr><td>第{i}行<td>内容")).collect();
    let sloppy_table = format!("<html><body><table>{cells}</table></body></html>");
    assert!(tigang::decode::decode("s.html", sloppy_table.as_bytes(), tigang::DecodeOptions::default()).is_ok());
    // A tag never closed with '>' is no quadratic search.
    let open_tags = format!("<!DOCTYPE html><body>{}", "<a".repeat(500_000));
    let started = std::time::Instant::now();
    let _ = tigang::decode::decode("o.html", open_tags.as_bytes(), tigang::DecodeOptions::default());
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    // Scripts full of comparisons, and pages that leave out end tags (<p>,
    // <li>), are not deep.
    let scripted = format!("<html><body><script>{}</script><p>正文</p></body></html>", "if(a<b){c<d}".repeat(10_000));
    assert!(tigang::decode::decode("s.html", scripted.as_bytes(), tigang::DecodeOptions::default()).is_ok());
    let sloppy = format!("<html><body>{}</body></html>", "<p>段落<li>条目".repeat(10_000));
    assert!(tigang::decode::decode("sloppy.html", sloppy.as_bytes(), tigang::DecodeOptions::default()).is_ok());
    // Numbers at the edge of what an attribute holds.
    let edge = r#"<html><body><ol start="9223372036854775807"><li>甲<li>乙</ol><ol reversed start="-5"><li>丙</ol><ol type="A" start="4000000000"><li>丁</ol></body></html>"#;
    let decoded = tigang::decode::decode("edge.html", edge.as_bytes(), tigang::DecodeOptions::default()).unwrap();
    assert!(decoded.text.contains("甲") && decoded.text.contains("丁"), "{}", decoded.text);
}
