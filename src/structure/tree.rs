//! The outline tree: which candidates are items, and where each one nests.
//!
//! A stack of open sequences, as reStructuredText assigns heading levels:
//!
//! - a marker that continues an open sequence (ordinal = last + 1) closes the
//!   deeper levels and becomes a sibling;
//! - a new family nests below the open item; once two families have been seen
//!   nested, that order holds for the rest of the document (（一） under 一、
//!   stays under 一、 even where a 1. was open), and where no order is known a
//!   heading family never nests under a speech sequence (一是, 第一，);
//! - ordinal 1 after a finished sequence restarts it at the same depth (a note);
//! - inline sequences (①②, 一是…二是… inside a paragraph) belong to the item
//!   that owns the paragraph and never own a line-start item.
//!
//! Sequence continuity is the main evidence: a family that needs two members is
//! only believed when the next member follows, a range (一、二季度) only when it
//! continues an open sequence.

use crate::fxhash::{FxHashMap, FxHashSet};

use crate::diagnostic::Finding;
use crate::grammar::{Candidate, Grammar, Place};
use crate::profile::{Check, Family, Shape, Tier};
use crate::span::Span;

use super::classify::{Classifier, Term};
use super::links::Links;

/// The largest gap in a numbering still read as one sequence (一、 二、 四、).
const MAX_SKIP: u32 = 2;

/// Paragraph distances are only compared with small reaches: counting stops
/// here, so a far-off member costs no more than a near one.
const PARAGRAPHS_COUNTED: u32 = 8;

/// Identity of a sequence: the family and its sub-key (the verb of 一要).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct SeqId {
    family: usize,
    key: u32,
}

/// An accepted item, in an arena in document order. Small (16 bytes): a
/// dense document has one for nearly every line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    /// Index of its marker among the document's candidates.
    at: u32,
    /// Resolved ordinal (最后 becomes last + 1).
    pub ordinal: u32,
    /// Its parent node, or `None` at the top level. A parent always comes
    /// before its children, and is open (on the stack) when they are placed.
    pub parent: Option<u32>,
}

impl Node {
    /// Index of its marker among the document's candidates.
    pub fn index(&self) -> usize {
        self.at as usize
    }
}

/// The items of one document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tree {
    /// All items in document order.
    pub nodes: Vec<Node>,
}

/// The family of the candidate of node `node`.
fn previous_family(b: &Builder<'_>, node: usize) -> usize {
    usize::from(b.cands[b.tree.nodes[node].index()].m.family)
}

/// Whether an enclosed marker's spelling opens and closes with brackets of
/// different widths (（一)).
fn unpaired(style: u16) -> bool {
    style >> 8 != style & 0xff
}

/// Divisions (部分 编 章 节 条) hold list headings (一、 （一） 1.), which
/// hold speech sequences (一是 第一，): the profile says which is which.
/// How many candidates after a range that continues a sequence its twin
/// (the real heading of that number) is looked for among.
const TWIN_REACH: usize = 16;

/// The longest heading line after its marker, in characters: longer is a
/// paragraph.
const HEADING_CHARS: usize = 60;

/// How many members must follow a list numbering that starts past 1 in
/// running paragraphs (an excerpt's 18. 19. 20. after 1. 2. 3.) for it to be
/// believed without a heading line: one next member may come by chance, a
/// run of three in order does not.
const EXCERPT_RUN: usize = 2;

/// Whether `c` opens a paragraph of its own: at a line start, or after a
/// wide gap where extraction ran a heading into the line before
/// (第四章　养护管理　第十三条　…): the lines after it are its own.
fn opens_paragraph(c: &Candidate) -> bool {
    matches!(c.place, Place::LineStart | Place::Gap)
}

fn tier(f: &Family) -> Tier {
    f.tier()
}

/// How far back (bytes, about 200 characters) the start of an inline list's
/// paragraph is looked for when asking whether it opens with an address to
/// the audience: the address and the list share a sentence or two.
const VOCATIVE_REACH: usize = 600;

/// An open sequence on the stack.
#[derive(Clone, Copy, Debug)]
struct Open {
    node: usize,
    seq: SeqId,
    ordinal: u32,
    inline: bool,
    /// Where the sequence's first member starts, and its ordinal: the spacing
    /// of members tells a section-level sequence from a sentence-level one.
    first: (usize, u32),
    /// The family and spelling (suffix, brackets) of the first member: later
    /// members should spell their markers the same way.
    style: (usize, u16),
    /// The family and sub-key of the last member, its place and its line.
    last: ((u16, u32), Place, usize),
}

struct Builder<'a> {
    grammar: &'a Grammar,
    links: Links<'a>,
    text: &'a str,
    cands: &'a [Candidate],
    tree: Tree,
    stack: Vec<Open>,
    /// (a, b): a sequence of `a` has been seen owning one of `b`.
    above: FxHashSet<(SeqId, SeqId)>,
    /// Last ordinal of each sequence in this document, open or closed, for
    /// numberings that run on across parents (articles, 1.…24. across （一）…（九）).
    last: FxHashMap<SeqId, u32>,
    findings: &'a mut Vec<Finding>,
    /// The line of the last restarted-sequence note: one per line is enough
    /// (a run-on line of ⑴…⑶ restarts at every paragraph it lost).
    restart_noted: Option<usize>,
    /// Where the lines of the text that end with a colon end, found once
    /// when a division first jumps (see [`Builder::introduced`]).
    colon_lines: std::cell::OnceCell<Vec<usize>>,
}

/// Builds the tree of one document from its candidates (in document order).
pub(crate) fn build(
    grammar: &Grammar,
    text: &str,
    cands: &[Candidate],
    breaks: &[usize],
    findings: &mut Vec<Finding>,
) -> Tree {
    let mut b = Builder {
        grammar,
        links: Links::new(grammar, cands),
        text,
        cands,
        tree: Tree { nodes: Vec::with_capacity(cands.len()) },
        stack: Vec::new(),
        above: FxHashSet::default(),
        last: FxHashMap::default(),
        findings,
        restart_noted: None,
        colon_lines: std::cell::OnceCell::new(),
    };
    let mut breaks = breaks.iter().peekable();
    for (i, cand) in cands.iter().enumerate() {
        // A salutation repeated inside the body (各位代表！) closes the current
        // sub-level: what follows belongs to the section, not its last item.
        let mut broke = false;
        while breaks.next_if(|&&b| b <= cand.start()).is_some() {
            broke = true;
        }
        if broke {
            b.close_sub_level();
        }
        b.place(i);
    }
    b.tree
}

impl Builder<'_> {
    fn family(&self, c: &Candidate) -> &Family {
        self.grammar.family(usize::from(c.m.family))
    }

    fn seq(c: &Candidate) -> SeqId {
        SeqId { family: usize::from(c.m.family), key: c.m.key }
    }

    /// Whether `c` may continue the open sequence `open`: spelled as its
    /// last member (same family and key, or a family of the same group: 1.
    /// then 2、), or the next member of its series (首先，… 第二，… as
    /// paragraph starts, or within one paragraph) that no numbering of its own
    /// spelling claims.
    fn same_sequence(&self, open: &Open, i: usize) -> bool {
        let c = &self.cands[i];
        let (last, last_place, last_line) = open.last;
        let g = |f: u16| self.grammar.numbering(f);
        if last.1 == c.m.key && g(last.0) == g(c.m.family) {
            return true;
        }
        // Back to the sequence's own spelling after a stand-in (1. （2） 3.).
        let own = u16::try_from(open.seq.family).is_ok_and(|f| g(f) == g(c.m.family));
        if own && open.seq.key == c.m.key && u32::from(c.m.ordinal) == open.ordinal + 1 {
            return true;
        }
        let series = self.grammar.series(c.m.family);
        if series.is_none() || series != self.grammar.series(last.0) {
            return false;
        }
        let n = u32::from(c.m.ordinal);
        let continues = n == open.ordinal + 1 || (n == 0 && open.ordinal >= 1);
        let starts = c.place == Place::LineStart && last_place == Place::LineStart;
        let same_place = starts || last_line == c.line();
        continues && same_place && !self.links.owned(i)
    }

    fn place(&mut self, i: usize) {
        let c = self.cands[i];
        let inline = c.place != Place::LineStart;
        // Continuation, restart, skip or repeat of an open sequence. 最后
        // closes the open series spelled like it (首先/其次/最后) before one
        // it only fits by position (第一，第二，under 其次).
        let same_spelling = |o: &Open| (o.last.0).0 == c.m.family;
        let spelled_alike =
            (c.m.ordinal == 0).then(|| self.stack.iter().rposition(|o| same_spelling(o) && self.same_sequence(o, i)));
        if let Some(at) = spelled_alike.flatten().or_else(|| self.stack.iter().rposition(|o| self.same_sequence(o, i)))
        {
            let open = self.stack[at];
            let n = u32::from(c.m.ordinal);
            let next = open.ordinal + 1;
            let fits = if n == 0 {
                // 最后 closes any open 首先/其次 sequence, unless a 最后 closed
                // it already (最后，祝同学们… after the third point).
                self.cands[self.tree.nodes[open.node].index()].m.ordinal != 0
            } else if u32::from(c.m.insertion) > 0 {
                n == open.ordinal // 第十条之一 after 第十条
            } else {
                n == next
            };
            let strong = !inline || self.has_next(i);
            let previous = self.node_span(open.node);
            if fits && c.m.weak && self.strong_twin(i) {
                // 三、四月份是… then 三、下一步工作要求: the range gives way to
                // the heading.
                return;
            }
            if fits {
                let n = if n == 0 { next } else { n };
                return self.continue_at(at, i, n, None);
            }
            // Divisions (第N条, 第N章) number the whole text: an excerpt that
            // cuts articles, or a revision that deleted some, jumps further
            // than an editing slip, and the article after the cut is still one.
            // Not after a colon, though: 内容如下： or 修改为： introduces
            // quoted text whose articles have numbers of their own (R-QUOTE).
            let division_cut = !inline
                && tier(self.family(&c)) == Tier::Division
                && n > next + MAX_SKIP
                && !self.introduced(span(&c).start);
            if n > next && (n <= next + MAX_SKIP || division_cut) && strong && !c.m.weak {
                let finding = Finding::skipped_ordinal(span(&c), previous, c.m.family, next, n);
                return self.continue_at(at, i, n, Some(finding));
            }
            if n == open.ordinal
                && n > 1
                && !inline
                && !c.m.weak
                && u32::from(c.m.insertion) == 0
                && self.family(&c).is_heading()
            {
                let finding = Finding::repeated_ordinal(span(&c), previous, c.m.family, next);
                return self.continue_at(at, i, n, Some(finding));
            }
            // Ordinal 1 inside a paragraph owned by a line-start member of the
            // same family is a nested list, not a restart.
            let nested = inline && !open.inline;
            if n == 1 && !c.m.weak && !nested && self.believe_first(i) {
                // A new list of speech points (一是 …) or one inside a paragraph
                // is ordinary; a heading numbering that starts over is worth a note.
                let worth = !inline && self.family(&c).is_heading() && self.restart_noted != Some(c.line());
                if worth {
                    self.restart_noted = Some(c.line());
                }
                let note = worth.then(|| Finding::restarted_sequence(span(&c), previous));
                return self.continue_at(at, i, 1, note);
            }
        }
        // A member written in another family where the next of an open
        // sequence is due, the sequence going on after it (1. （2） 3.).
        if let Some(at) = self.stand_in_for(i) {
            let open = self.stack[at];
            let previous = self.node_span(open.node);
            let finding = Finding::mixed_spelling(span(&c), previous, c.m.family, open.ordinal + 1, false);
            return self.continue_at(at, i, open.ordinal + 1, Some(finding));
        }
        // A new sequence here: believe it?
        let n = u32::from(c.m.ordinal);
        let seq = Self::seq(&c);
        // Headings and section labels (问题4： after 问题3： of the section
        // before) may number on across sections.
        let runs_on = self.last.get(&seq).is_some_and(|&l| n == l + 1)
            && (self.family(&c).is_heading() || self.family(&c).sections);
        // Articles after a cut (an excerpt that leaves out articles, a
        // chapter further on): far off the earlier numbering, yet not quoted
        // text, as no colon introduced them.
        let cut = !inline
            && tier(self.family(&c)) == Tier::Division
            && self.last.get(&seq).is_some_and(|&l| n > l + 1)
            && !self.introduced(span(&c).start);
        let ok = if c.m.weak {
            false
        } else if n == 1 {
            self.believe_first(i)
        } else if runs_on || cut {
            true
        } else if self.last.contains_key(&seq)
            && !(self.family(&c).is_heading()
                && tier(self.family(&c)) == Tier::Heading
                && self.run_follows(i, EXCERPT_RUN))
        {
            // Far off an earlier numbering of the same family (第一百二十三条
            // after 第五十二条: quoted text), not a numbering of its own,
            // unless a list's run of paragraph numbers goes on from it.
            false
        } else {
            // A numbering that starts past 1 (the first heading is missing, or
            // an amendment continues earlier ones): a standalone heading line,
            // or a division (第三十二条), that the next member confirms.
            // Or a run of paragraph numbers of an excerpt (3. then 18. 19.
            // 20.): a long run in order is no accident.
            let f = self.family(&c);
            let own_line = !f.is_heading() || self.heading_like(&c) || tier(f) == Tier::Division;
            let excerpt_heading =
                self.stack.is_empty() && tier(f) == Tier::Division && self.heading_like(&c) && self.divided_below(i);
            !inline && ((own_line || self.run_follows(i, EXCERPT_RUN)) && self.has_next(i) || excerpt_heading)
        };
        if !ok {
            if n == 1 && !c.m.weak {
                self.lonely(&c);
            }
            return;
        }
        if n > 1 && !runs_on {
            // Articles and chapters of an amendment or an excerpt go on from an
            // earlier text: worth a note, not a warning.
            let division = tier(self.family(&c)) == Tier::Division;
            self.findings.push(Finding::not_from_one(span(&c), c.m.family, n, division));
        }
        self.open_new(i, n.max(1));
    }

    /// The open sequence (its place on the stack) whose next member `cands[i]`
    /// stands in for.
    fn stand_in_for(&self, i: usize) -> Option<usize> {
        if self.cands[i].place != Place::LineStart {
            return None;
        }
        let at = self.stack.iter().rposition(|o| !o.inline)?;
        let last = self.tree.nodes[self.stack[at].node].index();
        (self.links.stand_in(last) == Some(i)).then_some(at)
    }

    /// Whether the paragraph of node `node` ends, before candidate `i`, by
    /// announcing a list (第三点，…我对大家提三个希望。): the list is its.
    fn announces(&self, node: usize, i: usize) -> bool {
        let at = self.cands[self.tree.nodes[node].index()].start();
        // Read no further than candidate `i`: a run-on line is long.
        let until = self.cands[i].start().max(at);
        let own_end = at + crate::blocks::rest_of_line(&self.text[..until], at).len();
        let words = &self.grammar.profile().lexicon.announcements;
        super::check::announcement_before(words, self.text, at, own_end).is_some()
    }

    /// Whether the paragraph of inline candidate `c` opens, before it, with
    /// an address to the audience ending in ！ or ： (同学们！, 各位代表：).
    fn after_vocative(&self, c: &Candidate) -> bool {
        // Look back no further than a paragraph's opening sentence or two: a
        // run-on line is long, and this is asked of every new inline list.
        let reach = c.start().saturating_sub(VOCATIVE_REACH);
        let Some(nl) = memchr::memrchr(b'\n', &self.text.as_bytes()[reach..c.start()]) else {
            if reach > 0 {
                return false;
            }
            return self.opens_with_vocative(&self.text[..c.start()]);
        };
        self.opens_with_vocative(&self.text[reach + nl + 1..c.start()])
    }

    /// Whether `before` (a paragraph up to a marker) opens with an address
    /// ending in ！ or ： and goes on after it.
    fn opens_with_vocative(&self, before: &str) -> bool {
        let before = before.trim_start_matches(crate::grammar::is_space);
        let classifier = Classifier { lex: &self.grammar.profile().lexicon };
        classifier
            .salutation(before)
            .is_some_and(|(len, term)| len < before.len() && matches!(term, Term::Exclaim | Term::Colon))
    }

    /// Whether the next line-start marker after `cands[i]` is a division of
    /// a lower rank (第十五条 after 第三章): an excerpt's one chapter heading,
    /// opening the document, is confirmed by the articles under it, not by a
    /// next chapter.
    fn divided_below(&self, i: usize) -> bool {
        let rank = self.family(&self.cands[i]).rank.value();
        self.cands[i + 1..].iter().find(|c| c.place == Place::LineStart && !c.m.weak).is_some_and(|c| {
            let f = self.family(c);
            tier(f) == Tier::Division && f.rank.value() > rank
        })
    }

    /// Whether the sequence of node `node` has a next member after
    /// candidate `i`, within its scope.
    fn goes_on_after(&self, node: usize, i: usize) -> bool {
        let at = self.tree.nodes[node].index();
        let rank = self.family(&self.cands[at]).rank.value();
        self.links.next_after(at, i).is_some_and(|j| !self.links.scope_ends_between(at, j, rank))
    }

    /// A first member of a list that needs two (一是, 首先, 第一，) and got none.
    fn lonely(&mut self, c: &Candidate) {
        let f = self.family(c);
        // Verb lists (一要, 一靠), ordinal phrases (第一个) and classified forms
        // (一个是) are words more often than lists: lone ones are not worth a note.
        if !f.needs_sequence || f.keyed_by_suffix || f.checks.contains(&Check::NounKey) || c.m.classified {
            return;
        }
        // Inside a paragraph a lone 首先是 or 一是 is most often an adverb or
        // a word (这首先是…): only a paragraph's opening is worth the note.
        if c.place != Place::LineStart {
            return;
        }
        self.findings.push(Finding::lonely_item(span(c), c.m.family));
    }

    /// Whether a line of the text of the deepest open item, up to `at`,
    /// ends with a colon: what follows was introduced by it. (The deepest,
    /// not the open member of the sequence: a chapter's text holds the
    /// colons of its articles' lists.) The colon lines are found once, so
    /// that many jumps after one long item cost a search each, not a scan.
    fn introduced(&self, at: usize) -> bool {
        let Some(open) = self.stack.last() else { return false };
        let from = self.node_span(open.node).start;
        let ends = self.colon_lines.get_or_init(|| {
            let mut ends = Vec::new();
            let mut start = 0;
            for line in self.text.split_inclusive('\n') {
                if line.trim_end().ends_with(['：', ':']) {
                    ends.push(start + line.trim_end().len());
                }
                start += line.len();
            }
            ends
        });
        let first = ends.partition_point(|&e| e <= from);
        ends.get(first).is_some_and(|&e| e <= at)
    }

    /// Whether to believe an ordinal-1 candidate that opens a new sequence.
    fn believe_first(&self, i: usize) -> bool {
        let c = &self.cands[i];
        let f = self.family(c);
        if f.needs_sequence || c.place != Place::LineStart {
            return self.has_next(i);
        }
        // A lone line-start heading (一、 with no 二、) is believed when it stands
        // on its own line, as in a document cut after its first section.
        self.has_next(i) || self.heading_like(c)
    }

    /// Whether the next member of `cands[i]`'s sequence follows within its
    /// scope: before a line-start heading of a higher rank (the parent's next
    /// sibling or an ancestor's) and before the sequence starts again.
    fn has_next(&self, i: usize) -> bool {
        let c = &self.cands[i];
        let stand_in = (c.place == Place::LineStart).then(|| self.links.stand_in(i)).flatten();
        let Some(j) = [self.links.next_after(i, i), stand_in].into_iter().flatten().min() else { return false };
        let f = self.family(c);
        if let Some(reach) = f.inline_reach
            && c.place != Place::LineStart
            && self.paragraphs_between(c.end(), self.cands[j].start()) > reach
        {
            return false;
        }
        let rank = f.rank.value();
        self.links.restart_after(i).is_none_or(|r| r >= j) && !self.links.scope_ends_between(i, j, rank)
    }

    /// Whether a believable member of the same family and ordinal as the
    /// weak `cands[i]` (a range: 三、四月份) follows within the next few
    /// candidates, before the next member of the sequence.
    fn strong_twin(&self, i: usize) -> bool {
        let c = &self.cands[i];
        self.cands[i + 1..]
            .iter()
            .take(TWIN_REACH)
            .filter(|d| d.m.family == c.m.family && d.m.key == c.m.key)
            .take_while(|d| d.m.ordinal <= c.m.ordinal)
            .any(|d| d.m.ordinal == c.m.ordinal && !d.m.weak)
    }

    /// Whether `members` more members of its sequence follow `cands[i]`, each
    /// the next of the one before.
    fn run_follows(&self, i: usize, members: usize) -> bool {
        let mut k = i;
        for _ in 0..members {
            match self.links.next_after(k, k).filter(|_| self.has_next(k)) {
                Some(j) => k = j,
                None => return false,
            }
        }
        true
    }

    /// How many paragraphs on from byte `from`'s the paragraph of byte `to`
    /// is (0: the same, 1: the next; a paragraph is a non-blank line). Stops
    /// counting past [`PARAGRAPHS_COUNTED`].
    fn paragraphs_between(&self, from: usize, to: usize) -> u32 {
        let between = self.text.get(from..to).unwrap_or("");
        let mut lines = between.split(crate::blocks::is_line_end);
        lines.next();
        if lines.next_back().is_none() {
            return 0;
        }
        let mut count = 1;
        for line in lines {
            if line.chars().any(|ch| !crate::grammar::is_space(ch)) {
                count += 1;
                if count > PARAGRAPHS_COUNTED {
                    break;
                }
            }
        }
        count
    }

    /// Whether a line-start candidate stands on a short line of its own: a heading.
    fn heading_like(&self, c: &Candidate) -> bool {
        if c.place != Place::LineStart {
            return false;
        }
        // Read at most a heading's length and a little: a run-on line is long.
        let from = c.end();
        let mut upto = (from + 4 * (HEADING_CHARS + 8)).min(self.text.len());
        while !self.text.is_char_boundary(upto) {
            upto -= 1;
        }
        let rest = crate::blocks::rest_of_line(&self.text[..upto], from);
        let rest = rest.trim_end_matches(|ch: char| ch.is_whitespace() || ch == '*');
        let chars = rest.chars().count();
        let inner_stop =
            rest.char_indices().any(|(at, ch)| matches!(ch, '。' | '！' | '？') && at + ch.len_utf8() < rest.len());
        chars <= HEADING_CHARS && !inner_stop
    }

    fn continue_at(&mut self, at: usize, i: usize, n: u32, finding: Option<Finding>) {
        let c = self.cands[i];
        let Open { seq, first, style, node: previous, .. } = self.stack[at];
        let restart = n == 1;
        let first = if restart { (c.start(), 1) } else { first };
        let style = if restart { (usize::from(c.m.family), c.m.style) } else { style };
        self.stack.truncate(at);
        let parent = self.stack.last().map(|o| o.node);
        let node = self.push_node(i, n, parent);
        let last = ((c.m.family, c.m.key), c.place, c.line());
        self.stack.push(Open { node, seq, ordinal: n, inline: !opens_paragraph(&c), first, style, last });
        self.last.insert(Self::seq(&c), n);
        self.findings.extend(finding);
        if !restart {
            self.check_spelling(&c, style, previous);
        }
    }

    /// （一) with two bracket widths; 2、 after 1., (二) after （一）: one
    /// sequence, one spelling.
    fn check_spelling(&mut self, c: &Candidate, (family, style): (usize, u16), previous: usize) {
        let enclosed = self.family(c).shape == Shape::Enclosed;
        let glyph = c.m.style == u16::MAX || style == u16::MAX;
        if enclosed && !glyph && unpaired(c.m.style) {
            self.findings.push(Finding::unpaired_brackets(span(c)));
        // A first member with unpaired brackets has had its warning: the
        // members after it are measured against no spelling.
        } else if self.mixed(family, c)
            || (family == usize::from(c.m.family) && !glyph && style != c.m.style && !(enclosed && unpaired(style)))
        {
            let first = self.node_span(previous);
            let first_family = u16::try_from(previous_family(self, previous)).unwrap_or(0);
            self.findings.push(Finding::mixed_spelling(span(c), first, first_family, u32::from(c.m.ordinal), enclosed));
        }
    }

    /// Whether `c` changes family from `family` in a way worth a note: within
    /// a group (1. then 2、), not within a series (首先， then 第二，).
    fn mixed(&self, family: usize, c: &Candidate) -> bool {
        let series = |f: usize| u16::try_from(f).ok().and_then(|f| self.grammar.series(f));
        family != usize::from(c.m.family) && (series(family).is_none() || series(family) != series(c.m.family.into()))
    }

    /// The marker of node `node`.
    fn node_span(&self, node: usize) -> Span {
        span(&self.cands[self.tree.nodes[node].index()])
    }

    fn open_new(&mut self, i: usize, n: u32) {
        let c = self.cands[i];
        let seq = Self::seq(&c);
        // Inline sequences of earlier paragraphs are finished; a line-start item
        // is never owned by an inline one. An inline list nests under whatever
        // is open in its own paragraph (梁华：第一，…（1）…（2）).
        let line_start = c.place == Place::LineStart;
        while let Some(top) = self.stack.last() {
            let same_line = self.cands_line(top.node) == c.line();
            if top.inline && (line_start || !same_line || !self.owns_inline(i)) {
                self.stack.pop();
            } else {
                break;
            }
        }
        // A list in a paragraph that turns to the audience (亲爱的同学们！…
        // 希望同学们：一要…) is no point of the speech sequence before it:
        // GOLD.md lets the meaning decide after such a break.
        if !line_start && self.after_vocative(&c) {
            while self.stack.last().is_some_and(|top| tier(self.grammar.family(top.seq.family)) == Tier::Sequence) {
                self.stack.pop();
            }
        }
        if line_start {
            while let Some(top) = self.stack.last() {
                let t = top.seq;
                if self.above.contains(&(t, seq)) {
                    break;
                }
                if t == seq || self.above.contains(&(seq, t)) {
                    self.stack.pop();
                    continue;
                }
                // With no order seen yet, tiers decide: parts, chapters and
                // articles are never inside a list, and headings never inside
                // a speech sequence (一是, 第一，) — unless its member stands
                // on its line as a heading does (议题一：老旧小区改造 / 一、…).
                let heads = self.grammar.family(t.family).sections
                    && tier(self.family(&c)) == Tier::Heading
                    && self.heading_like(&self.cands[self.tree.nodes[top.node].index()]);
                if tier(self.grammar.family(t.family)) > tier(self.family(&c)) && !heads {
                    self.stack.pop();
                    continue;
                }
                if self.climbs_back(&c, top.node) {
                    self.stack.pop();
                    continue;
                }
                // Two lists of points at paragraph starts (一是…三是, then
                // 一要…) follow each other, unless the first goes on after
                // the second, heads a section (第七点，农业问题。… 首先，…) or
                // announces it (…提三个希望。第一个希望，…).
                let sequences =
                    tier(self.family(&c)) == Tier::Sequence && tier(self.grammar.family(t.family)) == Tier::Sequence;
                let section = self.cands[self.tree.nodes[top.node].index()].m.classified;
                if sequences && !section && !self.goes_on_after(top.node, i) && !self.announces(top.node, i) {
                    self.stack.pop();
                    continue;
                }
                break;
            }
        }
        for o in &self.stack {
            if !self.above.contains(&(seq, o.seq)) {
                self.above.insert((o.seq, seq));
            }
        }
        let parent = self.stack.last().map(|o| o.node);
        if let Some(p) = parent {
            self.check_level(&c, p);
        }
        let node = self.push_node(i, n, parent);
        let style = (usize::from(c.m.family), c.m.style);
        let last = ((c.m.family, c.m.key), c.place, c.line());
        self.stack.push(Open {
            node,
            seq,
            ordinal: n,
            inline: !opens_paragraph(&c),
            first: (c.start(), n),
            style,
            last,
        });
        self.last.insert(seq, n);
        if c.m.style != u16::MAX && self.family(&c).shape == Shape::Enclosed && unpaired(c.m.style) {
            self.findings.push(Finding::unpaired_brackets(span(&c)));
        }
    }

    /// Whether line-start heading `c`, the first of its numbering, closes the
    /// open list `node` of a lower conventional rank instead of nesting in
    /// it: a list under an unnumbered heading (前言 with a) … e)) ends where
    /// the numbered clauses start (1 范围), a decision's 一、 after the
    /// numbered paragraphs of facts and evidence. Only when every open item
    /// is of a lower rank, and either one list or paragraphs, no headings, are
    /// open: under an open heading, a higher rank nested in a lower one is a
    /// writing slip the level check reports.
    fn climbs_back(&self, c: &Candidate, node: usize) -> bool {
        let f = self.family(c);
        let lower = |p: &Family| tier(p) == Tier::Heading && f.rank.value() < p.rank.value();
        // Open paragraphs of numbered text (2.当事人在购进…时，…), not headings.
        let paragraph = |o: &Open| !self.heading_like(&self.cands[self.tree.nodes[o.node].index()]);
        c.m.ordinal == 1
            && tier(f) == Tier::Heading
            && lower(self.grammar.family(previous_family(self, node)))
            && self.stack.iter().all(|o| lower(self.grammar.family(o.seq.family)))
            && (self.stack.len() == 1 || self.stack.iter().all(paragraph))
    }

    /// （一） under 1.: a list heading of a higher conventional rank opened
    /// under one of a lower rank (GB/T 15834 B.3.8 lets a text start at any
    /// level, but not climb back up).
    fn check_level(&mut self, c: &Candidate, parent: usize) {
        let (f, p) = (self.family(c), self.grammar.family(previous_family(self, parent)));
        if tier(f) == Tier::Heading && tier(p) == Tier::Heading && f.rank.value() < p.rank.value() {
            self.findings.push(Finding::level_inversion(span(c), self.node_span(parent)));
        }
    }

    /// Whether the inline item on top of the stack owns the new inline list
    /// `cands[i]`: the list is announced by a colon inside the item (三是…三件事：
    /// ①…), or the item's own sequence goes on after it (梁华：第一，…（1）…（2）…
    /// 第二，) before any enclosing sequence does.
    fn owns_inline(&self, i: usize) -> bool {
        let c = &self.cands[i];
        if matches!(c.place, Place::Inline { after: crate::grammar::Boundary::Colon }) {
            return true;
        }
        let Some((top, ancestors)) = self.stack.split_last() else { return false };
        let next_of = |o: &Open| self.links.next_after(self.tree.nodes[o.node].index(), i).unwrap_or(usize::MAX);
        let top_next = next_of(top);
        if top_next != usize::MAX {
            // Before any enclosing sequence goes on, and before any heading.
            let first_ancestor = ancestors.iter().map(next_of).min().unwrap_or(usize::MAX);
            return top_next < first_ancestor && self.links.min_rank_between(i, top_next) == u8::MAX;
        }
        // The last member of its sequence: it owns the list when its members
        // are spaced like sections (第一个问题 … 第二个问题 thousands of
        // characters apart) and the whole new list fits in one such space.
        let members = top.ordinal.saturating_sub(top.first.1);
        if members == 0 {
            return false;
        }
        let start = self.cands[self.tree.nodes[top.node].index()].start();
        let spacing = (start - top.first.0) / members as usize;
        self.extent(i) < spacing
    }

    /// Bytes from `cands[i]` to the last member of its sequence.
    fn extent(&self, i: usize) -> usize {
        let mut at = i;
        while let Some(j) = self.links.next_after(at, at) {
            at = j;
        }
        self.cands[at].start() - self.cands[i].start()
    }

    fn close_sub_level(&mut self) {
        while self.stack.last().is_some_and(|o| o.inline) {
            self.stack.pop();
        }
        if self.stack.len() >= 2 {
            self.stack.pop();
        }
    }

    fn cands_line(&self, node: usize) -> usize {
        self.cands[self.tree.nodes[node].index()].line()
    }

    fn push_node(&mut self, i: usize, ordinal: u32, parent: Option<usize>) -> usize {
        let id = self.tree.nodes.len();
        // Candidates and nodes of a text of at most 4 GiB number less than 2^32.
        let parent = parent.and_then(|p| u32::try_from(p).ok());
        self.tree.nodes.push(Node { at: u32::try_from(i).unwrap_or(u32::MAX), ordinal, parent });
        id
    }
}

/// The bytes of a candidate's marker.
fn span(c: &Candidate) -> Span {
    Span::new(c.start(), c.end())
}
