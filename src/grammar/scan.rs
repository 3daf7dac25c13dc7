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
    /// Inside a line, right after the clause boundary `after` (。；：，！？ …;
    /// `after-boundary`).
    Inline {
        /// The boundary character before the marker.
        after: char,
    },
    /// Inside a line after a wide gap (two spaces or U+3000; `after-gap`):
    /// 第一章　总则　　第一条.
    Gap,
    /// After a short subject at a sentence start (`after-subject`): 党八股的|第一条罪状是.
    Subject,
}

/// A marker the grammar recognised, with its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What the grammar saw.
    pub m: MarkerMatch,
    /// Byte offset of the marker in the text.
    pub start: usize,
    /// 0-based index of the line.
    pub line: usize,
    /// Where it stands.
    pub place: Place,
}

impl Candidate {
    /// Byte offset just after the marker.
    pub fn end(&self) -> usize {
        self.start + self.m.len
    }

    /// Whether the marker stands at a line start.
    pub fn at_line_start(&self) -> bool {
        self.place == Place::LineStart
    }
}

/// Clause boundaries after which an inline marker may stand.
fn is_boundary(c: char) -> bool {
    matches!(c, '。' | '；' | '：' | '，' | '！' | '？' | ';' | ':' | ',' | '!' | '?' | '︰')
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
        let continues = line.continues && !after_heading;
        if is_page_number(content) {
            continue;
        }
        if is_list_label(content) {
            in_list = true;
            continue;
        }
        let mut from = 0;
        let start = start.filter(|_| !is_table_row(content));
        if in_list {
            if start.is_some_and(|m| is_numbered_list(grammar, m.family)) {
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
                Some(Place::Inline { after: last_char })
            } else {
                None
            };
            if let Some(place) = place {
                out.push(Candidate { m, start: line.content, line: index, place });
                from = m.len;
            }
        }
        let carried = if continues && from == 0 { last_char } else { '\0' };
        scan_inside(grammar, &subject_families, content, line.content, from, carried, index, &mut out);
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

/// Scans the inside of one line's content from byte `from`.
#[allow(clippy::too_many_arguments)] // one scanning state, passed flat for speed
fn scan_inside(
    grammar: &Grammar,
    subject_families: &[usize],
    content: &str,
    base: usize,
    from: usize,
    carried: char,
    line: usize,
    out: &mut Vec<Candidate>,
) {
    let mut quote = 0u32; // depth of “…” 《…》 「…」: quoted text holds no items
    let mut ascii_quote = false;
    // The last character that is neither white space nor Markdown emphasis.
    let mut prev = content[..from].chars().next_back().unwrap_or(carried);
    let mut before_prev = '\0';
    let mut gap = 0; // width of the white space run just before this char
    let mut sentence_chars = 0; // chars since the last sentence end
    let mut skip_to = from;
    for (at, c) in content.char_indices() {
        if at < skip_to {
            continue;
        }
        let visible = !is_space(c) && c != '*';
        if visible && quote == 0 && !ascii_quote && prev != '\0' && (at > 0 || from == 0) {
            let rest = &content[at..];
            // A photo credit merged into the text (新华社记者 鞠鹏/摄第一，…) ends
            // the caption as a full stop would.
            let credit = prev == '摄' && before_prev == '/';
            let found = if is_boundary(prev) || credit {
                grammar.inline(rest).map(|m| (m, Place::Inline { after: prev }))
            } else if gap >= 2 {
                grammar.after_gap(rest).map(|m| (m, Place::Gap))
            } else if c == '第' && matches!(prev, '的' | '有') && (2..=SUBJECT_MAX).contains(&sentence_chars) {
                subject_families.iter().find_map(|&f| grammar.family_at(f, rest)).map(|m| (m, Place::Subject))
            } else {
                None
            };
            if let Some((m, place)) = found {
                out.push(Candidate { m, start: base + at, line, place });
                skip_to = at + m.len;
                before_prev = '\0';
                prev = content[..skip_to].chars().next_back().unwrap_or(c);
                gap = 0;
                sentence_chars += 1;
                continue;
            }
        }
        match c {
            '“' | '《' | '「' | '『' | '〈' => quote += 1,
            '”' | '》' | '」' | '』' | '〉' => quote = quote.saturating_sub(1),
            '"' if quote > 0 => quote -= 1,
            '"' => ascii_quote = !ascii_quote,
            _ => {}
        }
        if is_space(c) {
            gap += if c == '\u{3000}' { 2 } else { 1 };
        } else if c != '*' {
            gap = 0;
        }
        if visible {
            if ends_sentence(c) {
                sentence_chars = 0;
            } else {
                sentence_chars += 1;
            }
            before_prev = prev;
            prev = c;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::lines;
    use crate::profile::Profile;

    fn markers(text: &str) -> Vec<(usize, String, Place)> {
        let g = Grammar::new(Profile::speech());
        let ls = lines(text);
        scan(&g, text, &ls).iter().map(|c| (c.line + 1, text[c.start..c.end()].to_string(), c.place)).collect()
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
