//! Documents in a file and the frame of each: title, subtitle lines, salutation,
//! the body where items may stand, mid-speech salutations, closing, and the
//! boilerplate and notes around them.
//!
//! A file can hold several documents: two speeches on one web page (a title
//! and a salutation again), an attachment (附件1 then its own title), the
//! remarks of a second speaker (徐直军：), the document a notice issues (its
//! title repeats part of the notice's title). Each document starts its
//! numbering afresh. A notes section (注释, 名词解释) ends the outline of its
//! document; its numbered entries are not items.

use std::borrow::Cow;
use std::ops::Range;

use crate::blocks::Line;
use crate::grammar::{Candidate, Grammar, is_space};
use crate::outline::{Document, Item, TextLine};
use crate::span::Span;

/// One document's layout, before its items are known.
#[derive(Clone, Debug, Default)]
pub(crate) struct Frame {
    /// All lines of the document (0-based, end exclusive).
    pub lines: Range<usize>,
    /// The title line.
    pub title: Option<usize>,
    /// Subtitle, speaker and date lines of the title block.
    pub subtitle: Vec<usize>,
    /// The salutation: its line and the byte range of its text.
    pub salutation: Option<(usize, Range<usize>)>,
    /// Bytes where items may stand.
    pub body: Range<usize>,
    /// Byte offsets of salutations repeated inside the body (各位代表！): each
    /// closes the current sub-level.
    pub breaks: Vec<usize>,
    /// The closing line (谢谢大家！).
    pub closing: Option<usize>,
}

/// What a line is, as far as the frame is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Web page furniture: menus, sources, dates of publication, links.
    Boilerplate,
    /// 注释, 名词解释: the notes after a document.
    Notes,
    /// 附件1, 附件：, 附：, 【参考资料】: an attached document follows.
    Attachment,
    /// 徐直军：alone on its line: another speaker's remarks follow.
    Speaker,
    /// ——在…会议上的讲话, （2024年3月5日）, 国务院总理　李克强, 【导读】…
    TitleBlock,
    /// A short line that could be a title.
    TitleLike,
    /// Anything else.
    Text,
}

/// Splits the text into documents and finds each one's frame.
pub(crate) fn documents(grammar: &Grammar, text: &str, lines: &[Line], cands: &[Candidate]) -> Vec<Frame> {
    let marker_lines: Vec<bool> = {
        let mut v = vec![false; lines.len()];
        // Lines that start with a marker believable on its own (not 3 of
        // "#3 …座谈纪要", which needs a 4 to be a list).
        for c in cands.iter().filter(|c| c.at_line_start() && !c.m.weak && !grammar.family(c.m.family).needs_sequence) {
            v[c.line()] = true;
        }
        v
    };
    // A line that opens with a marker is body text for the frame: no title,
    // label or salutation starts with one. (Also the cheap path for pages
    // where every line is a heading.)
    let kinds: Vec<Kind> = lines
        .iter()
        .zip(&marker_lines)
        .map(|(l, &marked)| if marked { Kind::Text } else { classify(l.content(text)) })
        .collect();
    // markers_before[i]: how many marker lines precede line i (constant-time
    // "is there a marker between a and b", so that splitting stays linear).
    let mut markers_before = Vec::with_capacity(lines.len() + 1);
    markers_before.push(0u32);
    for &m in &marker_lines {
        markers_before.push(markers_before.last().copied().unwrap_or(0) + u32::from(m));
    }
    let ctx = Ctx { text, lines, kinds: &kinds, marker_lines: &marker_lines, markers_before: &markers_before };
    let first = ctx.first_frame();
    let mut frames = vec![first];
    // Later documents: look for a boundary after the body of the current one starts.
    loop {
        let cur = frames.last().unwrap_or_else(|| unreachable!());
        let from = ctx.line_of(cur.body.start) + 1;
        let Some(next) = ctx.next_boundary(from, &frames[0]) else {
            break;
        };
        let cur = frames.last_mut().unwrap_or_else(|| unreachable!());
        cur.lines.end = next.lines.start;
        frames.push(next);
    }
    for f in &mut frames {
        ctx.finish(f);
    }
    frames
}

struct Ctx<'a> {
    text: &'a str,
    lines: &'a [Line],
    kinds: &'a [Kind],
    marker_lines: &'a [bool],
    markers_before: &'a [u32],
}

/// How many non-blank lines from the top a document's title block may span.
const TITLE_REACH: usize = 40;

impl Ctx<'_> {
    fn content(&self, i: usize) -> &str {
        self.lines[i].content(self.text)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start() <= offset).saturating_sub(1)
    }

    /// The next non-blank lines after `i`, up to `n` of them.
    fn next_nonblank(&self, i: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
        (i + 1..self.lines.len()).filter(|&j| self.kinds[j] != Kind::Blank).take(n)
    }

    fn first_frame(&self) -> Frame {
        let n = self.lines.len();
        let mut f = Frame { lines: 0..n, body: 0..self.text.len(), ..Frame::default() };
        // The salutation, if any, in the first lines before any marker.
        let mut seen = 0;
        let mut limit = n;
        for i in 0..n {
            if self.kinds[i] == Kind::Blank {
                continue;
            }
            seen += 1;
            if seen > TITLE_REACH || self.marker_lines[i] {
                limit = i;
                break;
            }
            if let Some(len) = salutation(self.content(i)).filter(|s| s.1 != Term::Exclaim || seen <= 2) {
                f.salutation = Some((i, self.lines[i].content_start()..self.lines[i].content_start() + len.0));
                limit = i;
                break;
            }
        }
        f.title = match &f.salutation {
            Some((s, _)) => self.title_above(*s),
            None => self.best_title(0..limit),
        };
        if let Some(t) = f.title {
            f.subtitle = self.title_block(t, f.salutation.as_ref().map_or(limit, |s| s.0));
        }
        f.body.start = self.body_start(&f);
        f
    }

    /// Walking up from a salutation: the title above it, past subtitle,
    /// speaker, date and boilerplate lines and page furniture (分享：, 大, 中).
    /// Among the title-like lines met, one that names a genre (…工作报告)
    /// wins over a nearer one that does not (四川日报, a source name).
    fn title_above(&self, s: usize) -> Option<usize> {
        let mut found: Vec<usize> = Vec::new();
        for i in (0..s).rev() {
            match self.kinds[i] {
                Kind::Blank | Kind::TitleBlock | Kind::Boilerplate => {}
                _ if is_furniture(self.content(i)) => {}
                Kind::TitleLike if !self.marker_lines[i] => found.push(i),
                _ => break,
            }
        }
        let pick = found.iter().copied().find(|&i| names_genre(self.content(i))).or_else(|| found.first().copied())?;
        Some(self.earliest_copy(pick))
    }

    /// The first of identical title lines in a row (exports repeat the title).
    fn earliest_copy(&self, t: usize) -> usize {
        let own = normalize(self.content(t));
        let mut best = t;
        for i in (t.saturating_sub(4)..t).rev() {
            match self.kinds[i] {
                Kind::Blank => {}
                _ if normalize(self.content(i)) == own => best = i,
                _ => break,
            }
        }
        best
    }

    /// Whether a strong marker line stands in lines `a..b`.
    fn has_markers(&self, a: usize, b: usize) -> bool {
        let n = self.lines.len();
        let (a, b) = (a.min(n), b.min(n));
        a < b && self.markers_before[b] > self.markers_before[a]
    }

    /// Whether a strong marker line follows `from` before the end of the text.
    fn has_markers_after(&self, from: usize) -> bool {
        self.has_markers(from, self.lines.len())
    }

    /// The best title among `range`: a Markdown heading or a line naming a
    /// genre (讲话, 报告, 通知 …), else the first title-like line.
    fn best_title(&self, range: Range<usize>) -> Option<usize> {
        let mut best: Option<(i32, usize)> = None;
        for i in range {
            if self.kinds[i] != Kind::TitleLike || self.marker_lines[i] {
                continue;
            }
            let raw = self.lines[i].raw(self.text).trim_start_matches(is_space);
            let content = self.content(i);
            let mut score = 0;
            if raw.starts_with('#') {
                score += 3;
            }
            if raw.starts_with("**") {
                score += 1;
            }
            if names_genre(content) {
                score += 2;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Subtitle, speaker and date lines right after the title (up to `limit`).
    fn title_block(&self, title: usize, limit: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for i in title + 1..limit.min(self.lines.len()) {
            match self.kinds[i] {
                Kind::Blank | Kind::Boilerplate => {}
                Kind::TitleBlock if !self.marker_lines[i] => out.push(i),
                _ => break,
            }
        }
        out
    }

    /// Where items may start: after the salutation, else after the title block
    /// and any editorial note (【导读】), else at the top.
    fn body_start(&self, f: &Frame) -> usize {
        if let Some((_, r)) = &f.salutation {
            return r.end;
        }
        let after = f.subtitle.last().copied().or(f.title);
        match after {
            Some(i) => {
                let mut j = i + 1;
                while j < self.lines.len()
                    && matches!(self.kinds[j], Kind::Blank | Kind::TitleBlock | Kind::Boilerplate)
                    && !self.marker_lines[j]
                {
                    j += 1;
                }
                self.lines.get(j).map_or(self.text.len(), Line::start)
            }
            None => self.lines[f.lines.start].start(),
        }
    }

    /// The next document boundary at or after line `from`.
    fn next_boundary(&self, from: usize, first: &Frame) -> Option<Frame> {
        let first_title = first.title.map(|t| normalize(self.content(t)));
        for i in from..self.lines.len() {
            match self.kinds[i] {
                // 附件1 then a title: an attached document, when it has items of
                // its own (not its notes, not a list of names).
                Kind::Attachment => {
                    let mut next = self.next_nonblank(i, 2);
                    let first = next.next();
                    let t = first.into_iter().chain(next).find(|&j| self.kinds[j] == Kind::TitleLike);
                    if let (Some(t), Some(first)) = (t, first)
                        && !self.marker_lines[t]
                        && (first == t || self.kinds[first] != Kind::Notes)
                        && (self.has_markers_after(t) || is_reference_label(self.content(i)))
                    {
                        return Some(self.frame_at(i, Some(t), None));
                    }
                }
                Kind::Speaker if self.next_nonblank(i, 3).any(|j| self.marker_lines[j]) => {
                    return Some(self.frame_at(i, Some(i), None));
                }
                Kind::TitleLike if !self.marker_lines[i] => {
                    // A second title and salutation (two speeches on one page),
                    // followed by a speech with items (not a page summary).
                    let after: Vec<usize> = self.next_nonblank(i, 3).collect();
                    let sal = after
                        .iter()
                        .take_while(|&&j| matches!(self.kinds[j], Kind::TitleBlock | Kind::Text | Kind::TitleLike))
                        .copied()
                        .find(|&j| salutation(self.content(j)).is_some_and(|s| s.1 == Term::Colon));
                    let between_ok = sal.is_some_and(|s| {
                        after.iter().take_while(|&&j| j < s).all(|&j| self.kinds[j] == Kind::TitleBlock)
                    });
                    if let Some(s) = sal
                        && between_ok
                        && (names_genre(self.content(i)) || self.kinds[i + 1..s].contains(&Kind::TitleBlock))
                        && self.has_markers_after(s)
                    {
                        let len = salutation(self.content(s)).map_or(0, |x| x.0);
                        let range = self.lines[s].content_start()..self.lines[s].content_start() + len;
                        return Some(self.frame_at(i, Some(i), Some((s, range))));
                    }
                    // The document a notice issues: its title repeats part of the
                    // notice's. Or a scraper's second copy of the whole page.
                    if let Some(ft) = &first_title {
                        let own = normalize(self.content(i));
                        let copy_of_title = first.title.is_some_and(|t| i <= t + 2);
                        // The issuer's name above the date is a signature, not a title.
                        let signature = self.next_nonblank(i, 1).any(|j| is_date_line(self.content(j)));
                        let substantial =
                            self.has_markers_after(i) || (own == *ft && self.next_nonblank(i, 10).count() == 10);
                        if own.chars().count() >= 6 && ft.contains(&own) && !copy_of_title && !signature && substantial
                        {
                            return Some(self.frame_at(i, Some(i), None));
                        }
                    }
                }
                // The first document's salutation again, after its body began: a
                // new copy or a new speech (its title, if any, is just above).
                _ if first.salutation.as_ref().is_some_and(|(l, r)| {
                    let again = self.text.get(r.clone()).unwrap_or("");
                    i > *l
                        && !again.is_empty()
                        && self.content(i).starts_with(again)
                        && salutation(self.content(i)).is_some_and(|(len, t)| t == Term::Colon && len == again.len())
                }) && self.has_markers(from, i)
                    && self.has_markers_after(i) =>
                {
                    let title = self.title_above(i).filter(|&t| t >= from);
                    let len = salutation(self.content(i)).map_or(0, |x| x.0);
                    let sal = (i, self.lines[i].content_start()..self.lines[i].content_start() + len);
                    return Some(self.frame_at(title.unwrap_or(i), title, Some(sal)));
                }
                _ => {}
            }
        }
        None
    }

    fn frame_at(&self, start: usize, title: Option<usize>, salutation: Option<(usize, Range<usize>)>) -> Frame {
        let mut f = Frame { lines: start..self.lines.len(), title, salutation, ..Frame::default() };
        // A salutation right under the title block belongs to this document.
        if f.salutation.is_none()
            && let Some(t) = title
        {
            for j in self.next_nonblank(t, 4) {
                if let Some((len, Term::Colon)) = self::salutation(self.content(j)) {
                    f.salutation = Some((j, self.lines[j].content_start()..self.lines[j].content_start() + len));
                    break;
                }
                if !matches!(self.kinds[j], Kind::TitleBlock | Kind::TitleLike | Kind::Boilerplate) {
                    break;
                }
            }
        }
        if let Some(t) = title {
            let reach =
                f.salutation.as_ref().map_or_else(|| self.next_nonblank(t, 4).last().map_or(t + 1, |j| j + 1), |s| s.0);
            f.subtitle = self.title_block(t, reach);
        }
        f.body = self.body_start(&f)..self.text.len();
        f
    }

    /// Fills in what depends on the document's end: notes, closing, breaks.
    fn finish(&self, f: &mut Frame) {
        let end_line = f.lines.end;
        let mut body_end = self.lines.get(end_line).map_or(self.text.len(), Line::start);
        let first_body_line = self.line_of(f.body.start);
        // A notes section or trailing boilerplate ends the body.
        if let Some(n) = (first_body_line..end_line).find(|&i| self.kinds[i] == Kind::Notes) {
            body_end = self.lines[n].start();
        }
        let mut last = self.line_of(body_end.saturating_sub(1)).min(end_line.saturating_sub(1));
        while last > first_body_line && matches!(self.kinds[last], Kind::Blank | Kind::Boilerplate) {
            body_end = self.lines[last].start();
            last -= 1;
        }
        if last >= first_body_line && self.lines[last].start() >= f.body.start && is_closing(self.content(last)) {
            f.closing = Some(last);
            body_end = self.lines[last].start();
        }
        f.body.end = body_end.max(f.body.start);
        for i in first_body_line..end_line {
            if self.lines[i].start() >= f.body.end {
                break;
            }
            if self.lines[i].content_start() > f.body.start && is_break(self.content(i)) {
                f.breaks.push(self.lines[i].content_start());
            }
        }
    }
}

impl Frame {
    /// Where the text around the items lies (for `--full`), in bytes: what
    /// the frame knows before the items are, so that the lines can go.
    pub fn matter(&self, text: &str, lines: &[Line], toc: Option<&Range<usize>>) -> Matter {
        let start = lines[self.lines.start].start();
        let end = lines.get(self.lines.end).map_or(text.len(), Line::start);
        let mut taken: Vec<Range<usize>> = Vec::new();
        for &i in self.title.iter().chain(&self.subtitle).chain(&self.closing) {
            taken.push(lines[i].start()..lines[i].terminator());
        }
        if let Some((_, r)) = &self.salutation {
            taken.push(r.clone());
        }
        // The table of contents is in `doc.toc` already.
        taken.extend(toc.cloned());
        taken.sort_by_key(|r| r.start);
        Matter { start, end, body: self.body.clone(), taken }
    }

    /// The output document, given its items.
    pub fn to_document<'a>(&self, text: &'a str, lines: &[Line], items: Vec<Item<'a>>) -> Document<'a> {
        let text_line =
            |i: usize| TextLine { text: Cow::Borrowed(lines[i].content(text).trim_matches('*')), line: i + 1 };
        Document {
            lines: [self.lines.start + 1, self.lines.end.max(self.lines.start + 1)],
            title: self.title.map(text_line),
            subtitle: self.subtitle.iter().map(|&i| text_line(i)).collect(),
            salutation: self
                .salutation
                .as_ref()
                .map(|(i, r)| TextLine { text: Cow::Borrowed(text.get(r.clone()).unwrap_or("")), line: i + 1 }),
            items,
            closing: self.closing.map(text_line),
            ..Document::default()
        }
    }
}

/// Where a document's text around its items lies, in bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matter {
    /// The document's bytes.
    start: usize,
    end: usize,
    /// Where items may stand.
    body: Range<usize>,
    /// The title, subtitle, closing and salutation lines and the table of
    /// contents, which have fields of their own, in text order.
    taken: Vec<Range<usize>>,
}

impl Matter {
    /// Fills the text fields of `--full`: front matter (everything before the
    /// body that is not title, subtitle or salutation), preamble (body text
    /// before the first item) and back matter (after the body: notes,
    /// boilerplate; the closing line has its own field), and the spans that
    /// partition the document.
    pub fn fill<'a>(&self, text: &'a str, first_item: usize, doc: &mut Document<'a>) {
        let pieces = |from: usize, to: usize| -> Option<Cow<'a, str>> {
            let mut out: Vec<Cow<'a, str>> = Vec::new();
            let mut at = from;
            for r in self.taken.iter().filter(|r| r.start < to && r.end > from) {
                out.extend(super::tidy(text, at..r.start.max(at)));
                at = at.max(r.end);
            }
            out.extend(super::tidy(text, at..to.max(at)));
            match out.len() {
                0 => None,
                1 => out.pop(),
                _ => Some(Cow::Owned(out.join("\n"))),
            }
        };
        let (start, end, body) = (self.start, self.end, &self.body);
        let first_item = first_item.max(body.start);
        doc.front_matter = pieces(start, body.start);
        doc.preamble = pieces(body.start, first_item);
        doc.back_matter = pieces(body.end, end);
        // The spans partition the document: head, preamble, items, tail.
        let span = |from: usize, to: usize| (from < to).then(|| Span::new(from, to));
        doc.span = Some(Span::new(start, end));
        doc.head_span = span(start, body.start);
        doc.preamble_span = span(body.start, first_item);
        doc.tail_span = span(body.end, end);
    }
}

/// Removes the `(qū)` pinyin annotations that converted web pages carry.
pub(crate) fn strip_pinyin(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('(') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close) if close > 0 && after[..close].chars().all(is_pinyin_letter) => rest = &after[close + 1..],
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// Text without punctuation, brackets and spaces, for comparing titles.
fn normalize(s: &str) -> String {
    strip_pinyin(s).chars().filter(|c| c.is_alphanumeric() && !('\u{ff01}'..='\u{ff0f}').contains(c)).collect()
}

/// Lines longer than this (in bytes, about 100 CJK characters) are body text
/// or boilerplate, never a title, a label or a notes heading.
const LONG_LINE: usize = 300;

fn classify(content: &str) -> Kind {
    if content.is_empty() {
        return Kind::Blank;
    }
    // A long line, or one with a sentence end before its last character, is
    // prose unless it is page furniture or opens a title block: no label,
    // speaker, date or title has a sentence inside it.
    let long = content.len() > LONG_LINE;
    if long || has_sentence_inside(content) {
        let s = if long { Cow::Borrowed(content) } else { strip_pinyin(content) };
        let s = s.trim_matches(|c: char| c == '*' || is_space(c));
        return if is_boilerplate(s) {
            Kind::Boilerplate
        } else if is_title_block_opening(s) {
            Kind::TitleBlock
        } else {
            Kind::Text
        };
    }
    let s = strip_pinyin(content);
    let s = s.trim_matches(|c: char| c == '*' || is_space(c));
    if is_boilerplate(s) {
        return Kind::Boilerplate;
    }
    // Most lines have no inner space: borrow them as they are.
    let compact: std::borrow::Cow<'_, str> =
        if s.contains(is_space) { s.chars().filter(|&c| !is_space(c)).collect::<String>().into() } else { s.into() };
    if matches!(
        compact.as_ref(),
        "注释"
            | "注釋"
            | "註釋"
            | "注解"
            | "名词解释"
            | "名詞解釋"
            | "附注"
            | "附註"
            | "尾注"
            | "参考文献"
            | "參考文獻"
            | "【注释】"
            | "注："
    ) {
        return Kind::Notes;
    }
    if is_attachment_label(&compact) {
        return Kind::Attachment;
    }
    let chars = compact.chars().count();
    if (compact.ends_with('：') || compact.ends_with(':'))
        && (2..=4).contains(&(chars - 1))
        && compact.chars().take(chars - 1).all(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                && !crate::grammar::numeral::is_cjk_numeral_char(c)
                && !"两兩事点點面下如是有的要和与與及等".contains(c)
        })
        && salutation(&compact).is_none()
    {
        return Kind::Speaker;
    }
    if is_title_block(s, &compact) {
        return Kind::TitleBlock;
    }
    let last = compact.chars().next_back().unwrap_or(' ');
    // A title has no sentence end in it and none after it.
    let sentence_inside = compact.contains(['。', '！', '？', '；']);
    if chars <= 100 && !"。；，、：:！？!?;,".contains(last) && !sentence_inside && salutation(s).is_none() {
        return Kind::TitleLike;
    }
    Kind::Text
}

/// Whether a sentence ends inside `s`, before its last character.
fn has_sentence_inside(s: &str) -> bool {
    let body = s.trim_end_matches(|c: char| is_space(c) || c == '*' || c == '\r');
    let body = body.char_indices().next_back().map_or("", |(at, _)| &body[..at]);
    body.contains(['。', '！', '？', '；'])
}

/// Whether `s` holds a URL. One pass of `memchr` for the letters a link
/// starts with, then a look at each hit (most lines have none).
fn has_link(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'h', b'w', b'W', b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www.")
            || rest.starts_with(b"WWW.")
    }) || memchr::memchr_iter(b'H', b).any(|i| b[i..].starts_with(b"HTTP"))
}

fn is_boilerplate(s: &str) -> bool {
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    const STARTS: &[&str] = &[
        "来源",
        "來源",
        "发布时间",
        "發布時間",
        "发表时间",
        "發表時間",
        "时间：",
        "時間：",
        "时间:",
        "点击",
        "點擊",
        "阅读量",
        "閱讀量",
        "阅读次数",
        "浏览次数",
        "责任编辑",
        "責任編輯",
        "编辑：",
        "編輯：",
        "作者：",
        "版权所有",
        "版權所有",
        "相关热词搜索",
        "相關熱詞搜索",
        "相关报道",
        "相關報道",
        "相关新闻",
        "相关阅读",
        "分享到",
        "打印",
        "关闭",
        "關閉",
        "【字体",
        "【字号",
        "【字號",
        "字号",
        "当前位置",
        "當前位置",
        "首页",
        "首頁",
        "下载",
        "全屏",
        "收藏",
        "加大",
        "还原",
        "减小",
        "原文链接",
        "【法宝引证码】",
        "扫一扫",
        "上一篇",
        "下一篇",
        "返回顶部",
    ];
    if has_link(s) {
        return true;
    }
    // Most lines start with none of their first characters: one binary
    // search instead of fifty comparisons.
    let firsts = FIRSTS.get_or_init(|| {
        let mut v: Vec<char> = STARTS.iter().filter_map(|p| p.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    let could_start = s.chars().next().is_some_and(|c| firsts.binary_search(&c).is_ok());
    if (could_start && STARTS.iter().any(|p| s.starts_with(p))) || s.starts_with("<!--") {
        return true;
    }
    // What follows is looked for in short lines only: a long line is prose.
    if s.len() > LONG_LINE {
        return false;
    }
    if ["E-mail", "打印本页", "关闭窗口", "關閉視窗"].iter().any(|w| s.contains(w)) {
        return true;
    }
    // A dateline: 新华社北京3月17日电.
    if (s.starts_with("新华社") || s.starts_with("新華社")) && s.ends_with('电') {
        return true;
    }
    // A photo caption: "3月5日，…作政府工作报告。新华社记者 饶爱民 摄".
    if (s.contains("记者") || s.contains("記者")) && (s.ends_with('摄') || s.ends_with('攝') || s.contains('。'))
    {
        return true;
    }
    // A time stamp: "2026-01-31 07:00:44".
    s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b':' | b'.' | b' '))
        && s.bytes().any(|b| b.is_ascii_digit())
}

fn is_attachment_label(compact: &str) -> bool {
    let rest = ["附件", "附录", "附錄", "附"].iter().find_map(|p| compact.strip_prefix(p)).or_else(|| {
        ["【参考资料】", "【參考資料】", "参考资料：", "【附件】"].iter().find(|p| compact == **p).map(|_| "")
    });
    let Some(rest) = rest else { return false };
    rest.trim_end_matches(['：', ':'])
        .chars()
        .all(|c| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十".contains(c))
}

/// Openings of title-block lines that can be long: subtitles (——在…) and
/// editorial notes (【导读】, 编者按, a Markdown quote).
fn is_title_block_opening(s: &str) -> bool {
    ["——", "――", "--", "—", ">", "【导", "【導", "编者按", "【编者按"].iter().any(|p| s.starts_with(p))
}

/// Lines of a title block: subtitles (——在…), dates, speakers, editorial notes,
/// document numbers.
fn is_title_block(s: &str, compact: &str) -> bool {
    if is_title_block_opening(s) || is_date_line(compact) {
        return true;
    }
    // 京经信发〔2022〕87号, （皖政办秘〔2021〕82号）, 电邮文号【2013】82号: a document number.
    if (compact.contains('〔') || compact.contains('【') || compact.contains('['))
        && compact.trim_end_matches(['）', ')']).ends_with('号')
        && compact.chars().count() <= 40
    {
        return true;
    }
    // "人民代表大会第五次会议上": the end of a subtitle broken across lines.
    if compact.ends_with('上') && ["会议", "會議", "大会", "大會"].iter().any(|w| compact.contains(w)) {
        return true;
    }
    // 国务院总理　李克强, 省长 胡玉亭: an office and a name.
    let mut words = s.split(is_space).filter(|w| !w.is_empty());
    let (Some(office), Some(name), None) = (words.next(), words.next(), words.next()) else { return false };
    (2..=4).contains(&name.chars().count())
        && office.chars().count() <= 14
        && ["长", "長", "理", "席", "记", "記", "任", "总", "總"].iter().any(|t| office.ends_with(t))
}

/// （2024年3月5日）, 2013年5月17日, （一九四二年二月八日）, 二○一七年一月十日.
fn is_date_line(s: &str) -> bool {
    if s.len() > 96 {
        return false;
    }
    let inner = s
        .trim_matches(|c: char| is_space(c) || c == '*')
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim_matches(is_space);
    let mut chars = inner.chars().filter(|&c| !is_space(c)).peekable();
    let first_ok = chars.peek().is_some_and(|&c| c.is_ascii_digit() || "〇○零一二".contains(c));
    let (mut n, mut year, mut month) = (0, false, false);
    for c in chars {
        n += 1;
        year |= c == '年';
        month |= c == '月';
        if !(c.is_ascii_digit() || "〇○零一二三四五六七八九十年月日".contains(c)) {
            return false;
        }
    }
    first_ok && n <= 24 && year && month
}

fn names_genre(s: &str) -> bool {
    const GENRES: &[&str] = &[
        "讲话",
        "講話",
        "报告",
        "報告",
        "通知",
        "意见",
        "意見",
        "办法",
        "辦法",
        "条例",
        "條例",
        "规定",
        "規定",
        "决定",
        "決定",
        "方案",
        "纪要",
        "紀要",
        "决议",
        "決議",
        "细则",
        "細則",
        "指示",
        "训令",
        "訓令",
        "演说",
        "演說",
        "演讲",
        "演講",
        "致辞",
        "致詞",
        "贺词",
        "賀詞",
        "公告",
        "通告",
        "计划",
        "計劃",
        "规划",
        "規劃",
        "批复",
        "开幕词",
        "開幕詞",
        "闭幕词",
        "閉幕詞",
        "法",
        "倡议书",
        "倡議書",
        "名单",
        "名單",
        "清单",
        "清單",
        "实事",
        "實事",
    ];
    GENRES.iter().any(|g| s.contains(g))
}

/// Page furniture left by a scraper: one- or two-character menu entries
/// (大, 中, 小, 】) and labels with nothing after them (分享：, 来源:).
fn is_furniture(content: &str) -> bool {
    let n = content.chars().count();
    n <= 2 || (n <= 6 && (content.ends_with('：') || content.ends_with(':')))
}

/// 【参考资料】: appended material that is a document even without items.
fn is_reference_label(content: &str) -> bool {
    content.contains("参考资料") || content.contains("參考資料")
}

/// How a salutation ends: `：` before the speech, `！` inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Term {
    Colon,
    Exclaim,
    /// 同志们，今天… : the salutation opens the first paragraph.
    Comma,
    /// …全體國人同胞，大家好 : nothing after it on the line.
    End,
}

/// Finds ！ (EF BC 81): built once, used on every line.
static BANG: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("！".as_bytes()));

/// 各位代表！…: a salutation that closes the current sub-level. Cheap for
/// the common case, a paragraph with no exclamation mark near its start.
fn is_break(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(120)];
    let exclaims = memchr::memchr(b'!', head).is_some() || BANG.find(head).is_some();
    exclaims && salutation(s).is_some_and(|(_, t)| t == Term::Exclaim)
}

/// If `s` starts with a salutation, its length in bytes (with its punctuation)
/// and how it ends.
fn salutation(s: &str) -> Option<(usize, Term)> {
    const NOTICE_ENDS: &[&str] =
        &["政府", "部门", "部門", "部委", "单位", "單位", "机构", "機構", "委员会", "厅", "局"];
    let clean = strip_pinyin(s);
    let (at, term) = clean
        .char_indices()
        .find(|(_, c)| matches!(c, '：' | ':' | '！' | '!' | '。' | '；' | '？' | '?' | '，' | ','))
        .map_or((clean.len(), Term::End), |(at, c)| {
            let term = match c {
                '：' | ':' => Term::Colon,
                '！' | '!' => Term::Exclaim,
                '，' | ',' => Term::Comma,
                _ => Term::End,
            };
            (at, term)
        });
    let head = clean[..at].trim_matches(|c: char| is_space(c) || c == '*' || c == '#');
    let n = head.chars().count();
    // "我们的各级领导同志：" is a sentence about people, not an address to them.
    let speech = is_addressee(head) && n <= 60 && !head.contains('的');
    let notice =
        term == Term::Colon && head.starts_with('各') && NOTICE_ENDS.iter().any(|e| head.ends_with(e)) && n <= 80
            || (term == Term::Colon && head.contains("有关单位") && n <= 30);
    // 女士们，先生们，同志们： and 各区政府,各相关单位：— commas inside a list of addressees.
    if term == Term::Comma
        && let Some(colon) = clean.find(['：', ':'])
    {
        let head = clean[..colon].trim_matches(|c: char| is_space(c) || c == '*' || c == '#');
        let n = head.chars().count();
        let listed = !head.contains(['。', '；', '！', '？']);
        let speech = is_addressee(head) && n <= 40;
        let notice = head.starts_with('各') && NOTICE_ENDS.iter().any(|e| head.ends_with(e)) && n <= 80;
        if listed && (speech || notice) {
            let end = colon + clean[colon..].chars().next().map_or(0, char::len_utf8);
            return Some((byte_len_in(s, &clean, end), Term::Colon));
        }
    }
    match term {
        Term::Colon | Term::Exclaim if speech || notice => {}
        // 同志们，今天… : only the short forms, at the very start of a paragraph.
        Term::Comma if speech && n <= 12 && !head.contains('、') => {}
        _ => {
            // "各位友邦的元首與貴賓、…全體國人同胞，大家好": a whole line of greeting.
            let whole = clean.trim_end_matches(|c: char| "！!。".contains(c) || is_space(c));
            let greeting = ["大家好", "新年好", "大家新年好"].iter().any(|e| whole.ends_with(e));
            return (greeting && whole.chars().count() <= 120).then_some((s.len(), Term::End));
        }
    }
    let end = if term == Term::End { at } else { at + clean[at..].chars().next().map_or(0, char::len_utf8) };
    let end = if term == Term::Comma { at } else { end };
    Some((byte_len_in(s, &clean, end), term))
}

/// Whether `head` names the people addressed: ends with a title (代表, 来宾)
/// or a plural (同志们, 僑胞們), not a pronoun (我们).
pub(crate) fn is_addressee(head: &str) -> bool {
    const ENDS: &[&str] = &[
        "同志",
        "代表",
        "委员",
        "委員",
        "领导",
        "領導",
        "来宾",
        "來賓",
        "嘉宾",
        "嘉賓",
        "先生",
        "女士",
        "同胞",
        "乡亲",
        "鄉親",
        "大家好",
        "新年好",
        "各位",
    ];
    let plural = (head.ends_with('们') || head.ends_with('們'))
        && !["我们", "你们", "他们", "她们", "它们", "咱们", "我們", "你們", "他們", "她們", "它們", "咱們"]
            .iter()
            .any(|p| head.ends_with(p));
    plural || ENDS.iter().any(|e| head.ends_with(e))
}

/// Maps a byte length in the pinyin-stripped `clean` back to the original `s`.
fn byte_len_in(s: &str, clean: &str, len: usize) -> usize {
    if s.len() == clean.len() {
        return len;
    }
    // Walk both strings: skip annotations in `s` that `clean` does not have.
    let target = &clean[..len];
    let mut si = 0;
    let mut matched = 0;
    let sb = s.as_bytes();
    let tb = target.as_bytes();
    while matched < tb.len() && si < sb.len() {
        if sb[si] == tb[matched] {
            si += 1;
            matched += 1;
        } else {
            si += 1;
        }
    }
    si
}

fn is_closing(s: &str) -> bool {
    let s = s.trim_matches(|c: char| c == '*' || is_space(c));
    ["谢谢大家", "謝謝大家", "谢谢", "謝謝", "谢谢各位", "謝謝各位"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|r| r.chars().all(|c| "！!。.".contains(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salutations() {
        assert_eq!(salutation("各位代表："), Some(("各位代表：".len(), Term::Colon)));
        assert_eq!(salutation("同志们：今天"), Some(("同志们：".len(), Term::Colon)));
        assert_eq!(salutation("各位代表！我们要"), Some(("各位代表！".len(), Term::Exclaim)));
        assert_eq!(salutation("同志们，今天我想讲的"), Some(("同志们".len(), Term::Comma)));
        assert_eq!(salutation("女士们，先生们，同志们：今天"), Some(("女士们，先生们，同志们：".len(), Term::Colon)));
        assert_eq!(salutation("各區(qū)政府,各相關單位："), Some(("各區(qū)政府,各相關單位：".len(), Term::Colon)));
        assert!(salutation("各位領(lǐng)導(dǎo)、同志們:").is_some());
        assert_eq!(salutation("全省各级政府要增强大局观："), None);
        assert_eq!(salutation("一、总体要求"), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("注　　释"), Kind::Notes);
        assert_eq!(classify("名词解释"), Kind::Notes);
        assert_eq!(classify("附件1"), Kind::Attachment);
        assert_eq!(classify("附："), Kind::Attachment);
        assert_eq!(classify("徐直军："), Kind::Speaker);
        assert_eq!(classify("——2026年1月27日在吉林省第十四届人民代表大会第五次会议上"), Kind::TitleBlock);
        assert_eq!(classify("（一九四二年二月八日）"), Kind::TitleBlock);
        assert_eq!(classify("省长 胡玉亭"), Kind::TitleBlock);
        assert_eq!(classify("來源: 工作計劃 點擊:"), Kind::Boilerplate);
        assert_eq!(classify("發(fā)布時間:2020-09-16 來源: 工作計劃 點擊:"), Kind::Boilerplate);
        assert_eq!(classify("在區(qū)委政協(xié)工作會議上的講話"), Kind::TitleLike);
    }

    #[test]
    fn pinyin() {
        assert_eq!(strip_pinyin("區(qū)委(擴大)會議"), "區委(擴大)會議");
    }
}
