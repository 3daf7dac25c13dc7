//! Links between candidates, computed once per document in linear time, so
//! that "does the next member of this sequence follow, and before what?" is
//! answered by a binary search (no lookahead scans: pathological input stays
//! near linear).
//!
//! Each sequence member is filed under its sequence and ordinal, each
//! line-start heading under its family, in text order; the questions are
//! searches in those lists. About 13 bytes a candidate: a dense document has
//! one for nearly every line.

use crate::fxhash::FxHashMap;

use crate::grammar::{Candidate, Grammar, Place};

/// The rank given to candidates that end no scope.
const OPEN: u8 = u8::MAX;

/// A sequence's identity for linking: the family (or its group's first, so
/// that 1. and 2、 link) and the sub-key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct LinkKey {
    family: u16,
    key: u32,
}

impl LinkKey {
    pub(crate) fn of(grammar: &Grammar, c: &Candidate) -> LinkKey {
        LinkKey { family: grammar.numbering(c.m.family), key: c.m.key }
    }
}

/// A series' identity for linking members of another spelling: the series'
/// first family, and whether only paragraph starts are filed (members change
/// spelling among paragraph starts, or among the clauses of one paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct SeriesKey {
    series: u16,
    starts_only: bool,
}

/// How many candidates after a member are looked through for a stand-in of
/// its next one: the slip sits between two members of one list, and a list
/// member holds few markers.
const STAND_IN_SCAN: usize = 64;

/// Positions (candidate indexes) in increasing order.
type Positions = Vec<u32>;

/// The first position in `list` after `after`.
fn first_after(list: &[u32], after: usize) -> Option<usize> {
    let at = list.partition_point(|&p| p as usize <= after);
    list.get(at).map(|&p| p as usize)
}

pub(crate) struct Links<'a> {
    grammar: &'a Grammar,
    cands: &'a [Candidate],
    /// Where each ordinal of each sequence stands.
    members: FxHashMap<(LinkKey, u16), Positions>,
    /// Where each ordinal of each series stands, by kind of place.
    series: FxHashMap<(SeriesKey, u16), Positions>,
    /// Where a sequence starts again at a line start (ordinal 1), by exact
    /// family and key.
    firsts: FxHashMap<(u16, u32), Positions>,
    /// Range minimum over the rank of line-start headings (others: 255).
    scopes: RangeMin,
    /// For each heading family used at line starts: its rank and where its
    /// line-start members stand.
    headings: Vec<(u8, Positions)>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(grammar: &'a Grammar, cands: &'a [Candidate]) -> Links<'a> {
        let mut members: FxHashMap<(LinkKey, u16), Positions> = FxHashMap::default();
        let mut series: FxHashMap<(SeriesKey, u16), Positions> = FxHashMap::default();
        let mut firsts: FxHashMap<(u16, u32), Positions> = FxHashMap::default();
        let mut headings: FxHashMap<u16, (u8, Positions)> = FxHashMap::default();
        let mut ranks = Vec::with_capacity(cands.len());
        for (i, c) in cands.iter().enumerate() {
            let Ok(at) = u32::try_from(i) else { break };
            let k = LinkKey::of(grammar, c);
            members.entry((k, c.m.ordinal)).or_default().push(at);
            if let Some(s) = grammar.series(c.m.family) {
                series.entry((SeriesKey { series: s, starts_only: false }, c.m.ordinal)).or_default().push(at);
                if c.place == Place::LineStart {
                    series.entry((SeriesKey { series: s, starts_only: true }, c.m.ordinal)).or_default().push(at);
                }
            }
            if c.m.ordinal == 1 && c.place == Place::LineStart {
                firsts.entry((c.m.family, c.m.key)).or_default().push(at);
            }
            let f = grammar.family(c.m.family);
            let rank = if c.place == Place::LineStart && f.is_heading() && !c.m.weak { f.rank.value() } else { OPEN };
            ranks.push(rank);
            if rank != OPEN {
                headings.entry(c.m.family).or_insert_with(|| (rank, Vec::new())).1.push(at);
            }
        }
        let mut headings: Vec<(u16, (u8, Positions))> = headings.into_iter().collect();
        headings.sort_unstable_by_key(|(f, _)| *f);
        Links {
            grammar,
            cands,
            members,
            series,
            firsts,
            scopes: RangeMin::new(&ranks),
            headings: headings.into_iter().map(|(_, h)| h).collect(),
        }
    }

    /// The next line-start candidate of exactly the family and key of `i`
    /// with ordinal 1 (where the sequence starts again), if any.
    pub(crate) fn restart_after(&self, i: usize) -> Option<usize> {
        let c = &self.cands[i];
        self.firsts.get(&(c.m.family, c.m.key)).and_then(|list| first_after(list, i))
    }

    /// Whether a line-start heading of a rank higher than `rank`, of a family
    /// already in use before `i`, stands strictly between `i` and `j`: the
    /// scope of `cands[i]` ends there. A family first used after `i` is taken
    /// to nest below it (1. then （一） under it: an inversion, but the numbering
    /// as written).
    pub(crate) fn scope_ends_between(&self, i: usize, j: usize, rank: u8) -> bool {
        if self.min_rank_between(i, j) >= rank {
            return false;
        }
        self.headings.iter().any(|(r, list)| {
            *r < rank && list.first().is_some_and(|&p| (p as usize) < i) && first_after(list, i).is_some_and(|p| p < j)
        })
    }

    /// The first member after position `after` of the sequence continuing
    /// candidate `i` (ordinal + 1, or "the last"): spelled the same way, or
    /// of its series, as a paragraph start after a paragraph start or on the
    /// same line, and not already the next member of a numbering of its own.
    pub(crate) fn next_after(&self, i: usize, after: usize) -> Option<usize> {
        let c = &self.cands[i];
        let o = c.m.ordinal;
        if o == 0 {
            return None; // 最后 has no next
        }
        let next = |list: Option<&Positions>| list.and_then(|l| first_after(l, after));
        let k = LinkKey::of(self.grammar, c);
        let same =
            earliest(o.checked_add(1).and_then(|n| next(self.members.get(&(k, n)))), next(self.members.get(&(k, 0))));
        let Some(series) = self.grammar.series(c.m.family) else { return same };
        // Another spelling: the next paragraph start of the series after a
        // paragraph start, or the next member on the same line.
        let find = |starts_only: bool, n: u16| {
            let j = next(self.series.get(&(SeriesKey { series, starts_only }, n)))?;
            let place_fits = starts_only || self.cands[j].line() == c.line();
            (place_fits && !self.owned(j)).then_some(j)
        };
        let of = |n: u16| {
            let here = find(false, n);
            if c.place == Place::LineStart { earliest(here, find(true, n)) } else { here }
        };
        let other = earliest(o.checked_add(1).and_then(of), of(0));
        earliest(same, other)
    }

    /// The member written in another family that stands where the next one
    /// of candidate `i`'s numbering is due, between `i` and the member after
    /// it (1. then （2） then 3.: a slip of the pen for 2.), if any: a line
    /// start of a heading family with the missing ordinal.
    pub(crate) fn stand_in(&self, i: usize) -> Option<usize> {
        let c = &self.cands[i];
        let (k, due) = (LinkKey::of(self.grammar, c), c.m.ordinal.checked_add(1)?);
        let after = due.checked_add(1).and_then(|n| self.members.get(&(k, n))).and_then(|l| first_after(l, i))?;
        // Only where the member due is missing in its own spelling.
        if self.members.get(&(k, due)).and_then(|l| first_after(l, i)).is_some_and(|own| own < after) {
            return None;
        }
        let numbering = self.grammar.numbering(c.m.family);
        (i + 1..after.min(i + 1 + STAND_IN_SCAN)).find(|&j| {
            let m = &self.cands[j];
            m.m.ordinal == due
                && m.place == Place::LineStart
                && !m.m.weak
                && self.grammar.numbering(m.m.family) != numbering
                && self.grammar.family(m.m.family).is_heading()
        })
    }

    /// Whether member `j` continues a numbering spelled as it is, whose
    /// previous member stands before it in the same scope (第二个问题 after
    /// 第一个问题): then it belongs to that numbering, not to a series
    /// passing by in another spelling (第一，第二，… 第三个问题).
    pub(crate) fn owned(&self, j: usize) -> bool {
        let c = &self.cands[j];
        let Some(previous) = c.m.ordinal.checked_sub(1).filter(|&p| p >= 1) else { return false };
        let Some(list) = self.members.get(&(LinkKey::of(self.grammar, c), previous)) else { return false };
        let at = list.partition_point(|&p| (p as usize) < j);
        let Some(p) = at.checked_sub(1).map(|k| list[k] as usize) else { return false };
        let rank = self.grammar.family(c.m.family).rank.value();
        !self.scope_ends_between(p, j, rank)
    }

    /// The lowest heading rank strictly between `a` and `b`.
    pub(crate) fn min_rank_between(&self, a: usize, b: usize) -> u8 {
        if b <= a + 1 { OPEN } else { self.scopes.min(a + 1, b) }
    }
}

/// The earlier of two positions.
fn earliest(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Minimum over ranges of a `u8` array, in `O(log n)` per query and `2n` bytes.
struct RangeMin {
    n: usize,
    tree: Vec<u8>,
}

impl RangeMin {
    fn new(values: &[u8]) -> RangeMin {
        let n = values.len();
        let mut tree = vec![OPEN; 2 * n];
        tree[n..].copy_from_slice(values);
        for i in (1..n).rev() {
            tree[i] = tree[2 * i].min(tree[2 * i + 1]);
        }
        RangeMin { n, tree }
    }

    /// Minimum over `lo..hi`.
    fn min(&self, lo: usize, hi: usize) -> u8 {
        let (mut lo, mut hi) = (lo.min(self.n) + self.n, hi.min(self.n) + self.n);
        let mut m = OPEN;
        while lo < hi {
            if lo & 1 == 1 {
                m = m.min(self.tree[lo]);
                lo += 1;
            }
            if hi & 1 == 1 {
                hi -= 1;
                m = m.min(self.tree[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::{RangeMin, first_after};

    #[test]
    fn range_min() {
        let v = [5u8, 3, 9, 1, 7, 255, 4];
        let r = RangeMin::new(&v);
        for lo in 0..v.len() {
            for hi in lo..=v.len() {
                let want = v[lo..hi].iter().copied().min().unwrap_or(255);
                assert_eq!(r.min(lo, hi), want, "{lo}..{hi}");
            }
        }
    }

    #[test]
    fn first_after_is_strict() {
        let list = [2, 5, 9];
        assert_eq!(first_after(&list, 0), Some(2));
        assert_eq!(first_after(&list, 2), Some(5));
        assert_eq!(first_after(&list, 9), None);
    }
}
