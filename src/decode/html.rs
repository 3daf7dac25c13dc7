//! Web pages: the text a reader sees, one line per block, with the numbers
//! of ordered lists written out.
//!
//! Reports and notices are published as web pages. The page is parsed by a
//! real HTML5 parser (html5ever, through `scraper`), so that unclosed `<p>`
//! and stray tags end where a browser ends them. Block elements (`p`, `div`,
//! `li`, `h1`–`h6`, `tr`, `br` …) become lines; white space collapses as a
//! browser collapses it (except in `pre`); `script`, `style`, `nav`,
//! `header`, `footer` and form controls are furniture and left out; a table
//! row is one line of tab-separated cells. An `<ol>`'s items get the
//! numbers a browser draws: `type` (1, a, A, i, I), `start`, `value`,
//! `reversed`, and `list-style-type` in a `style` attribute (decimal,
//! cjk-ideographic → 一、, lower-alpha, upper-roman …).

use scraper::{Html, Node};

/// Whether `text` is an HTML page: it opens with a doctype or an `<html>`
/// tag (after white space and comments), or `path` ends in `.html`/`.htm`
/// and it opens with a tag.
pub fn is_html(path: &str, text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let lower: String = head.chars().take(64).flat_map(char::to_lowercase).collect();
    let by_name = std::path::Path::new(path)
        .extension()
        .is_some_and(|e| ["html", "htm", "xhtml"].iter().any(|h| e.eq_ignore_ascii_case(h)));
    lower.starts_with("<!doctype html") || lower.starts_with("<html") || (by_name && lower.starts_with('<'))
}

/// The encoding a page declares in its first kilobytes (`<meta charset>` or
/// `content="text/html; charset=…"`), as a label.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    // Only a page declares it, in a <meta> tag: a plain text that mentions
    // "charset=" says nothing about its own bytes (and costs no copy).
    if head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
        return None;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let meta = memchr::memmem::find(&lower, b"<meta")?;
    let tag_end = memchr::memchr(b'>', &lower[meta..]).map_or(lower.len(), |e| meta + e);
    let at = meta + memchr::memmem::find(&lower[meta..tag_end], b"charset=")? + b"charset=".len();
    let label: String = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .map(|&b| char::from(b))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Elements whose text is no part of the page's content.
const FURNITURE: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "head", "select", "button", "iframe", "svg",
    "canvas", "object",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "aside",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "address",
    "figure",
    "figcaption",
    "hr",
    "form",
    "fieldset",
    "legend",
    "center",
    "body",
    "html",
];

/// How deep elements may nest. The HTML5 tree builder looks through the
/// open elements at each block tag, so its time grows with depth times
/// elements: a hundred thousand nested `<div>`s take minutes, four thousand
/// with a page of siblings seconds. Real pages nest a few dozen deep.
pub const MAX_NESTING: usize = 512;

/// Elements without content, and those whose end tags pages leave out:
/// neither deepens the estimate of [`nesting`].
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "!doctype", "!--",
];

/// How far down the open elements an end tag looks for its start tag: an
/// end tag closes what it contains (`</td>` an unclosed `<font>`), but one
/// that matches nothing near the top is ignored, as the parser ignores it.
const END_TAG_REACH: usize = 64;

/// An estimate of how deep the page's elements nest, from its tags alone:
/// a stack of open element names, an end tag closing down to its start tag
/// when one is near the top (linear, before parsing; the text of scripts
/// and styles, where `<` is an operator, is skipped).
pub fn nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut deepest = 0;
    let mut at = 0;
    // The next '>' at or after `at`, found once for every tag before it.
    let mut next_gt: Option<usize> = None;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let tag = at + found + 1;
        at = tag;
        let rest = &bytes[tag..];
        let closing = rest.first() == Some(&b'/');
        let name: Vec<u8> = rest[usize::from(closing)..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
            .take(16)
            .map(u8::to_ascii_lowercase)
            .collect();
        if !closing && (name == b"script" || name == b"style") {
            // On to its end tag (or the end of the page).
            let end = memchr::memmem::find_iter(rest, b"</")
                .find(|&i| rest.get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(&name)));
            at = end.map_or(bytes.len(), |e| tag + e);
            continue;
        }
        let Ok(name_str) = std::str::from_utf8(&name) else { continue };
        if name.is_empty() || UNNESTED.contains(&name_str) {
            continue;
        }
        if next_gt.is_none_or(|g| g < tag) {
            next_gt = Some(memchr::memchr(b'>', rest).map_or(usize::MAX, |g| tag + g));
        }
        let self_closing = next_gt.is_some_and(|g| g != usize::MAX && g > tag && bytes[g - 1] == b'/');
        if closing {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(k) = open[reach..].iter().rposition(|n| *n == name) {
                open.truncate(reach + k);
            }
        } else if !self_closing {
            // A cell or row ends the one before it, its end tag left out or not.
            let implied: &[&[u8]] = match name.as_slice() {
                b"td" | b"th" => &[b"td", b"th"],
                b"tr" => &[b"tr"],
                _ => &[],
            };
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(k) = open[reach..].iter().rposition(|n| implied.contains(&n.as_slice())) {
                open.truncate(reach + k);
            }
            open.push(name);
            deepest = deepest.max(open.len());
        }
    }
    deepest
}

/// The text of the page: one line per block.
pub fn extract(text: &str) -> String {
    let page = Html::parse_document(text);
    let mut out = Lines::default();
    walk(&page, &mut out);
    out.end_line();
    out.text
}

/// The text being written: finished lines, and the current one.
#[derive(Default)]
struct Lines {
    text: String,
    line: String,
    /// The current line holds only a list item's number so far: a block
    /// opening inside the item (`<li><p>总体要求</p>`) continues it.
    marker_only: bool,
    /// Cells of the open table rows (innermost last).
    rows: Vec<Vec<String>>,
}

impl Lines {
    /// A block opens: a new line, unless the line holds only a number.
    fn open_block(&mut self) {
        if !self.marker_only {
            self.end_line();
        }
    }

    fn push_text(&mut self, s: &str, pre: bool) {
        if s.chars().any(|c| !c.is_ascii_whitespace()) {
            self.marker_only = false;
        }
        let target = self.rows.last_mut().and_then(|r| r.last_mut()).unwrap_or(&mut self.line);
        if pre {
            target.push_str(s);
            return;
        }
        // Runs of white space are one space; none at a line's start.
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                if !target.is_empty() && !target.ends_with(' ') {
                    target.push(' ');
                }
            } else {
                target.push(c);
            }
        }
    }

    fn end_line(&mut self) {
        self.marker_only = false;
        if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
            if !cell.ends_with(' ') && !cell.is_empty() {
                cell.push(' ');
            }
            return;
        }
        let line = self.line.trim_end();
        if !line.is_empty() {
            self.text.push_str(line);
            self.text.push('\n');
        }
        self.line.clear();
    }
}

/// An open `<ol>`: how it numbers, the next number, and its direction.
struct OpenList {
    style: Option<ListStyle>,
    next: i64,
    step: i64,
}

/// The walk of the page, in document order, without recursion: a page of
/// a hundred thousand nested `<div>`s is read like any other.
fn walk(page: &Html, out: &mut Lines) {
    use ego_tree::iter::Edge;
    // Inside furniture (how deep), inside `pre` (how deep).
    let (mut furniture, mut pre) = (0usize, 0usize);
    let mut lists: Vec<OpenList> = Vec::new();
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if furniture == 0 => out.push_text(t, pre > 0),
                Node::Element(e) => {
                    let name = e.name();
                    if furniture > 0 || FURNITURE.contains(&name) {
                        furniture += 1;
                        continue;
                    }
                    match name {
                        "br" => out.end_line(),
                        "tr" => {
                            out.end_line();
                            out.rows.push(Vec::new());
                        }
                        "td" | "th" => {
                            if let Some(row) = out.rows.last_mut() {
                                row.push(String::new());
                            }
                        }
                        "ol" => {
                            out.end_line();
                            lists.push(open_list(node));
                        }
                        "li" => {
                            out.end_line();
                            if let Some(list) = lists.last_mut().filter(|_| parent_is(node, "ol")) {
                                if let Some(v) = e.attr("value").and_then(|s| s.trim().parse().ok()) {
                                    list.next = v;
                                }
                                let style = list_style(e.attr("style"), e.attr("type")).or(list.style);
                                if let Ok(n) = u32::try_from(list.next) {
                                    let marker = style.map_or_else(|| format!("{n}."), |s| s.marker(n));
                                    out.push_text(&marker, true);
                                    out.marker_only = !marker.is_empty();
                                }
                                list.next = list.next.saturating_add(list.step);
                            }
                        }
                        "pre" => {
                            out.end_line();
                            pre += 1;
                        }
                        _ if BLOCKS.contains(&name) => out.open_block(),
                        _ => {}
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else { continue };
                let name = e.name();
                if furniture > 0 {
                    furniture -= 1;
                    continue;
                }
                match name {
                    "tr" => {
                        if let Some(row) = out.rows.pop() {
                            let cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
                            let target = out.rows.last_mut().and_then(|r| r.last_mut()).unwrap_or(&mut out.line);
                            target.push_str(&cells.join("\t"));
                            out.end_line();
                        }
                    }
                    "ol" => {
                        lists.pop();
                        out.end_line();
                    }
                    "pre" => {
                        pre = pre.saturating_sub(1);
                        out.end_line();
                    }
                    _ if name == "li" || BLOCKS.contains(&name) => out.end_line(),
                    _ => {}
                }
            }
        }
    }
}

fn parent_is(node: ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
    node.parent().is_some_and(|p| matches!(p.value(), Node::Element(e) if e.name() == name))
}

/// An `<ol>` about to number its items: `start`, `reversed`, its style.
fn open_list(node: ego_tree::NodeRef<'_, Node>) -> OpenList {
    let Node::Element(ol) = node.value() else { return OpenList { style: None, next: 1, step: 1 } };
    let reversed = ol.attr("reversed").is_some();
    let items = node.children().filter(|c| matches!(c.value(), Node::Element(e) if e.name() == "li")).count();
    let default = if reversed { i64::try_from(items).unwrap_or(0) } else { 1 };
    OpenList {
        style: list_style(ol.attr("style"), ol.attr("type")),
        next: ol.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(default),
        step: if reversed { -1 } else { 1 },
    }
}

/// How an ordered list numbers its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStyle {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    CjkIdeographic,
    None,
}

impl ListStyle {
    /// The marker a browser draws: `1.`, `a.`, `一、`.
    fn marker(self, n: u32) -> String {
        use crate::decode::docx::format_number;
        match self {
            ListStyle::Decimal => format!("{n}."),
            ListStyle::LowerAlpha => format!("{}.", format_number(n, "lowerLetter")),
            ListStyle::UpperAlpha => format!("{}.", format_number(n, "upperLetter")),
            ListStyle::LowerRoman => format!("{}.", format_number(n, "lowerRoman")),
            ListStyle::UpperRoman => format!("{}.", format_number(n, "upperRoman")),
            ListStyle::CjkIdeographic => format!("{}、", format_number(n, "chineseCounting")),
            ListStyle::None => String::new(),
        }
    }
}

/// The list style of an element: `list-style-type` (or `list-style`) in
/// its style attribute, else its `type` attribute.
fn list_style(style: Option<&str>, kind: Option<&str>) -> Option<ListStyle> {
    let from_css = style.and_then(|s| {
        s.split(';').find_map(|decl| {
            let (property, value) = decl.split_once(':')?;
            let property = property.trim().to_ascii_lowercase();
            (property == "list-style-type" || property == "list-style")
                .then(|| value.split_whitespace().find_map(css_list_style))
                .flatten()
        })
    });
    from_css.or_else(|| match kind?.trim() {
        "1" => Some(ListStyle::Decimal),
        "a" => Some(ListStyle::LowerAlpha),
        "A" => Some(ListStyle::UpperAlpha),
        "i" => Some(ListStyle::LowerRoman),
        "I" => Some(ListStyle::UpperRoman),
        _ => None,
    })
}

fn css_list_style(value: &str) -> Option<ListStyle> {
    Some(match value.trim().to_ascii_lowercase().as_str() {
        "decimal" => ListStyle::Decimal,
        "lower-alpha" | "lower-latin" => ListStyle::LowerAlpha,
        "upper-alpha" | "upper-latin" => ListStyle::UpperAlpha,
        "lower-roman" => ListStyle::LowerRoman,
        "upper-roman" => ListStyle::UpperRoman,
        "cjk-ideographic" | "simp-chinese-informal" | "cjk-decimal" | "trad-chinese-informal" => {
            ListStyle::CjkIdeographic
        }
        "none" => ListStyle::None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lists_tables_and_furniture() {
        let page = r#"<!DOCTYPE html><html><head><title>标题</title><style>p{}</style></head><body>
            <nav>首页 | 新闻</nav><h1>关于做好工作的通知</h1>
            <p>各单位：<br>现将有关事项通知如下。</p>
            <ol style="list-style-type: cjk-ideographic"><li>总体要求<li><p>主要任务</p></ol>
            <ol start="3"><li>第三项</li><li value="7">第七项</li></ol>
            <table><tr><td>序号</td><td>事项</td></tr></table>
            <p>段落  之中
              的空白</p><script>var x = "一、不是正文";</script><footer>版权所有</footer></body></html>"#;
        assert!(is_html("page", page));
        assert_eq!(
            extract(page),
            "关于做好工作的通知\n各单位：\n现将有关事项通知如下。\n一、总体要求\n二、主要任务\n3.第三项\n7.第七项\n序号\t事项\n段落 之中 的空白\n"
        );
    }

    #[test]
    fn charset_from_meta() {
        assert_eq!(declared_charset(b"<html><head><meta charset=\"gb2312\">").as_deref(), Some("gb2312"));
        assert_eq!(
            declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">").as_deref(),
            Some("gbk")
        );
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
        assert_eq!(declared_charset("通知：页面写明 charset=big5 的说明".as_bytes()), None);
    }
}
