//! Finding candidate positions: line starts, clause starts inside paragraphs,
//! wide gaps, and short subjects (这次整改的第一条教训是). Runs the grammar only
//! there; everything else is skipped with a cheap character test.

use super::{Grammar, MarkerMatch, is_space};
use crate::blocks::{Line, RUN_ON_BYTES};
use crate::fxhash::FxHashMap;
use crate::profile::{Check, Position};
use crate::text::ends_sentence;

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
    /// After a short subject at a sentence start (`after-subject`): 这次整改的|第一条教训是.
    Subject,
}

pub use crate::profile::Boundary;

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

/// Whether a heading's title may end with `c`: an ideograph or a closing
/// bracket (…阶段（2024年3月）).
fn ends_title(c: char) -> bool {
    crate::text::is_ideograph(c) || matches!(c, '）' | '】' | '〕')
}

/// The longest subject (in characters) allowed before 第一个作用 and the like.
const SUBJECT_MAX: usize = 6;

/// Scans every line of `text` for candidate markers, in document order.
pub fn scan(grammar: &Grammar, text: &str, lines: &[Line]) -> Vec<Candidate> {
    let subjects = Subjects::of(grammar);
    let mut out = Vec::new();
    // Inside a note or attachment list (注：1.… 2.…, 附件：1.… 2.…): its
    // numbered lines are not outline items.
    let mut in_list = false;
    let mut in_table = false;
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
        if let Some(c) = split_bracket(grammar, text, lines, index) {
            // （ alone on its line, 三）… on the next: one marker, broken by
            // the extraction.
            out.push(c);
            before = ('\0', true);
            continue;
        }
        // A Markdown block quotation (> 1. …) quotes another text: its
        // numbering is not this document's.
        if line.raw(text).trim_start_matches(is_space).starts_with("> ") {
            before = (content.chars().next_back().unwrap_or('\0'), false);
            continue;
        }
        let start = grammar.at_line_start(content).filter(|m| !yields(grammar, m, content));
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
        if grammar.profile().lexicon.list_labels.opens_list(content) {
            // 注：… under a table: the table has ended.
            in_list = true;
            in_table = false;
            continue;
        }
        let mut from = 0;
        // A table flattened to text: a row of two cell gaps or more opens it,
        // and its rows go on while each keeps a gap (empty cells at a row's
        // end leave one: 2　　　青禾县实验小学). Row numbers are no items.
        let gaps = cell_gaps(grammar, content);
        in_table = gaps >= TABLE_ROW_GAPS || (in_table && gaps >= 1);
        let start = start.filter(|_| !in_table && open_quote == 0);
        // 【一、坚持创新驱动】: a page's heading set in lenticular brackets.
        let (start, lead) = match start {
            None if !in_table && open_quote == 0 => bracketed_heading(grammar, content)
                .map(|m| (Some(m), '【'.len_utf8()))
                .or_else(|| pictograph_heading(grammar, content).map(|(m, lead)| (Some(m), lead)))
                .unwrap_or((None, 0)),
            other => (other, 0),
        };
        if in_list {
            // An entry the grammar refuses (3.2026年度…) is an entry all the same;
            // a decimal section number (5.3.2 after a table's 注：) is the text
            // going on.
            // A decimal clause or a division (第二十一条) after a note is the
            // text going on.
            let section = start.is_some_and(|m| {
                let f = grammar.family(m.family);
                f.shape == crate::profile::Shape::Decimal || f.tier() == crate::profile::Tier::Division
            });
            let entry = content.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            if !section && (entry || start.is_some_and(|m| is_numbered_list(grammar, usize::from(m.family)))) {
                continue;
            }
            in_list = false;
        }
        // 但是第一，… 其中一是… at a paragraph's start: a connective, then an
        // inline member, as after a sentence end.
        if start.is_none()
            && !continues
            && open_quote == 0
            && let Some(rest) = grammar.connective(content)
            && let Some(m) = grammar.inline_after(rest, Some(Boundary::Stop))
        {
            let at = line.content_start() + content.len() - rest.len();
            out.extend(Candidate::new(m, at, index, Place::Inline { after: Boundary::Stop }));
            from = content.len() - rest.len() + usize::from(m.len);
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
                out.extend(Candidate::new(m, line.content_start() + lead, index, place));
                from = lead + usize::from(m.len);
            }
        }
        // A row of a table holds cells, not the outline: 1、…；2、… inside a
        // cell is the cell's text.
        if in_table {
            continue;
        }
        let carried = if continues && from == 0 { last_char } else { '\0' };
        let state = Inside { from, carried, quote: open_quote };
        open_quote = scan_inside(grammar, &subjects, content, line.content_start(), state, index, &mut out);
        if open_quote == 0 {
            named_point(grammar, content, line.content_start(), index, &mut out);
        }
        if open_quote > 0 && !closes_soon(text, &lines[index + 1..]) {
            // An opening mark never closed: a typo, not a quotation to the end.
            open_quote = 0;
        }
    }
    lost_breaks(grammar, lines, &mut out);
    debug_assert!(out.windows(2).all(|w| w[0].start() < w[1].start()), "candidates in text order");
    out
}

/// Finds paragraph breaks lost in extraction: a heading marker (一、 （一）)
/// after a sentence end inside a line is taken for a paragraph start when
/// the line is run-on ([`RUN_ON_BYTES`]), or when the line-start members of
/// its numbering around it leave its place for it (三、 at a line start
/// after 二、 inside the line before), so that the skeleton is the one the
/// breaks would have given.
fn lost_breaks(grammar: &Grammar, lines: &[Line], cands: &mut [Candidate]) {
    let after_stop = |c: &Candidate| {
        c.place == Place::Inline { after: Boundary::Stop } && !c.m.weak && grammar.family(c.m.family).is_heading()
    };
    let mut numberings: FxHashMap<(u16, u32), Vec<usize>> = FxHashMap::default();
    for (i, c) in cands.iter_mut().enumerate() {
        if after_stop(c) && lines.get(c.line()).is_some_and(|l| l.end() - l.start() >= RUN_ON_BYTES) {
            c.place = Place::LineStart;
        }
        if c.place == Place::LineStart || after_stop(c) {
            numberings.entry((grammar.numbering(c.m.family), c.m.key)).or_default().push(i);
        }
    }
    for list in numberings.values() {
        if !list.iter().any(|&i| after_stop(&cands[i])) {
            continue;
        }
        // The ordinal of the line-start member before each list entry (real
        // ones only), then a backward pass promoting with the one after it
        // (real or promoted), then a forward one with both.
        let mut before: Vec<Option<u16>> = Vec::with_capacity(list.len());
        let mut last = None;
        for &i in list {
            before.push(last);
            if cands[i].place == Place::LineStart {
                last = Some(cands[i].m.ordinal);
            }
        }
        let fits = |n: u16, before: Option<u16>, after: Option<u16>| {
            (before.is_some() || after.is_some())
                && before.is_none_or(|b| n >= 1 && b == n - 1)
                && after.is_none_or(|a| n.checked_add(1) == Some(a))
        };
        let mut after = None;
        for (k, &i) in list.iter().enumerate().rev() {
            let c = &mut cands[i];
            if c.place == Place::LineStart {
                after = Some(c.m.ordinal);
            } else if fits(c.m.ordinal, before[k], after) {
                c.place = Place::LineStart;
                after = Some(c.m.ordinal);
            }
        }
        let mut next = vec![None; list.len()];
        let mut seen = None;
        for (k, &i) in list.iter().enumerate().rev() {
            next[k] = seen;
            if cands[i].place == Place::LineStart {
                seen = Some(cands[i].m.ordinal);
            }
        }
        let mut previous = None;
        for (k, &i) in list.iter().enumerate() {
            let c = &mut cands[i];
            if c.place != Place::LineStart && fits(c.m.ordinal, previous, next[k]) {
                c.place = Place::LineStart;
            }
            if c.place == Place::LineStart {
                previous = Some(c.m.ordinal);
            }
        }
    }
}

/// The longest numeral in a point a paragraph names at its end (第十二点).
const NAMED_NUMERAL_CHARS: usize = 3;

/// A paragraph that ends by naming the point it closes (…这是第一点。): the
/// named point is a member of its sequence (第二点，… follows), with no title.
/// Looked for only in the last sentence, after 是.
fn named_point(grammar: &Grammar, content: &str, base: usize, line: usize, out: &mut Vec<Candidate>) {
    let body = content.trim_end_matches(|c: char| is_space(c) || c == '*');
    let Some(sentence) = body.strip_suffix(['。', '！']) else { return };
    // The point is named in the sentence's last few characters: only they
    // are searched (a backward search for 第 over a whole paragraph finds
    // its last byte everywhere).
    let tail = sentence.char_indices().rev().nth(NAMED_NUMERAL_CHARS + 3).map_or(0, |(at, _)| at);
    let Some(di) = sentence[tail..].rfind('第').map(|k| tail + k) else { return };
    let named = &sentence[di..];
    if !sentence[..di].ends_with('是') || named.chars().count() > NAMED_NUMERAL_CHARS + 3 {
        return;
    }
    // Parsed as the members that follow are written (第二点，…), so that
    // both are one sequence.
    let probe = format!("{named}，");
    let Some(mut m) = grammar.inline(&probe).filter(|m| usize::from(m.len) == probe.len() && m.classified) else {
        return;
    };
    m.len = u16::try_from(named.len()).unwrap_or(0);
    let start = base + di;
    if out.last().is_some_and(|c| c.line() == line && c.end() > start) {
        return;
    }
    out.extend(Candidate::new(m, start, line, Place::Subject));
}

/// Whether the "last" member `m` at the start of `text` (最后一点，) is
/// followed at once by the member's own number (最后一点，第八点：…): the
/// number is the marker, the scan finds it after the comma.
fn yields(grammar: &Grammar, m: &MarkerMatch, text: &str) -> bool {
    let series = grammar.series(m.family);
    m.ordinal == 0
        && series.is_some()
        && text
            .get(usize::from(m.len)..)
            .and_then(|rest| grammar.inline(rest))
            .is_some_and(|n| grammar.series(n.family) == series)
}

/// A line holding nothing but an opening bracket, whose marker goes on at
/// the start of the next line (（ / 三）改革开放…): the marker, read across
/// the break, on the bracket's line.
fn split_bracket(grammar: &Grammar, text: &str, lines: &[Line], index: usize) -> Option<Candidate> {
    let line = &lines[index];
    let content = line.content(text);
    if !matches!(content, "（" | "(") {
        return None;
    }
    let next = lines.get(index + 1).filter(|l| !l.is_blank())?;
    let joined = format!("{content}{}", next.content(text));
    let mut m =
        grammar.at_line_start(&joined).filter(|m| grammar.family(m.family).shape == crate::profile::Shape::Enclosed)?;
    // The marker stays inside its line (every later stage reads a marker's
    // line around it): the bracket stands for it, the title is on the next.
    m.len = u16::try_from(content.len()).ok()?;
    Candidate::new(m, line.content_start(), index, Place::LineStart)
}

/// Families numbered with Arabic digits or digit glyphs: what note and
/// attachment lists use.
fn is_numbered_list(grammar: &Grammar, family: usize) -> bool {
    use crate::grammar::numeral::NumeralKind;
    let f = grammar.family(family);
    f.numeral.contains(&NumeralKind::Arabic) || f.numeral.contains(&NumeralKind::Circled) || !f.glyphs.is_empty()
}

/// The heading marker of a line wholly in lenticular brackets
/// (【一、坚持创新驱动】), as news pages set their subheadings.
fn bracketed_heading(grammar: &Grammar, content: &str) -> Option<MarkerMatch> {
    let inner = content.strip_prefix('【')?.strip_suffix('】')?;
    grammar.at_line_start(inner).filter(|m| !m.weak && grammar.family(m.family).is_heading())
}

/// The heading marker after the pictographs or bullets a WeChat article or
/// a slide sets before it (📌一、班级情况, ▶ （二）…, ● 1. …), with the length
/// of what stands before it.
fn pictograph_heading(grammar: &Grammar, content: &str) -> Option<(MarkerMatch, usize)> {
    let rest = content.trim_start_matches(|c: char| is_pictograph(c) || is_space(c));
    let lead = content.len() - rest.len();
    if lead == 0 || !content.starts_with(is_pictograph) {
        return None;
    }
    let m = grammar.at_line_start(rest).filter(|m| !m.weak && grammar.family(m.family).is_heading())?;
    Some((m, lead))
}

/// Pictographs and bullets that decorate a line's start: emoji, arrows,
/// geometric shapes (● ■ ◆ ▶), stars and dingbats (★ ✅), with the
/// variation selector and joiner that compose emoji, and • and ※. Not the
/// dingbat digits ❶ … ➓, which are numerals.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF | 0x2190..=0x21FF | 0x25A0..=0x25FF | 0x2600..=0x2775 | 0x2794..=0x27BF
        | 0x2B00..=0x2BFF | 0xFE0F | 0x200D | 0x2022 | 0x203B)
}

/// "— 1 —", "-2-", "一 3 一" (OCR of a dash): a page number.
fn is_page_number(content: &str) -> bool {
    let dashes = |c: char| matches!(c, '-' | '－' | '—' | '–' | '一' | '―') || is_space(c);
    let inner = content.trim_matches(dashes);
    inner.len() < content.len()
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// How many cell gaps make a line a table row: a heading has one at most
/// (1　范围, 第一章  总则), a row separates three cells or more.
const TABLE_ROW_GAPS: usize = 2;

/// The longest cell of a table row, in characters: a row holds names,
/// numbers and short phrases; paragraphs run together on one line
/// (三、下一步工作要求　会议强调，…) are longer.
const TABLE_CELL_CHARS: usize = 40;

/// The gaps between cells of a table flattened to text: tabs, runs of two
/// spaces or more, or ideographic spaces (each as wide as two). None when a
/// cell is too long for a table, a sentence ends in the line, or a cell
/// after the first opens with a heading marker (第一章　总则　　第一条　…):
/// that is prose or headings with their line breaks lost.
fn cell_gaps(grammar: &Grammar, content: &str) -> usize {
    // A gap is a tab, an ideographic space or two spaces: most lines have
    // none, and two vectorised searches say so (Chinese prose has few ASCII
    // spaces: tabs and spaces are found in one).
    let bytes = content.as_bytes();
    let mut tabs = 0;
    let mut two_spaces = false;
    for k in memchr::memchr2_iter(b'\t', b' ', bytes) {
        if bytes[k] == b'\t' {
            tabs += 1;
        } else {
            two_spaces |= bytes.get(k + 1) == Some(&b' ');
        }
    }
    if tabs == 0 && !two_spaces && IDEOGRAPHIC_SPACE.find(bytes).is_none() {
        return 0;
    }
    // Tabs between cells make a row whatever the cells hold (a scoring
    // table's long rules, with sentences).
    let tabbed = tabs >= TABLE_ROW_GAPS;
    let mut gaps = 0;
    let mut run = 0;
    let mut cell = 0;
    let mut last = ' ';
    for (at, c) in content.char_indices() {
        match c {
            '\t' => run = 2,
            ' ' => run += 1,
            '\u{3000}' => run += 2,
            _ => {
                // 总　　则: a heading's letter spacing, not a cell of one
                // ideograph.
                let spaced_letter = cell == 1 && crate::text::is_ideograph(last);
                if run >= 2 && !spaced_letter {
                    gaps += 1;
                    // Between tabs a numbered cell is a cell (（三）不予公开⇥1.属于…).
                    let heading = !tabbed
                        && grammar
                            .at_line_start(&content[at..])
                            .is_some_and(|m| !m.weak && grammar.family(m.family).is_heading());
                    if heading {
                        return 0;
                    }
                }
                if run >= 2 {
                    cell = 0;
                }
                last = c;
                run = 0;
                cell += 1;
                if !tabbed && (cell > TABLE_CELL_CHARS || c == '。') {
                    return 0;
                }
            }
        }
    }
    gaps
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
    subjects: &Subjects,
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
            let j = i + blank_len(&content[i..]);
            if let Some((m, at)) = marker_at(grammar, content, j, place) {
                out.extend(Candidate::new(m, base + at, line, place));
                i = at + usize::from(m.len);
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
        let Some(k) = next_interesting(&bytes[i..]) else { break };
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
            // A photo credit run into the next paragraph (新华社记者 鞠鹏/摄第一，…)
            // ends the caption as a full stop would.
            '/' if grammar.profile().lexicon.captions.credits.opens(&content[i + 1..]) => {
                let credit = grammar.profile().lexicon.captions.credits.opening(&content[i + 1..]).unwrap_or("");
                armed = Some(Place::Inline { after: Boundary::Stop });
                i += 1 + credit.len();
                continue;
            }
            // A Word paragraph mark inside a line: a paragraph ends there.
            '\r' => armed = Some(Place::Inline { after: Boundary::Stop }),
            c if is_boundary(c) => armed = Some(after(c)),
            c if is_space(c) => {
                let run = &content[i..];
                let spaces = run.len() - run.trim_start_matches(is_space).len();
                let width: usize = run[..spaces].chars().map(|s| if s == '\u{3000}' { 2 } else { 1 }).sum();
                // After a boundary the boundary decides; else a wide gap may
                // separate a heading from the article that shares its line.
                if width >= 2 && armed.is_none() && i > 0 {
                    armed = Some(Place::Gap);
                } else if width == 1 && armed.is_none() && content[..i].chars().next_back().is_some_and(ends_title) {
                    // Chinese puts no space between words: one after a
                    // heading's title is a paragraph break that extraction
                    // flattened (三、实施步骤 （一）动员部署阶段…).
                    armed = Some(Place::Inline { after: Boundary::Stop });
                }
                i += spaces;
                continue;
            }
            _ => armed = None,
        }
        i += len;
    }
    if carried_quote == 0 {
        subjects.find(grammar, content, (base, from, line), first, out);
    }
    if out.len() > first + 1 {
        out[first..].sort_by_key(Candidate::start);
    }
    quote
}

/// The length of the spaces and asterisks `s` opens with. Asked after every
/// clause boundary, where nearly always an ideograph follows: its first byte
/// (E4–E9) answers before any character is decoded.
fn blank_len(s: &str) -> usize {
    // Lead bytes of every character `is_space` accepts, and '*'.
    let may_be_blank = |b: u8| matches!(b, b' ' | b'\t' | 0x0B | 0x0C | b'*' | 0xC2 | 0xE2 | 0xE3 | 0xEF);
    if !s.as_bytes().first().is_some_and(|&b| may_be_blank(b)) {
        return 0;
    }
    s.len() - s.trim_start_matches(|c: char| is_space(c) || c == '*').len()
}

/// The marker at byte `j` of `content`, a position `place` arms (after a
/// boundary or a gap, blanks skipped), and where it starts: at `j`, or
/// after a connective (但是第一，… 其中一是…).
fn marker_at(grammar: &Grammar, content: &str, j: usize, place: Place) -> Option<(MarkerMatch, usize)> {
    let rest = &content[j..];
    // Nearly every clause goes on with a character that opens no marker and
    // no connective: one decode and two bit tests say so.
    if !grammar.may_open_inline(rest.chars().next()?) {
        return None;
    }
    let boundary = match place {
        Place::Inline { after } => Some(after),
        _ => None,
    };
    match place {
        Place::Gap => grammar.after_gap(rest).map(|m| (m, j)),
        _ => grammar.inline_after(rest, boundary).map(|m| (m, j)).or_else(|| {
            let after_word = grammar.connective(rest)?;
            let m = grammar.inline_after(after_word, boundary)?;
            Some((m, j + rest.len() - after_word.len()))
        }),
    }
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
/// space, quote, slash (before a photo credit), asterisk and a carriage
/// return inside a line. Everything else is skipped in bulk.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t[0xC2] = true;
    let ascii = b" \t;:,!?\"/*\r";
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first byte of `bytes` that [`INTERESTING`] marks. Blocks of
/// [`SKIP_BLOCK`] bytes are first tested together with a wider, branch-free
/// test (every ASCII byte below `@`, and the four lead bytes), so that runs
/// of ideographs are passed over a block at a time. (A 64-bit mask per block
/// and a `memchr3` path were measured no better: in Chinese prose the next
/// punctuation mark is 10 to 30 bytes away, so the cost is per mark.)
fn next_interesting(bytes: &[u8]) -> Option<usize> {
    // Bitwise on purpose: one test per byte, no branch.
    #[allow(clippy::needless_bitwise_bool)]
    let maybe = |b: u8| (b < 0x40) | (b == 0xC2) | (b == 0xE2) | (b == 0xE3) | (b == 0xEF);
    let mut blocks = bytes.chunks_exact(SKIP_BLOCK);
    let mut at = 0;
    for block in blocks.by_ref() {
        if block.iter().fold(0u8, |any, &b| any | u8::from(maybe(b))) != 0
            && let Some(k) = block.iter().position(|&b| INTERESTING[usize::from(b)])
        {
            return Some(at + k);
        }
        at += SKIP_BLOCK;
    }
    blocks.remainder().iter().position(|&b| INTERESTING[usize::from(b)]).map(|k| at + k)
}

/// The block [`next_interesting`] tests at once (two SSE2 registers: 32 measured
/// fewer instructions than 16, 8 or 64 on Chinese prose).
const SKIP_BLOCK: usize = 32;

/// Finds U+3000 (E3 80 80): built once, used on every line.
static IDEOGRAPHIC_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}".as_bytes()));

/// Finds 第 (E7 AC AC): built once, used on every line.
static DI: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("第".as_bytes()));

/// Finds 一 (E4 B8 80): built once, used on every line.
static YI: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("一".as_bytes()));

/// Finds 二 (E4 BA 8C): built once, used on every line holding a 一.
static ER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("二".as_bytes()));

/// A marker that may stand inside its clause after a short lead.
struct LeadRule {
    /// Finds where such a marker may begin.
    finder: &'static std::sync::LazyLock<memchr::memmem::Finder<'static>>,
    /// The lead starts after the last character that `ends` its clause or
    /// sentence.
    ends: fn(char) -> bool,
    /// Whether the text just before the marker lets it stand there (a test
    /// made before any other).
    precedes: fn(&str) -> bool,
    /// Whether the text before the marker and the lead's last visible
    /// character let it stand there.
    joins: fn(&str, char) -> bool,
    /// Whether the second member must follow in the line.
    needs_second: bool,
    /// Whether the marker opens with the numeral the finder finds (一要):
    /// then, for families of CJK numerals with no prefix, the character
    /// after it must be another numeral character or one some family lets
    /// follow its numeral.
    numeral_first: bool,
}

/// 这次整改的第一条教训是：a 第 after a short subject ending in 的 or 有, at the
/// start of a sentence, outside quotes.
const SUBJECT: LeadRule = LeadRule {
    finder: &DI,
    ends: ends_sentence,
    precedes: |before| before.ends_with(['的', '有']),
    joins: |_, _| true,
    needs_second: false,
    numeral_first: false,
};

/// 希望大家一要…；二要…, 少数项目一无…，二无…: the first member of a speech
/// sequence after a short lead inside its clause, believed only when the
/// second member follows at a clause start in the same line. The character
/// before 一 must not make a word or a number with it (统一要求, 第一要务,
/// 十一要).
const LEAD: LeadRule = LeadRule {
    finder: &YI,
    ends: is_boundary,
    precedes: |_| true,
    joins: |_, last| last.is_alphabetic() && !super::numeral::is_cjk_numeral_char(last) && last != '第',
    needs_second: true,
    numeral_first: true,
};

/// Markers of `families` after a short lead ([`SUBJECT`], [`LEAD`]): two to
/// [`SUBJECT_MAX`] characters since the clause began, outside quotes, not
/// inside a candidate already `found` on the line.
fn after_leads(
    grammar: &Grammar,
    rule: &LeadRule,
    families: &[usize],
    content: &str,
    (base, from, line): (usize, usize, usize),
    found: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    if families.is_empty() {
        return;
    }
    // Whether every family's marker opens with the numeral found (no
    // prefix, no glyph, CJK numerals only): then what follows the numeral
    // tells at once whether any family can go on.
    let numeral_first = rule.numeral_first
        && families.iter().all(|&f| {
            let f = grammar.family(f);
            f.shape == crate::profile::Shape::Affixed
                && f.prefix.is_empty()
                && f.glyphs.is_empty()
                && f.numeral == [super::numeral::NumeralKind::Cjk]
        });
    let mut quotes = Quotes::new(content);
    // A first member that needs its second (一要 … 二要) needs a 二 after it:
    // most 一 of a text have none in their line, and a vectorised search
    // for the next 二 (redone only when passed) says so.
    let mut second = 0;
    for at in rule.finder.find_iter(&content.as_bytes()[from..]).map(|p| from + p) {
        if rule.needs_second && second <= at {
            match ER.find(&content.as_bytes()[at..]) {
                Some(k) => second = at + k,
                None => break,
            }
        }
        let before = &content[..at];
        // The cheap tests first: most 第 and 一 of a text open no marker.
        if !(rule.precedes)(before) {
            continue;
        }
        // 进一步, 统一: a numeral followed by what no family's numeral takes.
        if numeral_first
            && let Some(next) = content[at..].chars().nth(1)
            && !super::numeral::is_cjk_numeral_char(next)
            && !families.iter().any(|&f| grammar.numeral_may_precede(f, next))
        {
            continue;
        }
        let Some(m) = marker_after_lead(grammar, families, content, base + at, at, found) else { continue };
        let Some(last) = short_lead(before, rule.ends, &mut quotes) else { continue };
        if !(rule.joins)(before, last) {
            continue;
        }
        if !rule.needs_second || second_follows(content, at, &m) {
            out.extend(Candidate::new(m, base + at, line, Place::Subject));
        }
    }
}

/// The families looked for after a short subject or lead inside a clause.
struct Subjects {
    /// Ordinals with a classifier and a noun (这次整改的第一条教训是).
    ordinals: Vec<usize>,
    /// First members of a speech sequence (`after-lead`).
    leads: Vec<usize>,
}

impl Subjects {
    fn of(grammar: &Grammar) -> Subjects {
        let families = |keep: fn(&crate::profile::Family) -> bool| -> Vec<usize> {
            grammar
                .profile()
                .families
                .iter()
                .enumerate()
                .filter(|(_, f)| keep(f) && f.position == Position::Any)
                .map(|(i, _)| i)
                .collect()
        };
        Subjects { ordinals: families(|f| f.checks.contains(&Check::NounKey)), leads: families(|f| f.after_lead) }
    }

    /// Adds to `out` the markers after a short subject or lead in one line's
    /// content, checked against the line's candidates so far (`out[first..]`,
    /// in text order).
    fn find(
        &self,
        grammar: &Grammar,
        content: &str,
        at: (usize, usize, usize),
        first: usize,
        out: &mut Vec<Candidate>,
    ) {
        let mut more = Vec::new();
        for (rule, families) in [(&SUBJECT, &self.ordinals), (&LEAD, &self.leads)] {
            after_leads(grammar, rule, families, content, at, &out[first..], &mut more);
        }
        out.append(&mut more);
    }
}

/// How far after a first member its second is looked for, in bytes (about
/// 500 characters): a member's text is a clause or two, and the bound keeps
/// a line of a million 一要 linear.
const SECOND_MEMBER_REACH: usize = 1_500;

/// Whether the second member of first member `m` at byte `at`, spelled
/// alike (一要 … 二要), follows at a clause start within reach.
fn second_follows(content: &str, at: usize, m: &MarkerMatch) -> bool {
    let marker = &content[at..at + usize::from(m.len)];
    let second = marker.replacen('一', "二", 1);
    let rest = &content[at + marker.len()..];
    let mut reach = rest.len().min(SECOND_MEMBER_REACH);
    while !rest.is_char_boundary(reach) {
        reach -= 1;
    }
    let rest = &rest[..reach];
    rest.match_indices(second.as_str()).any(|(k, _)| rest[..k].chars().next_back().is_some_and(is_boundary))
}

/// The last character of the short lead that ends `before`: two to
/// [`SUBJECT_MAX`] visible characters since the last character that `ends`
/// a clause or sentence, outside quotes.
fn short_lead(before: &str, ends: fn(char) -> bool, quotes: &mut Quotes<'_>) -> Option<char> {
    let mut lead = before.chars().rev().take_while(|&c| !ends(c)).filter(|&c| !is_space(c) && c != '*');
    let last = lead.next()?;
    let len = 1 + lead.take(SUBJECT_MAX).count();
    ((2..=SUBJECT_MAX).contains(&len) && !quotes.inside(before.len())).then_some(last)
}

/// The marker of one of `families` at byte `at` of `content` (byte `start`
/// of the text), unless a candidate already found on the line (`found`, in
/// text order) covers that byte.
fn marker_after_lead(
    grammar: &Grammar,
    families: &[usize],
    content: &str,
    start: usize,
    at: usize,
    found: &[Candidate],
) -> Option<MarkerMatch> {
    let before = found.partition_point(|c| c.start() <= start);
    if before > 0 && start < found[before - 1].end() {
        return None;
    }
    families.iter().find_map(|&f| grammar.family_at(f, &content[at..]))
}

/// Whether a place in a line is inside quotation marks, for places asked in
/// increasing order: each character is read once, however many are asked.
struct Quotes<'a> {
    line: &'a str,
    at: usize,
    depth: i32,
    ascii: bool,
}

impl<'a> Quotes<'a> {
    fn new(line: &'a str) -> Quotes<'a> {
        Quotes { line, at: 0, depth: 0, ascii: false }
    }

    /// Whether byte `upto` of the line (not before the last one asked) is
    /// inside quotation marks.
    fn inside(&mut self, upto: usize) -> bool {
        for c in self.line.get(self.at..upto).unwrap_or("").chars() {
            match c {
                '“' | '《' | '「' | '『' | '〈' => self.depth += 1,
                '”' | '》' | '」' | '』' | '〉' => self.depth = (self.depth - 1).max(0),
                '"' if self.depth > 0 => self.depth -= 1,
                '"' => self.ascii = !self.ascii,
                _ => {}
            }
        }
        self.at = self.at.max(upto);
        self.depth > 0 || self.ascii
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
        let found = markers("第一章　总则　　第一条 　为了\n这次整改的第一条教训是：空话连篇。");
        let texts: Vec<(&str, Place)> = found.iter().map(|(_, t, p)| (t.as_str(), *p)).collect();
        assert_eq!(texts, [("第一章", Place::LineStart), ("第一条", Place::Gap), ("第一条", Place::Subject)]);
    }

    #[test]
    fn first_members_after_a_lead() {
        let texts = |s: &str| -> Vec<(String, Place)> { markers(s).into_iter().map(|(_, t, p)| (t, p)).collect() };
        let after_comma = Place::Inline { after: Boundary::Comma };
        assert_eq!(
            texts("希望大家一要讲政治，二要守规矩。"),
            [("一要".to_string(), Place::Subject), ("二要".to_string(), after_comma)]
        );
        assert_eq!(
            texts("少数项目一无规划，二无资金。"),
            [("一无".to_string(), Place::Subject), ("二无".to_string(), after_comma)]
        );
        // 一 in a word, or with no second member after it: no first member.
        assert_eq!(texts("我们要进一步加强，二要守规矩。"), [("二要".to_string(), after_comma)]);
        assert!(texts("希望大家一要讲政治。").is_empty());
    }

    #[test]
    fn blank_len_sees_every_space() {
        // Every character `is_space` accepts must pass the lead-byte test.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32).filter(|&c| is_space(c) || c == '*') {
            let s = format!("{c}{c}一、");
            assert_eq!(super::blank_len(&s), 2 * c.len_utf8(), "U+{:04X}", c as u32);
        }
        assert_eq!(super::blank_len("一、"), 0);
        assert_eq!(super::blank_len("。"), 0);
        assert_eq!(super::blank_len(""), 0);
    }

    #[test]
    fn no_marker_inside_words() {
        assert!(markers("统筹推进第一要务，一手抓发展").is_empty());
    }
}
