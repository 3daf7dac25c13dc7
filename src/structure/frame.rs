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

use super::classify::{Classifier, Kind, Term, exclaims_early, is_date_line, is_furniture, normalize};

/// One document's layout, before its items are known.
#[derive(Clone, Debug, Default)]
pub(crate) struct Frame {
    /// All lines of the document (0-based, end exclusive).
    pub lines: Range<usize>,
    /// The title line.
    pub title: Option<usize>,
    /// The title's bytes when it is part of its line (a flattened page),
    /// else the whole line is the title.
    pub title_span: Option<Range<usize>>,
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

/// Splits the text into documents and finds each one's frame.
pub(crate) fn documents(grammar: &Grammar, text: &str, lines: &[Line], cands: &[Candidate]) -> Vec<Frame> {
    // The markers that open their line (a paragraph start found inside a
    // run-on line leaves the line's own start alone), read once for four
    // views of the lines below.
    let starts: Vec<&Candidate> = cands
        .iter()
        .filter(|c| c.at_line_start() && !c.m.weak)
        .filter(|c| lines.get(c.line()).is_some_and(|l| l.content_start() == c.start()))
        .collect();
    // Lines that open with any marker, a list member that needs a second
    // included: a vocative after them (老师们，…) is no salutation. With the
    // ordinal of that marker (0 for none or 最后).
    let mut numbered = vec![false; lines.len()];
    let mut ordinals = vec![0u16; lines.len()];
    // Lines that start with a marker believable on its own (not 3 of
    // "#3 …座谈纪要", which needs a 4 to be a list).
    let mut marker_lines = vec![false; lines.len()];
    for c in &starts {
        numbered[c.line()] = true;
        ordinals[c.line()] = c.m.ordinal;
        marker_lines[c.line()] |= !grammar.family(c.m.family).needs_sequence;
    }
    // Lines opening with a marker that needs a sequence and has the next
    // member at a line start (2 研究方法 … 3 结果与分析): no title either,
    // though the frame's other tests leave them alone.
    let mut sequenced = vec![false; lines.len()];
    let member = |c: &Candidate| (grammar.numbering(c.m.family), c.m.key, c.m.ordinal);
    let members: crate::fxhash::FxHashSet<(u16, u32, u16)> = starts.iter().map(|c| member(c)).collect();
    for c in starts.iter().filter(|c| grammar.family(c.m.family).needs_sequence) {
        let (family, key, ordinal) = member(c);
        sequenced[c.line()] = members.contains(&(family, key, ordinal.saturating_add(1)));
    }
    // Lines holding any marker, inside a paragraph too.
    let mut marked = vec![false; lines.len()];
    for c in cands.iter().filter(|c| !c.m.weak) {
        if let Some(m) = marked.get_mut(c.line()) {
            *m = true;
        }
    }
    // A line that opens with a marker is body text for the frame: no title,
    // label or salutation starts with one. (Also the cheap path for pages
    // where every line is a heading.)
    let cls = Classifier { lex: &grammar.profile().lexicon };
    let kinds: Vec<Kind> = lines
        .iter()
        .zip(&marker_lines)
        .map(|(l, &marked)| if marked { Kind::Text } else { cls.kind(l.content(text)) })
        .collect();
    // markers_before[i]: how many marker lines precede line i (constant-time
    // "is there a marker between a and b", so that splitting stays linear).
    let mut markers_before = Vec::with_capacity(lines.len() + 1);
    markers_before.push(0u32);
    for &m in &marker_lines {
        markers_before.push(markers_before.last().copied().unwrap_or(0) + u32::from(m));
    }
    let ctx = Ctx {
        text,
        lines,
        cls,
        kinds: &kinds,
        marker_lines: &marker_lines,
        sequenced: &sequenced,
        numbered: &numbered,
        ordinals: &ordinals,
        marked: &marked,
        markers_before: &markers_before,
    };
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
    cls: Classifier<'a>,
    kinds: &'a [Kind],
    marker_lines: &'a [bool],
    sequenced: &'a [bool],
    numbered: &'a [bool],
    ordinals: &'a [u16],
    marked: &'a [bool],
    markers_before: &'a [u32],
}

/// How many non-blank lines from the top a document's title block may span.
const TITLE_REACH: usize = 40;

/// How many non-blank lines of page furniture (menus, headline lists,
/// related links) may stand above an article copied with its web page.
const PAGE_REACH: usize = 150;

/// The longest line of page furniture, in characters: a headline or a menu.
const PAGE_LINE_CHARS: usize = 40;

/// A line of a page around an article: short (Latin letters count half, as
/// they are half as wide: a site's English name is short), with no sentence
/// in it.
fn is_page_line(s: &str) -> bool {
    let inner = s.trim_end_matches(['：', ':', '！', '!', '。']);
    crate::text::columns(inner) <= 2 * PAGE_LINE_CHARS && !crate::text::has_full_stop(inner)
}

/// How many lines from the top a flattened page's line may be.
const RUN_ON_LINES: usize = 3;

/// How far into a flattened page its salutation is looked for, in bytes:
/// the title, the dateline and the speaker come first.
const RUN_ON_HEAD: usize = 3_000;

/// The longest salutation found inside a flattened page, in characters.
const SALUTATION_INSIDE_CHARS: usize = 12;

/// The shortest first half of a title broken over two lines, in letters:
/// an issuing office with its place (青禾县人民政府) or more; a menu label
/// (桐江频道) is shorter.
const HALF_TITLE_CHARS: usize = 6;

/// How many title-like lines above a salutation may be its title: a
/// title broken in two, a source line, a site name.
const TITLE_CANDIDATES: usize = 4;

/// The most paragraphs a speech's closing runs to: a call on the audience,
/// a wish and the thanks (让我们…！ 最后，祝…！ 谢谢大家！).
const CLOSING_PARAGRAPHS: usize = 3;

impl Ctx<'_> {
    fn content(&self, i: usize) -> &str {
        self.lines[i].content(self.text)
    }

    /// The bytes of line `i`'s content. For tests that run on every line and
    /// look at its start: a `str` checks that its end is a character
    /// boundary, a read of the line's end that misses the cache on a large
    /// text.
    fn content_bytes(&self, i: usize) -> &[u8] {
        let line = &self.lines[i];
        self.text.as_bytes().get(line.content_start()..line.end()).unwrap_or_default()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start() <= offset).saturating_sub(1)
    }

    /// The kind of the first non-blank line under line `i`.
    fn kind_under(&self, i: usize) -> Option<Kind> {
        self.next_nonblank(i, 1).next().map(|j| self.kinds[j])
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
        let mut numbered_above = false;
        let mut prose_above = false;
        for i in 0..n {
            if self.kinds[i] == Kind::Blank {
                continue;
            }
            seen += 1;
            if seen > TITLE_REACH || self.marker_lines[i] {
                limit = i;
                break;
            }
            numbered_above |= self.numbered[i];
            let believable = |s: &(usize, Term)| match s.1 {
                // 同志们！ opens the first paragraph: right under the title
                // block, not deep in the text.
                Term::Exclaim => seen <= 2 || !prose_above || self.dressed_title_right_above(i),
                Term::Comma => !numbered_above,
                _ => true,
            };
            if let Some(len) = self.cls.salutation(self.content(i)).filter(believable) {
                f.salutation = Some((i, self.lines[i].content_start()..self.lines[i].content_start() + len.0));
                limit = i;
                break;
            }
            prose_above |= self.kinds[i] == Kind::Text;
        }
        if f.salutation.is_none()
            && let Some(s) = self.page_salutation(limit)
        {
            f.salutation = Some(s);
        }
        if f.salutation.is_none()
            && let Some(i) =
                (0..n).filter(|&i| self.kinds[i] != Kind::Blank).take(RUN_ON_LINES).find(|&i| self.run_on(i))
            && let Some(flat) = self.flattened(i)
        {
            // The blank lines above the page are the first document's too.
            return Frame { lines: 0..n, ..flat };
        }
        f.title = match &f.salutation {
            Some((s, _)) => self.title_above(*s).or_else(|| self.dressed_title(0..*s)),
            None => self.best_title(0..limit),
        };
        if let Some(t) = f.title {
            f.subtitle = self.title_block(t, f.salutation.as_ref().map_or(limit, |s| s.0));
        }
        if f.salutation.is_none()
            && let Some(t) = f.title
        {
            f.salutation = self.addressee_under(t, &f.subtitle);
        }
        self.join_broken_title(&mut f);
        f.body.start = self.body_start(&f);
        f
    }

    /// A notice's addressee line in its place, the first line under the
    /// title block, known by its form (各系、实验中心，全体…教师：) when its
    /// words are not in the lexicon.
    fn addressee_under(&self, title: usize, subtitle: &[usize]) -> Option<(usize, Range<usize>)> {
        let after = subtitle.last().copied().unwrap_or(title);
        let i = self.next_nonblank(after, 1).next()?;
        let content = self.content(i);
        (!self.marker_lines[i] && self.cls.addressee_form(content.trim_end_matches(is_space))).then(|| {
            let start = self.lines[i].content_start();
            (i, start..start + content.trim_end_matches(is_space).len())
        })
    }

    /// A title broken over two lines (青禾县人民政府办公室关于做好2026年春季学期 /
    /// 校园安全工作的通知): the chosen line names the genre, the line right
    /// above it (no blank between) is a short title-like line that does not
    /// end with one (…计划执行情况 / 与2024年计划草案的报告 is one title), and a
    /// blank line or the document's start stands above that. The title then
    /// starts a line earlier and holds both.
    fn join_broken_title(&self, f: &mut Frame) {
        let Some(t) = f.title.filter(|_| f.title_span.is_none()) else { return };
        let Some(p) = t.checked_sub(1).filter(|&p| p >= f.lines.start) else { return };
        let opens_block = p == f.lines.start || self.kinds[p - 1] == Kind::Blank;
        let (above, own) = (self.content(p), self.content(t));
        // Half a title is words (青禾县人民政府), not a menu's bracket.
        let words = above.chars().filter(|c| c.is_alphanumeric()).count() >= HALF_TITLE_CHARS
            && above.chars().next().is_some_and(char::is_alphanumeric);
        // Issuers side by side (柳溪市总工会　柳溪市人社局) head a joint
        // notice: a gap inside is no title's.
        if self.kinds[p] == Kind::TitleLike
            && !self.marker_lines[p]
            && words
            && !above.contains(is_space)
            && opens_block
            && is_page_line(above)
            && !self.lex().genres.ends(above.trim_end_matches(is_space))
            && self.cls.names_genre(own)
        {
            f.title = Some(p);
            f.title_span = Some(self.lines[p].content_start()..self.lines[t].end());
        }
    }

    /// Whether a title naming a genre, with its date or speaker, stands right
    /// above line `i` (…大会上的讲话 / （2026年3月11日） / 姚志成 / 同志们、朋友们！):
    /// a salutation there opens the speech, whatever prose a page put above.
    fn dressed_title_right_above(&self, i: usize) -> bool {
        let mut block = false;
        for j in (0..i).rev().filter(|&j| self.kinds[j] != Kind::Blank).take(TITLE_CANDIDATES) {
            match self.kinds[j] {
                Kind::TitleBlock | Kind::Speaker => block = true,
                Kind::TitleLike if block && self.cls.names_genre(self.content(j)) => return true,
                Kind::TitleLike => {}
                _ => return false,
            }
        }
        false
    }

    /// A page flattened into line `i`, title and salutation in it
    /// (…政府工作报告——…国务院总理 李克强各位代表：现在，…): its frame.
    fn flattened(&self, i: usize) -> Option<Frame> {
        let r = self.salutation_inside(i)?;
        let title_span = self.flattened_title(self.lines[i].content_start()..r.start);
        let title = title_span.as_ref().map(|_| i);
        let mut f =
            Frame { lines: i..self.lines.len(), title, title_span, salutation: Some((i, r)), ..Frame::default() };
        f.body = self.body_start(&f)..self.text.len();
        Some(f)
    }

    /// The title in the head of a flattened page (…新华社北京3月14日电政府工作
    /// 报告——2014年3月5日在…上国务院总理 李克强): the last phrase before the
    /// subtitle's dash, after the last sentence end, space (or an escape
    /// a scraper left, ending in `>`) and dateline, if
    /// it names a genre.
    fn flattened_title(&self, head: Range<usize>) -> Option<Range<usize>> {
        let h = &self.text[head.clone()];
        let h = &h[..h.find("——").unwrap_or(h.len())];
        let cut = h
            .char_indices()
            .filter(|&(_, c)| matches!(c, '。' | '！' | '？' | '>') || is_space(c))
            .map(|(k, c)| k + c.len_utf8())
            .next_back()
            .unwrap_or(0);
        let mut start = cut;
        let rest = &h[start..];
        let datelines = &self.lex().datelines;
        if datelines.agencies.opens(rest)
            && let Some((k, end)) = datelines.ends.iter().filter_map(|w| rest.find(w).map(|k| (k, w.len()))).min()
        {
            start += k + end;
        }
        let title = h[start..].trim_matches(is_space);
        (!title.is_empty() && self.cls.names_genre(title)).then(|| {
            let from = head.start + start + (h[start..].len() - h[start..].trim_start_matches(is_space).len());
            from..from + title.len()
        })
    }

    /// Whether line `i` is many paragraphs run together.
    fn run_on(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| l.end() - l.start() >= crate::blocks::RUN_ON_BYTES)
    }

    /// A salutation inside the head of run-on line `i` (…李克强各位代表：现在，…):
    /// its bytes, from the shortest addressee before a colon or an
    /// exclamation mark (with the 各位 or 尊敬的 before it).
    fn salutation_inside(&self, i: usize) -> Option<Range<usize>> {
        let line = self.content(i);
        let base = self.lines[i].content_start();
        let mut head_end = RUN_ON_HEAD.min(line.len());
        while !line.is_char_boundary(head_end) {
            head_end -= 1;
        }
        for (p, c) in line[..head_end].char_indices().filter(|(_, c)| matches!(c, '：' | '！')) {
            let before = &line[..p];
            for k in before.char_indices().rev().take(SALUTATION_INSIDE_CHARS).map(|(k, _)| k).skip(1) {
                let candidate = &line[k..p + c.len_utf8()];
                if let Some((len, Term::Colon | Term::Exclaim)) = self.cls.salutation(candidate)
                    && len == candidate.len()
                {
                    let sal = &self.lex().salutations;
                    let lead = sal.collectives.iter().chain(sal.honorifics.iter()).find(|w| before[..k].ends_with(*w));
                    let from = k - lead.map_or(0, str::len);
                    return Some(base + from..base + p + c.len_utf8());
                }
            }
        }
        None
    }

    fn lex(&self) -> &crate::lexicon::Lexicon {
        self.cls.lex
    }

    /// A web page copied whole: numbered lines of headlines (热点新闻 1. …
    /// 6.) and menus stand above the article, whose title and salutation
    /// (各位老师、同学们：) come further down. From the first marker line
    /// `from`, a colon salutation with a title above it and markers after
    /// it, reached through short lines only (menus, headlines: no sentence
    /// in them).
    fn page_salutation(&self, from: usize) -> Option<(usize, Range<usize>)> {
        let mut seen = 0;
        for i in from..self.lines.len() {
            if self.kinds[i] == Kind::Blank {
                continue;
            }
            seen += 1;
            let content = self.content(i);
            if seen > PAGE_REACH || !(is_page_line(content) || self.kinds[i] == Kind::Boilerplate) {
                return None;
            }
            if self.marker_lines[i] {
                continue;
            }
            if let Some((len, Term::Colon)) = self.cls.salutation(content)
                && self.title_above(i).is_some()
                && self.has_markers_after(i)
            {
                let start = self.lines[i].content_start();
                return Some((i, start..start + len));
            }
        }
        None
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
                // A title block is a few lines: above them, a page's menus
                // and headlines (which name genres too) are no title.
                Kind::TitleLike if found.len() >= TITLE_CANDIDATES => break,
                Kind::TitleLike if !self.marker_lines[i] => found.push(i),
                _ => break,
            }
        }
        // The nearest title with its subtitle or date under it (2026年1月27日
        // 在…, （一九四二年五月二日）) beats one without (省长赵刚作政府工作报告,
        // a caption); then one naming a genre beats a site's name.
        let dressed = |i: usize| self.kind_under(i) == Some(Kind::TitleBlock);
        let pick = found
            .iter()
            .copied()
            .find(|&i| dressed(i))
            .or_else(|| found.iter().copied().find(|&i| self.cls.names_genre(self.content(i))))
            .or_else(|| found.first().copied())?;
        Some(self.earliest_copy(pick))
    }

    /// The title of a page whose lead paragraph or captions stand between
    /// title and salutation (…讲话 / 中共桐江市委书记　陈立新 / 2026年03月06日… /
    /// 3月5日，…召开… / 同志们：): the last title-like line in `range` with its
    /// speaker, subtitle or date under it and naming a genre.
    fn dressed_title(&self, range: Range<usize>) -> Option<usize> {
        let dressed = |i: usize| matches!(self.kind_under(i), Some(Kind::TitleBlock | Kind::Speaker));
        range
            .rev()
            .filter(|&i| self.kinds[i] == Kind::TitleLike && !self.marker_lines[i])
            .find(|&i| dressed(i) && self.cls.names_genre(self.content(i)))
            .map(|t| self.earliest_copy(t))
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

    /// Whether a line after `t` opens with a marker (第一步，… too, which needs
    /// a second) before the next attachment label: the attachment has items.
    fn numbered_before_next_attachment(&self, t: usize) -> bool {
        (t + 1..self.lines.len()).take_while(|&j| self.kinds[j] != Kind::Attachment).any(|j| self.numbered[j])
    }

    /// Whether a strong marker line stands in lines `a..b`.
    fn has_markers(&self, a: usize, b: usize) -> bool {
        let n = self.lines.len();
        let (a, b) = (a.min(n), b.min(n));
        a < b && self.markers_before[b] > self.markers_before[a]
    }

    /// Whether a strong marker line follows `from` before the end of the text.
    /// Whether title-like line `i` repeats (part of) the first document's
    /// title `ft` as the title of a document of its own: one a notice issues,
    /// or a scraper's second copy of the page. Not the title block's own
    /// lines, not an issuer's signature above a date, and not a running head.
    fn repeats_title(&self, i: usize, ft: &str, first: &Frame) -> bool {
        let own = normalize(self.content(i));
        let copy_of_title = first.title.is_some_and(|t| i <= t + 2);
        // The issuer's name above the date is a signature, not a title.
        let signature = self.next_nonblank(i, 1).any(|j| is_date_line(self.content(j)));
        let substantial = self.has_markers_after(i) || (own == ft && self.next_nonblank(i, 10).count() == 10);
        own.chars().count() >= 6
            && ft.contains(own.as_str())
            && !copy_of_title
            && !signature
            && substantial
            && !self.numbering_goes_on(i)
    }

    /// Whether the first numbered line after line `i` goes on with a
    /// numbering (3.2, 第4章: an ordinal past 1) rather than starting one: the
    /// title repeated above it is a PDF page's running head, not a new
    /// document or a second copy, which start again at 1.
    fn numbering_goes_on(&self, i: usize) -> bool {
        (i + 1..self.lines.len()).find(|&j| self.numbered[j]).is_some_and(|j| self.ordinals[j] > 1)
    }

    fn has_markers_after(&self, from: usize) -> bool {
        self.has_markers(from, self.lines.len())
    }

    /// The best title among `range`: a Markdown heading or a line naming a
    /// genre (讲话, 报告, 通知 …), else the first title-like line.
    fn best_title(&self, range: Range<usize>) -> Option<usize> {
        let mut best: Option<(i32, usize)> = None;
        for i in range {
            // A line that goes on with a hard-wrapped sentence is no title
            // (…《中华人民共和国教 / 育法》《…条例》).
            if self.kinds[i] != Kind::TitleLike
                || self.marker_lines[i]
                || self.sequenced[i]
                || self.lines[i].continues()
            {
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
            if self.cls.names_genre(content) {
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
        // A title broken over two lines is compared whole.
        let first_title = first.title.map(|t| match &first.title_span {
            Some(r) => normalize(&crate::text::joined(&self.text[r.clone()])),
            None => normalize(self.content(t)),
        });
        for i in from..self.lines.len() {
            match self.kinds[i] {
                // 附件1 then a title: an attached document, when it has items of
                // its own (not its notes, not a list of names).
                Kind::Attachment => {
                    let mut next = self.next_nonblank(i, 2);
                    let first = next.next();
                    let t = first.into_iter().chain(next).find(|&j| self.kinds[j] == Kind::TitleLike);
                    // 附件：+ title in the notice's text, then 附件 + the same
                    // title: the attachment starts at the second.
                    let listed = |t: usize| {
                        let own = normalize(self.content(t));
                        self.next_nonblank(t, 3).any(|j| normalize(self.content(j)) == own)
                    };
                    if let (Some(t), Some(first)) = (t, first)
                        && !self.marker_lines[t]
                        && !listed(t)
                        && (first == t || self.kinds[first] != Kind::Notes)
                        && (self.has_markers_after(t)
                            || self.numbered_before_next_attachment(t)
                            || self.cls.is_reference_label(self.content(i)))
                    {
                        return Some(self.frame_at(i, Some(t), None));
                    }
                }
                // A speaker's label on its line, then a talk with numbered
                // points of its own (镇长　赵国强： … 第一，…): a document.
                Kind::Speaker if self.next_nonblank(i, 3).any(|j| self.marked[j]) => {
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
                        .find(|&j| self.cls.salutation(self.content(j)).is_some_and(|s| s.1 == Term::Colon));
                    let between_ok = sal.is_some_and(|s| {
                        after.iter().take_while(|&&j| j < s).all(|&j| self.kinds[j] == Kind::TitleBlock)
                    });
                    if let Some(s) = sal
                        && between_ok
                        && (self.cls.names_genre(self.content(i)) || self.kinds[i + 1..s].contains(&Kind::TitleBlock))
                        && self.numbered[s + 1..].contains(&true)
                    {
                        let len = self.cls.salutation(self.content(s)).map_or(0, |x| x.0);
                        let range = self.lines[s].content_start()..self.lines[s].content_start() + len;
                        return Some(self.frame_at(i, Some(i), Some((s, range))));
                    }
                    // An appended record under a title of its own, with its
                    // editorial line (述职评议现场问答记录 / （根据录音整理） /
                    // 问题一：…): a document whose numbering is its own.
                    let mut next = self.next_nonblank(i, 2);
                    let note = next.next().filter(|&j| {
                        let c = self.content(j).trim_matches(is_space);
                        self.kinds[j] == Kind::TitleBlock || (c.starts_with('（') && c.ends_with('）'))
                    });
                    if note.is_some()
                        && next.next().is_some_and(|j| self.numbered[j])
                        && self.cls.names_genre(self.content(i))
                    {
                        return Some(self.frame_at(i, Some(i), None));
                    }
                    // The document a notice issues: its title repeats part of the
                    // notice's. Or a scraper's second copy of the whole page.
                    if first_title.as_ref().is_some_and(|ft| self.repeats_title(i, ft, first)) {
                        return Some(self.frame_at(i, Some(i), None));
                    }
                }
                // A second copy of a flattened page.
                _ if first.salutation.as_ref().is_some_and(|(l, _)| self.run_on(*l)) && self.run_on(i) => {
                    if let Some(flat) = self.flattened(i) {
                        return Some(flat);
                    }
                }
                // The first document's salutation again, after its body began
                // (and its items, unless a title stands above it): a new copy
                // or a new speech (引言 … 同志们！ / 结论 … 同志们！).
                _ if first.salutation.as_ref().is_some_and(|(l, r)| {
                    let again = self.text.get(r.clone()).unwrap_or("");
                    i > *l
                        && !again.is_empty()
                        // The first byte first: it spares most lines a call to memcmp.
                        && self.content_bytes(i).first() == again.as_bytes().first()
                        && self.content_bytes(i).starts_with(again.as_bytes())
                        && self.cls.salutation(self.content(i)).is_some_and(|(len, t)| {
                            let titled = || self.title_above(i).is_some_and(|t| t >= from);
                            (t == Term::Colon || (t == Term::Exclaim && titled())) && len == again.len()
                        })
                }) && (self.has_markers(from, i) || self.title_above(i).is_some_and(|t| t >= from))
                    && self.has_markers_after(i) =>
                {
                    let title = self.title_above(i).filter(|&t| t >= from);
                    let len = self.cls.salutation(self.content(i)).map_or(0, |x| x.0);
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
                if let Some((len, Term::Colon)) = self.cls.salutation(self.content(j)) {
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
            // The line above the title may be its first half.
            if start == t && t > 0 {
                f.lines.start = t - 1;
                self.join_broken_title(&mut f);
                f.lines.start = f.title.unwrap_or(t);
            }
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
        // A page's footer: from the first furniture line after the article's
        // last paragraph (责任编辑, 上一篇/下一篇, 【打印】), what follows is
        // the site's, numbered headlines of other pages (相关链接 1. …)
        // included, as long as it is short lines only.
        let mut footer = None;
        let mut k = last;
        while k > first_body_line {
            match self.kinds[k] {
                Kind::Blank => {}
                Kind::Boilerplate => footer = Some(k),
                _ if is_page_line(self.content(k)) => {}
                _ => break,
            }
            k -= 1;
        }
        if let Some(b) = footer.filter(|_| k > first_body_line) {
            body_end = body_end.min(self.lines[b].start());
            last = b;
        }
        while last > first_body_line && matches!(self.kinds[last], Kind::Blank | Kind::Boilerplate) {
            body_end = self.lines[last].start();
            last -= 1;
        }
        if last >= first_body_line
            && self.lines[last].start() >= f.body.start
            && self.cls.is_closing(self.content(last))
        {
            f.closing = Some(last);
            body_end = self.lines[last].start();
            // Wishes and calls before the thanks close the speech with it
            // (最后，祝大家…！ 谢谢大家！): not a last point of the body.
            let mut before = last;
            for _ in 1..CLOSING_PARAGRAPHS {
                let Some(p) = (first_body_line..before).rev().find(|&i| self.kinds[i] != Kind::Blank) else { break };
                if self.lines[p].start() < f.body.start || !self.cls.is_closing(self.content(p)) {
                    break;
                }
                body_end = self.lines[p].start();
                before = p;
            }
        }
        f.body.end = body_end.max(f.body.start);
        for i in first_body_line..end_line {
            if self.lines[i].start() >= f.body.end {
                break;
            }
            if self.lines[i].content_start() > f.body.start
                // The cheap test on the line's first bytes before making it a
                // str (is_break repeats it, for its other callers).
                && exclaims_early(self.content_bytes(i))
                && self.cls.is_break(self.content(i))
            {
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
        let title = self.title.filter(|_| self.title_span.is_none());
        for &i in title.iter().chain(&self.subtitle).chain(&self.closing) {
            taken.push(lines[i].start()..lines[i].terminator());
        }
        taken.extend(self.title_span.clone());
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
            title: self.title.map(|i| match &self.title_span {
                Some(r) => TextLine { text: crate::text::joined(text.get(r.clone()).unwrap_or("")), line: i + 1 },
                None => text_line(i),
            }),
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
                out.extend(crate::text::tidy(text, at..r.start.max(at)));
                at = at.max(r.end);
            }
            out.extend(crate::text::tidy(text, at..to.max(at)));
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
