//! Finding candidate positions: line starts, clause starts inside paragraphs,
//! wide gaps, and short subjects (党八股的第一条罪状是). Runs the grammar only
//! there; everything else is skipped with a cheap character test.

use super::{Grammar, MarkerMatch, is_space};
use crate::blocks::Line;
use crate::profile::{Check, Position};

/// Where a candidate marker stands (`position` in grammar/markers.ebnf).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// At the content start of a line (`line-start`).
    LineStart,
    /// Inside a line, right after a clause boundary (。；：，！？ …;
    /// `after-boundary`).
    Inline {
        /// What kind of boundary it was.
        after: Boundary,
    },
    /// Inside a line after a wide gap (two spaces or U+3000; `after-gap`):
    /// 第一章　总则　　第一条.
    Gap,
    /// After a short subject at a sentence start (`after-subject`): 党八股的|第一条罪状是.
    Subject,
}

/// The clause boundary before an inline marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boundary {
    /// A colon (：:︰): what follows is announced, often a list.
    Colon,
    /// A comma or an enumeration comma (，,、).
    Comma,
    /// The end of a sentence or a clause (。！？；!?;).
    Stop,
}

impl Boundary {
    /// The kind of boundary `c` is, if it is one.
    pub fn of(c: char) -> Option<Boundary> {
        match c {
            '：' | ':' | '︰' => Some(Boundary::Colon),
            '，' | ',' => Some(Boundary::Comma),
            '。' | '；' | '！' | '？' | ';' | '!' | '?' => Some(Boundary::Stop),
            _ => None,
        }
    }
}

/// A marker the grammar recognised, with its position. Small (28 bytes): a
/// dense text has one for nearly every line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What the grammar saw.
    pub m: MarkerMatch,
    /// Byte offset of the marker in the text (texts are at most 4 GiB).
    at: u32,
    /// 0-based index of the line.
    line_index: u32,
    /// Where it stands.
    pub place: Place,
}

impl Candidate {
    /// A candidate at byte `start` of line `line` (0-based); `None` past 4 GiB.
    pub fn new(m: MarkerMatch, start: usize, line: usize, place: Place) -> Option<Candidate> {
        Some(Candidate { m, at: u32::try_from(start).ok()?, line_index: u32::try_from(line).ok()?, place })
    }

    /// Byte offset of the marker in the text.
    pub fn start(&self) -> usize {
        self.at as usize
    }

    /// 0-based index of its line.
    pub fn line(&self) -> usize {
        self.line_index as usize
    }

    /// Byte offset just after the marker.
    pub fn end(&self) -> usize {
        self.start() + usize::from(self.m.len)
    }

    /// Whether the marker stands at a line start.
    pub fn at_line_start(&self) -> bool {
        self.place == Place::LineStart
    }
}

/// Clause boundaries after which an inline marker may stand.
fn is_boundary(c: char) -> bool {
    Boundary::of(c).is_some()
}

/// The place after boundary `c` (which `is_boundary`).
fn after(c: char) -> Place {
    Place::Inline { after: Boundary::of(c).unwrap_or(Boundary::Stop) }
}

/// Ends of sentences, for the short-subject rule.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '︰')
}

/// The longest subject (in characters) allowed before 第一个作用 and the like.
const SUBJECT_MAX: usize = 6;

/// Scans every line of `text` for candidate markers, in document order.
pub fn scan(grammar: &Grammar, text: &str, lines: &[Line]) -> Vec<Candidate> {
    let subject_families: Vec<usize> = grammar
        .profile()
        .families
        .iter()
        .enumerate()
        .filter(|(_, f)| f.checks.contains(&Check::NounKey) && f.position == Position::Any)
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    // Inside a note or attachment list (注：1.… 2.…, 附件：1.… 2.…): its
    // numbered lines are not outline items.
    let mut in_list = false;
    // The last visible character of the previous non-blank line, and whether
    // that line opened with a heading (a heading is never joined to the next).
    let mut before: (char, bool) = ('\0', false);
    // Quotation marks opened and not closed by the end of a line: the quote
    // goes on (several quoted paragraphs of an amendment, with their （一）).
    let mut open_quote = 0u32;
    for (index, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let content = line.content(text);
        let (last_char, after_heading) = before;
        let start = grammar.at_line_start(content);
        before = (
            content.chars().next_back().unwrap_or('\0'),
            start.is_some_and(|m| !m.weak && grammar.family(m.family).is_heading()),
        );
        // A line that continues a sentence (hard wrap, page break): its start is
        // the middle of a paragraph. A heading there is believed only as the
        // next member of a running sequence; a speech marker only after a
        // clause boundary, as anywhere inside a paragraph.
        let continues = line.continues() && !after_heading;
        if is_page_number(content) {
            continue;
        }
        if is_list_label(content) {
            in_list = true;
            continue;
        }
        let mut from = 0;
        let start = start.filter(|_| !is_table_row(content) && open_quote == 0);
        if in_list {
            if start.is_some_and(|m| is_numbered_list(grammar, usize::from(m.family))) {
                continue;
            }
            in_list = false;
        }
        if let Some(mut m) = start {
            let place = if !continues {
                Some(Place::LineStart)
            } else if grammar.family(m.family).is_heading() {
                m.weak = true;
                Some(Place::LineStart)
            } else if is_boundary(last_char) && grammar.family(m.family).position == Position::Any {
                Some(after(last_char))
            } else {
                None
            };
            if let Some(place) = place {
                out.extend(Candidate::new(m, line.content_start(), index, place));
                from = usize::from(m.len);
            }
        }
        let carried = if continues && from == 0 { last_char } else { '\0' };
        let state = Inside { from, carried, quote: open_quote };
        open_quote = scan_inside(grammar, &subject_families, content, line.content_start(), state, index, &mut out);
        if open_quote > 0 && !closes_soon(text, &lines[index + 1..]) {
            // An opening mark never closed: a typo, not a quotation to the end.
            open_quote = 0;
        }
    }
    out
}

/// 注：, 附件： with text after them: a list of notes or attachments follows.
fn is_list_label(content: &str) -> bool {
    ["注：", "注:", "附件：", "附件:", "附：", "附:"]
        .iter()
        .any(|l| content.strip_prefix(l).is_some_and(|rest| !rest.trim_matches(is_space).is_empty()))
}

/// Families numbered with Arabic digits or digit glyphs: what note and
/// attachment lists use.
fn is_numbered_list(grammar: &Grammar, family: usize) -> bool {
    use crate::grammar::numeral::NumeralKind;
    let f = grammar.family(family);
    f.numeral.contains(&NumeralKind::Arabic) || f.numeral.contains(&NumeralKind::Circled) || !f.glyphs.is_empty()
}

/// "— 1 —", "-2-", "一 3 一" (OCR of a dash): a page number.
fn is_page_number(content: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '－' | '—' | '–' | '一' | '―') || is_space(c);
    let inner = content.trim_matches(dashes);
    inner.len() < content.len()
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A row of a table flattened to text: cells separated by tabs or runs of
/// spaces, two gaps or more.
fn is_table_row(content: &str) -> bool {
    let mut gaps = 0;
    let mut run = 0;
    for c in content.chars() {
        match c {
            '\t' => {
                run = 2;
            }
            ' ' => run += 1,
            _ => {
                if run >= 2 {
                    gaps += 1;
                }
                run = 0;
            }
        }
    }
    gaps >= 2
}

/// Where the scan of a line's inside starts: the byte after its line-start
/// marker, the last character of the line it continues, and the quotation
/// depth carried over from earlier lines.
#[derive(Clone, Copy)]
struct Inside {
    from: usize,
    carried: char,
    quote: u32,
}

/// Scans the inside of one line's content; returns the quotation depth at
/// its end.
fn scan_inside(
    grammar: &Grammar,
    subject_families: &[usize],
    content: &str,
    base: usize,
    Inside { from, carried, quote: carried_quote }: Inside,
    line: usize,
    out: &mut Vec<Candidate>,
) -> u32 {
    let first = out.len();
    let bytes = content.as_bytes();
    let mut quote = carried_quote; // depth of “…” 《…》 「…」: quoted text holds no items
    // Each paragraph of a quotation opens with “ again while only the last one
    // closes: that “ continues the quotation, it does not nest.
    if carried_quote > 0 && content.starts_with(['“', '「']) {
        quote -= 1;
    }
    let mut ascii_quote = false;
    // What the next visible character may be: set by a boundary, a wide gap
    // or a photo credit; cleared by any other visible character.
    let prev = content[..from].chars().next_back().unwrap_or(carried);
    let mut armed: Option<Place> = is_boundary(prev).then(|| after(prev));
    let mut i = from;
    while i < bytes.len() {
        if let Some(place) = armed.take()
            && quote == 0
            && !ascii_quote
        {
            let j = i + content[i..].len() - content[i..].trim_start_matches(|c: char| is_space(c) || c == '*').len();
            let rest = &content[j..];
            let found = match place {
                Place::Gap => grammar.after_gap(rest),
                _ => grammar.inline(rest),
            };
            if let Some(m) = found {
                out.extend(Candidate::new(m, base + j, line, place));
                i = j + usize::from(m.len);
                let last = content[..i].chars().next_back().unwrap_or('\0');
                armed = is_boundary(last).then(|| after(last));
                continue;
            }
            i = j;
            if i >= bytes.len() {
                break;
            }
        }
        // Ideographs, letters and digits are never boundaries: skip them in bulk.
        let Some(k) = bytes[i..].iter().position(|&b| INTERESTING[usize::from(b)]) else { break };
        if k > 0 {
            armed = None;
            i += k;
        }
        let Some(c) = content[i..].chars().next() else { break };
        let len = c.len_utf8();
        match c {
            '“' | '《' | '「' | '『' | '〈' => {
                quote += 1;
                armed = None;
            }
            '”' | '》' | '」' | '』' | '〉' => {
                quote = quote.saturating_sub(1);
                armed = None;
            }
            '"' => {
                if quote > 0 {
                    quote -= 1;
                } else {
                    ascii_quote = !ascii_quote;
                }
                armed = None;
            }
            '*' => {}
            // A photo credit merged into the text (新华社记者 鞠鹏/摄第一，…) ends
            // the caption as a full stop would.
            '/' if content[i + 1..].starts_with('摄') => {
                armed = Some(Place::Inline { after: Boundary::Stop });
                i += 1 + '摄'.len_utf8();
                continue;
            }
            c if is_boundary(c) => armed = Some(after(c)),
            c if is_space(c) => {
                let run = &content[i..];
                let spaces = run.len() - run.trim_start_matches(is_space).len();
                let width: usize = run[..spaces].chars().map(|s| if s == '\u{3000}' { 2 } else { 1 }).sum();
                // After a boundary the boundary decides; else a wide gap may
                // separate a heading from the article that shares its line.
                if width >= 2 && armed.is_none() && i > 0 {
                    armed = Some(Place::Gap);
                }
                i += spaces;
                continue;
            }
            _ => armed = None,
        }
        i += len;
    }
    if carried_quote == 0 {
        subjects(grammar, subject_families, content, base, from, line, out);
    }
    if out.len() > first + 1 {
        out[first..].sort_by_key(Candidate::start);
    }
    quote
}

/// How many lines ahead a quotation opened and not closed may still close.
const QUOTE_REACH: usize = 12;

/// Whether a closing quotation mark comes within the next few non-blank lines.
fn closes_soon(text: &str, next: &[Line]) -> bool {
    next.iter()
        .filter(|l| !l.is_blank())
        .take(QUOTE_REACH)
        .any(|l| l.content(text).contains(['”', '」', '』', '》', '〉']))
}

/// Bytes where the scanner must look: lead bytes of CJK punctuation and of
/// quotation marks and spaces (E2, E3, EF, C2) and the ASCII punctuation,
/// space, quote, slash and asterisk. Everything else is skipped in bulk.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t[0xC2] = true;
    let ascii = b" \t;:,!?\"/*";
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = true;
        k += 1;
    }
    t
};

/// Finds 第 (E7 AC AC): built once, used on every line.
static DI: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("第".as_bytes()));

/// 党八股的第一条罪状是：a 第 after a short subject ending in 的 or 有, at the
/// start of a sentence, outside quotes.
fn subjects(
    grammar: &Grammar,
    families: &[usize],
    content: &str,
    base: usize,
    from: usize,
    line: usize,
    out: &mut Vec<Candidate>,
) {
    if families.is_empty() {
        return;
    }
    for at in DI.find_iter(&content.as_bytes()[from..]).map(|p| from + p) {
        let before = &content[..at];
        if !matches!(before.chars().next_back(), Some('的' | '有')) {
            continue;
        }
        let sentence: usize = before
            .chars()
            .rev()
            .take_while(|&c| !ends_sentence(c))
            .filter(|&c| !is_space(c) && c != '*')
            .take(SUBJECT_MAX + 1)
            .count();
        if !(2..=SUBJECT_MAX).contains(&sentence) || in_quotes(before) {
            continue;
        }
        let start = base + at;
        if out.iter().rev().take_while(|c| c.line() == line).any(|c| c.start() <= start && start < c.end()) {
            continue;
        }
        if let Some(m) = families.iter().find_map(|&f| grammar.family_at(f, &content[at..])) {
            out.extend(Candidate::new(m, start, line, Place::Subject));
        }
    }
}

/// Whether the end of `before` is inside quotation marks.
fn in_quotes(before: &str) -> bool {
    let mut depth = 0i32;
    let mut ascii = false;
    for c in before.chars() {
        match c {
            '“' | '《' | '「' | '『' | '〈' => depth += 1,
            '”' | '》' | '」' | '』' | '〉' => depth = (depth - 1).max(0),
            '"' if depth > 0 => depth -= 1,
            '"' => ascii = !ascii,
            _ => {}
        }
    }
    depth > 0 || ascii
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::lines;
    use crate::profile::Profile;

    fn markers(text: &str) -> Vec<(usize, String, Place)> {
        let g = Grammar::new(Profile::speech());
        let ls = lines(text);
        scan(&g, text, &ls).iter().map(|c| (c.line() + 1, text[c.start()..c.end()].to_string(), c.place)).collect()
    }

    #[test]
    fn inline_after_boundaries() {
        let found = markers("我们要：一是加强学习；二是改进作风。\n（一）标题。①抓好；②抓实");
        let texts: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(texts, ["一是", "二是", "（一）", "①", "②"]);
        assert_eq!(found[2].2, Place::LineStart);
    }

    #[test]
    fn quoted_text_is_skipped() {
        let found = markers("将第十条修改为：“第十条　一是甲；二是乙。”其余：一是丙");
        let texts: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(texts, ["一是"]);
    }

    #[test]
    fn gap_and_subject() {
        let found = markers("第一章　总则　　第一条 　为了\n党八股的第一条罪状是：空话连篇。");
        let texts: Vec<(&str, Place)> = found.iter().map(|(_, t, p)| (t.as_str(), *p)).collect();
        assert_eq!(texts, [("第一章", Place::LineStart), ("第一条", Place::Gap), ("第一条", Place::Subject)]);
    }

    #[test]
    fn no_marker_inside_words() {
        assert!(markers("统筹推进第一要务，一手抓发展").is_empty());
    }
}
