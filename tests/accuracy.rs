//! Accuracy against the gold outlines of `tests/corpus/*.yaml`, scored the way
//! `shared/tools/score.py` scores them (see GOLD.md there):
//!
//! - an item is identified by its line and the position of its marker in that
//!   line (both sides NFKC-folded, white space and Markdown `#`/`*` removed);
//! - item F1 over matched positions; parent accuracy = matched items whose
//!   parent is right, over all gold items (a missed item counts as wrong).
//!
//! The test prints a table and fails when the totals fall under the
//! thresholds, or when a document scores under the hand-written regex
//! baseline (`tests/corpus/baseline.tsv`, made by `scripts/baseline.sh`).

#![allow(clippy::cast_precision_loss)] // counts of items are far below 2^52

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// Overall item F1 on the corpus must not fall under this. Raised as tigang
/// improves; never lowered.
const MIN_F1: f64 = 0.995;
/// Overall parent accuracy on the corpus must not fall under this. Raised,
/// never lowered.
const MIN_PARENT: f64 = 0.99;
/// Item F1 on the probes (documents written for patterns the corpus lacks,
/// gold written before tigang ran on them). Raised, never lowered.
const MIN_PROBE_F1: f64 = 0.995;
/// Parent accuracy on the probes. Raised, never lowered.
const MIN_PROBE_PARENT: f64 = 0.98;

/// The baseline is written with three decimals: a score equal to it may
/// differ in the fourth.
const ROUNDING: f64 = 5e-4;

/// Where an item is: (line, column of its marker) or, when the marker is not
/// found in its line, (line, core of the marker, occurrence).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    At(usize, usize),
    Core(usize, String, usize),
}

#[derive(Clone, Debug)]
struct Entry {
    line: usize,
    marker: String,
    title: String,
    parent: Option<usize>,
    key: Option<Key>,
}

fn fold(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace() && *c != '#' && *c != '*').collect()
}

/// The numbering token without its trailing delimiter or linking 是.
fn core(marker: &str) -> String {
    let f = fold(marker);
    let c = f.trim_end_matches(|ch| "、,.:;．，：；".contains(ch)).to_string();
    if c.chars().count() > 1 && c.ends_with('是') { c.trim_end_matches('是').to_string() } else { c }
}

fn norm_title(t: &str) -> String {
    let n: String = t.nfkc().collect();
    // Remove "(qū)"-style pinyin annotations.
    let mut out = String::new();
    let mut rest = n.as_str();
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)) =>
            {
                rest = &after[close + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && !",，。.、:：;；!！?？\"“”'‘’()（）《》<>[]【】".contains(*c))
        .collect()
}

fn title_ok(p: &str, g: &str) -> bool {
    let (p, g) = (norm_title(p), norm_title(g));
    if p == g {
        return true;
    }
    let (short, long) = if p.chars().count() <= g.chars().count() { (p, g) } else { (g, p) };
    !short.is_empty() && long.starts_with(&short) && short.chars().count() as f64 >= 0.8 * long.chars().count() as f64
}

/// Gives every entry its position key (entries in document order).
fn keyed(entries: &mut [Entry], lines: &[&str]) {
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for e in entries.iter_mut() {
        let ln = e.line;
        let m = fold(&e.marker);
        let text = if (1..=lines.len()).contains(&ln) {
            fold(&format!("{}{}", lines[ln - 1], lines.get(ln).copied().unwrap_or("")))
        } else {
            String::new()
        };
        let k = *seen.entry((ln, m.clone())).and_modify(|k| *k += 1).or_insert(0);
        let mut col = None;
        for needle in [m.clone(), core(&e.marker)] {
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            let mut found = None;
            for _ in 0..=k {
                let Some(p) = text.get(from..).and_then(|t| t.find(&needle)) else {
                    found = None;
                    break;
                };
                let at = from + p;
                found = Some(at);
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            if let Some(at) = found {
                col = Some(text[..at].chars().count());
                break;
            }
        }
        e.key = Some(match col {
            Some(c) => Key::At(ln, c),
            None => Key::Core(ln, core(&e.marker), k),
        });
    }
}

fn gold_entries(gold: &serde_yaml::Value) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for it in gold["items"].as_sequence().map(Vec::as_slice).unwrap_or_default() {
        let depth = it["depth"].as_u64().and_then(|d| usize::try_from(d).ok()).unwrap_or(1);
        stack.truncate(depth.saturating_sub(1));
        let marker = match &it["marker"] {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
        };
        out.push(Entry {
            line: it["line"].as_u64().and_then(|d| usize::try_from(d).ok()).unwrap_or(0),
            marker,
            title: it["title"].as_str().unwrap_or("").to_string(),
            parent: stack.last().copied(),
            key: None,
        });
        stack.push(out.len() - 1);
    }
    out
}

fn predicted_entries(outline: &tigang::Outline) -> Vec<Entry> {
    fn walk(items: &[tigang::Item], parent: Option<usize>, out: &mut Vec<Entry>) {
        for it in items {
            // Paragraph items (款) have no marker and are not scored (GOLD.md):
            // their children count as children of the article, as in score.py.
            if it.marker.is_empty() {
                walk(&it.children, parent, out);
                continue;
            }
            out.push(Entry {
                line: it.line,
                marker: it.marker.to_string(),
                title: it.title.to_string(),
                parent,
                key: None,
            });
            let me = out.len() - 1;
            walk(&it.children, Some(me), out);
        }
    }
    let mut out = Vec::new();
    for d in &outline.documents {
        walk(&d.items, None, &mut out);
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
    parent_ok: usize,
    title_ok: usize,
}

fn score(gold: &[Entry], pred: &[Entry]) -> Counts {
    let parent_key = |list: &[Entry], e: &Entry| e.parent.and_then(|p| list[p].key.clone());
    let gi: HashMap<&Key, &Entry> = gold.iter().filter_map(|e| e.key.as_ref().map(|k| (k, e))).collect();
    let mut pi: HashMap<&Key, &Entry> = HashMap::new();
    for e in pred {
        if let Some(k) = e.key.as_ref() {
            pi.entry(k).or_insert(e);
        }
    }
    let mut c = Counts { gold: gi.len(), pred: pi.len(), ..Counts::default() };
    for (k, p) in &pi {
        if let Some(g) = gi.get(k) {
            c.tp += 1;
            c.parent_ok += usize::from(parent_key(pred, p) == parent_key(gold, g));
            c.title_ok += usize::from(title_ok(&p.title, &g.title));
        }
    }
    c
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn f1(c: &Counts) -> f64 {
    let (p, r) = (ratio(c.tp, c.pred), ratio(c.tp, c.gold));
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Per-document scores of the regex baseline: name → (F1, parent).
fn baseline(dir: &Path) -> HashMap<String, (f64, f64)> {
    let text = std::fs::read_to_string(dir.join("baseline.tsv")).expect("baseline.tsv exists (scripts/baseline.sh)");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_string(), (f.next()?.parse().ok()?, f.next()?.parse().ok()?)))
        })
        .collect()
}

#[test]
fn accuracy_against_gold() {
    check_set("tests/corpus", MIN_F1, MIN_PARENT);
}

#[test]
fn accuracy_on_probes() {
    check_set("tests/probes", MIN_PROBE_F1, MIN_PROBE_PARENT);
}

/// Scores every gold outline of `set` and fails under the thresholds or
/// under the regex baseline on any document.
fn check_set(set: &str, min_f1: f64, min_parent: f64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
    let base = baseline(&dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    let mut total = Counts::default();
    let mut table = String::new();
    let mut under_baseline = Vec::new();
    for name in &names {
        let gold: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(dir.join(format!("{name}.yaml"))).expect("gold file"))
                .expect("gold is YAML");
        let bytes = std::fs::read(dir.join(format!("{name}.txt"))).expect("document exists");
        let text = tigang::decode::utf8(name, &bytes).expect("document is UTF-8");
        // score.py numbers lines by splitting the raw file on \n.
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let lines: Vec<&str> = raw.split('\n').collect();
        let mut g = gold_entries(&gold);
        let mut p = predicted_entries(&tigang::parse(&text));
        keyed(&mut g, &lines);
        keyed(&mut p, &lines);
        let c = score(&g, &p);
        for (t, x) in [
            (&mut total.gold, c.gold),
            (&mut total.pred, c.pred),
            (&mut total.tp, c.tp),
            (&mut total.parent_ok, c.parent_ok),
            (&mut total.title_ok, c.title_ok),
        ] {
            *t += x;
        }
        let (doc_f1, parent) = (f1(&c), ratio(c.parent_ok, c.gold));
        let (bf1, bparent) = base.get(name).copied().unwrap_or((0.0, 0.0));
        let _ = writeln!(
            table,
            "{name:8} gold={:4} pred={:4} F1={doc_f1:.3} parent={parent:.3} title={:.3}   baseline F1={bf1:.3} parent={bparent:.3}",
            c.gold,
            c.pred,
            ratio(c.title_ok, c.tp)
        );
        if doc_f1 + ROUNDING < bf1 || parent + ROUNDING < bparent {
            under_baseline.push(name.clone());
        }
    }
    let (all_f1, all_parent) = (f1(&total), ratio(total.parent_ok, total.gold));
    let _ = writeln!(
        table,
        "TOTAL docs={} F1={all_f1:.3} parent={all_parent:.3} title={:.3}",
        names.len(),
        ratio(total.title_ok, total.tp)
    );
    println!("{table}");
    assert!(all_f1 >= min_f1, "{set}: item F1 {all_f1:.3} < {min_f1}\n{table}");
    assert!(all_parent >= min_parent, "{set}: parent accuracy {all_parent:.3} < {min_parent}\n{table}");
    assert!(under_baseline.is_empty(), "under the regex baseline on {under_baseline:?}\n{table}");
}
