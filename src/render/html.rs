//! HTML: one self-contained page (inline CSS and JS, nothing fetched): a
//! collapsible outline on the left and a mind map of the same tree on the
//! right, as inline SVG laid out here (root at the left, one coloured branch
//! per top-level item). A click on an item shows its line, its family and,
//! under `--full`, its body. The page is also well-formed XML.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use super::opml::escape;
use crate::outline::{Item, Outline};

/// Branch colours (a top-level item and everything under it share one).
const PALETTE: [&str; 8] = ["#c0392b", "#2874a6", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000", "#2e4053"];

/// Mind-map geometry, in pixels.
const FONT: f64 = 13.0;
const ROW: f64 = 30.0;
const BOX_H: f64 = 22.0;
const PAD: f64 = 8.0;
const GAP: f64 = 36.0;
/// Longest label in the map, in display columns (the outline has the full title).
const LABEL_COLUMNS: usize = 28;

/// One node of the mind map.
struct Node {
    label: String,
    full: String,
    id: Option<usize>,
    depth: usize,
    branch: usize,
    children: Vec<usize>,
    x: f64,
    y: f64,
    w: f64,
}

/// The outline as one self-contained HTML page.
pub fn html(outline: &Outline<'_>) -> String {
    let title = page_title(outline);
    let mut items: Vec<&Item<'_>> = Vec::new();
    let mut nav = String::new();
    let several = outline.documents.len() > 1;
    for (n, doc) in outline.documents.iter().enumerate() {
        if several {
            let name = doc.title.as_ref().map_or_else(|| format!("Document {}", n + 1), |t| t.text.to_string());
            let _ = write!(nav, "<details open=\"open\" class=\"doc\"><summary>{}</summary>", escape(&name));
        }
        for item in &doc.items {
            nav_item(&mut nav, item, &mut items);
        }
        if several {
            nav.push_str("</details>");
        }
    }
    let (svg, width, height) = mind_map(outline, &title);
    let mut bodies = String::new();
    for (id, item) in items.iter().enumerate() {
        let _ = write!(
            bodies,
            "<div id=\"i{id}\" hidden=\"hidden\" data-marker=\"{}\" data-title=\"{}\" data-line=\"{}\" data-family=\"{}\">{}</div>",
            escape(&item.label()),
            escape(&item.title),
            item.line,
            escape(&item.family),
            item.body.as_deref().map(escape).unwrap_or_default()
        );
    }
    let count = items.len();
    let source = outline.source.path.as_deref().map(escape).unwrap_or_default();
    format!(
        r#"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="tigang"/>
<title>{title_esc}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{title_esc}</h1><span class="meta">{count} items{sep}{source}</span></header>
<main>
<nav id="outline">{nav}</nav>
<section id="map"><div class="tools"><button type="button" id="zoom-out" title="zoom out">−</button><button type="button" id="zoom-fit" title="fit">⤢</button><button type="button" id="zoom-in" title="zoom in">+</button></div><div id="canvas" data-width="{width:.0}" data-height="{height:.0}">{svg}</div></section>
</main>
<aside id="detail"><p class="hint">点击条目查看行号与正文 · click an item for its line and body</p></aside>
<div id="bodies">{bodies}</div>
<script>//<![CDATA[
{JS}
//]]></script>
</body>
</html>
"#,
        title_esc = escape(&title),
        sep = if source.is_empty() { "" } else { " · " },
    )
}

fn page_title(outline: &Outline<'_>) -> String {
    match outline.documents.as_slice() {
        [one] if one.title.is_some() => one.title.as_ref().map(|t| t.text.to_string()).unwrap_or_default(),
        _ => outline.source.path.clone().unwrap_or_else(|| "提纲 outline".to_string()),
    }
}

fn nav_item<'o, 'a>(nav: &mut String, item: &'o Item<'a>, items: &mut Vec<&'o Item<'a>>) {
    let id = items.len();
    items.push(item);
    let head = format!(
        "<span class=\"m\">{}</span>{}<span class=\"ln\">{}</span>",
        escape(&item.label()),
        escape(&item.title),
        item.line
    );
    if item.children.is_empty() {
        let _ = write!(nav, "<div class=\"leaf\" data-id=\"{id}\">{head}</div>");
        return;
    }
    let _ = write!(nav, "<details open=\"open\"><summary data-id=\"{id}\">{head}</summary>");
    for child in &item.children {
        nav_item(nav, child, items);
    }
    nav.push_str("</details>");
}

/// Display width of a label in pixels (a CJK character is one em).
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| f64::from(u16::try_from(c.width().unwrap_or(0)).unwrap_or(1)) * FONT * 0.5).sum::<f64>() + 1.0
}

/// `s` cut to `columns` display columns, with an ellipsis when cut.
fn truncate(s: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Lays out the tree (root at the left, leaves one row each, parents
/// centred on their children) and draws it.
fn mind_map(outline: &Outline<'_>, title: &str) -> (String, f64, f64) {
    let mut nodes: Vec<Node> = Vec::new();
    let root_label = truncate(title, LABEL_COLUMNS);
    nodes.push(Node {
        w: text_width(&root_label) + 2.0 * PAD,
        label: root_label,
        full: title.to_string(),
        id: None,
        depth: 0,
        branch: 0,
        children: Vec::new(),
        x: 0.0,
        y: 0.0,
    });
    let several = outline.documents.len() > 1;
    let mut next_id = 0;
    let mut branch = 0;
    for (n, doc) in outline.documents.iter().enumerate() {
        let parent = if several {
            let name = doc.title.as_ref().map_or_else(|| format!("Document {}", n + 1), |t| t.text.to_string());
            let label = truncate(&name, LABEL_COLUMNS);
            let at = nodes.len();
            nodes.push(Node {
                w: text_width(&label) + 2.0 * PAD,
                label,
                full: name,
                id: None,
                depth: 1,
                branch: usize::MAX,
                children: Vec::new(),
                x: 0.0,
                y: 0.0,
            });
            nodes[0].children.push(at);
            at
        } else {
            0
        };
        // One colour per top-level item: its branch of the map.
        for item in &doc.items {
            add(&mut nodes, parent, item, &mut next_id, branch);
            branch += 1;
        }
    }
    // Columns: each depth as wide as its widest label.
    let depth_max = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let mut column_x = vec![PAD; depth_max + 2];
    for d in 0..=depth_max {
        let widest = nodes.iter().filter(|n| n.depth == d).map(|n| n.w).fold(0.0, f64::max);
        column_x[d + 1] = column_x[d] + widest + GAP;
    }
    let mut row = 0.0;
    place(&mut nodes, 0, &mut row);
    for n in &mut nodes {
        n.x = column_x[n.depth];
    }
    let width = column_x[depth_max + 1] + PAD;
    let height = row.max(1.0) * ROW + 2.0 * PAD;
    let mut svg = format!(
        "<svg id=\"mindmap\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"mind map\">"
    );
    for n in &nodes {
        for &c in &n.children {
            let child = &nodes[c];
            let (x1, y1, x2, y2) = (n.x + n.w, n.y, child.x, child.y);
            let mid = f64::midpoint(x1, x2);
            let _ = write!(
                svg,
                "<path d=\"M{x1:.1} {y1:.1} C{mid:.1} {y1:.1} {mid:.1} {y2:.1} {x2:.1} {y2:.1}\" stroke=\"{}\" class=\"link\"/>",
                if child.branch == usize::MAX { "#34495e" } else { PALETTE[child.branch % PALETTE.len()] }
            );
        }
    }
    for (k, n) in nodes.iter().enumerate() {
        let color = if n.branch == usize::MAX || k == 0 { "#34495e" } else { PALETTE[n.branch % PALETTE.len()] };
        let data = n.id.map(|id| format!(" data-id=\"{id}\"")).unwrap_or_default();
        let class = if k == 0 { "node root" } else { "node" };
        let _ = write!(
            svg,
            "<g class=\"{class}\"{data}><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{BOX_H:.1}\" rx=\"6\" stroke=\"{color}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            escape(&n.full),
            n.x,
            n.y - BOX_H / 2.0,
            n.w,
            n.x + PAD,
            n.y + FONT * 0.36,
            escape(&n.label)
        );
    }
    svg.push_str("</svg>");
    (svg, width, height)
}

fn add(nodes: &mut Vec<Node>, parent: usize, item: &Item<'_>, next_id: &mut usize, branch: usize) {
    let full = item.heading();
    let label = truncate(&full, LABEL_COLUMNS);
    let at = nodes.len();
    let depth = nodes[parent].depth + 1;
    nodes.push(Node {
        w: text_width(&label) + 2.0 * PAD,
        label,
        full,
        id: Some(*next_id),
        depth,
        branch,
        children: Vec::new(),
        x: 0.0,
        y: 0.0,
    });
    *next_id += 1;
    nodes[parent].children.push(at);
    for child in &item.children {
        add(nodes, at, child, next_id, branch);
    }
}

/// Gives leaves consecutive rows and centres parents on their children.
fn place(nodes: &mut [Node], at: usize, row: &mut f64) -> f64 {
    let children = nodes[at].children.clone();
    let y = if children.is_empty() {
        let y = PAD + (*row + 0.5) * ROW;
        *row += 1.0;
        y
    } else {
        let ys: Vec<f64> = children.iter().map(|&c| place(nodes, c, row)).collect();
        f64::midpoint(ys[0], ys[ys.len() - 1])
    };
    nodes[at].y = y;
    y
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:#222;background:#f6f7f9}
header{display:flex;align-items:baseline;gap:1em;padding:10px 18px;background:#2c3e50;color:#fff}
header h1{font-size:17px;margin:0;font-weight:600}
header .meta{opacity:.75;font-size:12px}
main{display:flex;height:calc(100vh - 47px - 92px)}
#outline{width:36%;min-width:260px;overflow:auto;padding:10px 14px;background:#fff;border-right:1px solid #dde1e6}
#outline details{margin-left:1.1em}
#outline>details,#outline>.leaf,#outline>details.doc{margin-left:0}
#outline .leaf{margin-left:1.1em;padding-left:1.05em}
#outline summary,#outline .leaf{cursor:pointer;padding:2px 4px;border-radius:4px}
#outline summary:hover,#outline .leaf:hover,#outline .sel{background:#eaf2fb}
#outline .m{color:#c0392b;font-weight:600;margin-right:.15em}
#outline .ln{float:right;color:#999;font-size:11px;margin-left:1em}
#outline details.doc>summary{font-weight:600;color:#2c3e50}
#map{flex:1;position:relative;overflow:hidden;display:flex;flex-direction:column}
#map .tools{position:absolute;right:14px;top:10px;z-index:2}
#map button{width:30px;height:28px;margin-left:4px;border:1px solid #ccd;border-radius:4px;background:#fff;cursor:pointer;font-size:15px}
#canvas{flex:1;overflow:auto;padding:8px}
#mindmap .link{fill:none;stroke-width:1.6;opacity:.8}
#mindmap .node rect{fill:#fff;stroke-width:1.4}
#mindmap .node text{font-size:13px;fill:#222}
#mindmap .root rect{fill:#34495e}
#mindmap .root text{fill:#fff;font-weight:600}
#mindmap .node[data-id]{cursor:pointer}
#mindmap .node.sel rect{fill:#fdf2e9}
#detail{height:92px;overflow:auto;padding:8px 18px;background:#fff;border-top:1px solid #dde1e6;font-size:13px}
#detail .hint{color:#999;margin:0}
#detail .head{font-weight:600}
#detail .where{color:#888;font-size:12px;margin-left:1em}
#detail .body{white-space:pre-wrap;margin:4px 0 0;color:#444}
#bodies{display:none}
"#;

const JS: &str = r#"
(function () {
  var canvas = document.getElementById('canvas');
  var svg = document.getElementById('mindmap');
  var w = parseFloat(canvas.getAttribute('data-width'));
  var h = parseFloat(canvas.getAttribute('data-height'));
  var scale = 1;
  function apply() {
    svg.setAttribute('width', Math.round(w * scale));
    svg.setAttribute('height', Math.round(h * scale));
  }
  function fit() {
    scale = Math.min(1, Math.max(0.2, (canvas.clientWidth - 20) / w));
    apply();
  }
  document.getElementById('zoom-in').onclick = function () { scale = Math.min(3, scale * 1.25); apply(); };
  document.getElementById('zoom-out').onclick = function () { scale = Math.max(0.1, scale / 1.25); apply(); };
  document.getElementById('zoom-fit').onclick = fit;
  var detail = document.getElementById('detail');
  function text(tag, cls, s) {
    var e = document.createElement(tag);
    e.className = cls;
    e.textContent = s;
    return e;
  }
  function show(id) {
    var b = document.getElementById('i' + id);
    if (!b) { return; }
    detail.textContent = '';
    var head = text('div', 'head', b.getAttribute('data-marker') + b.getAttribute('data-title'));
    head.appendChild(text('span', 'where', '第 ' + b.getAttribute('data-line') + ' 行 · line ' + b.getAttribute('data-line') + ' · ' + b.getAttribute('data-family')));
    detail.appendChild(head);
    if (b.textContent) { detail.appendChild(text('p', 'body', b.textContent)); }
    var old = document.querySelectorAll('.sel');
    for (var i = 0; i !== old.length; i++) { old[i].classList.remove('sel'); }
    var mark = document.querySelectorAll('[data-id="' + id + '"]');
    for (var j = 0; j !== mark.length; j++) { mark[j].classList.add('sel'); }
  }
  document.addEventListener('click', function (e) {
    var t = e.target.closest('[data-id]');
    if (t) { show(t.getAttribute('data-id')); }
  });
  fit();
})();
"#;
