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

/// A sequence's identity for linking: the family (or its group, so that 1.
/// and 2、 link) and the sub-key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct LinkKey {
    family: u16,
    key: u32,
}

impl LinkKey {
    pub(crate) fn of(grammar: &Grammar, c: &Candidate) -> LinkKey {
        let f = grammar.family(c.m.family);
        let family = f
            .group
            .as_ref()
            .and_then(|g| grammar.group_leader(g))
            .and_then(|g| u16::try_from(g).ok())
            .unwrap_or(c.m.family);
        LinkKey { family, key: c.m.key }
    }
}

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
        let mut firsts: FxHashMap<(u16, u32), Positions> = FxHashMap::default();
        let mut headings: FxHashMap<u16, (u8, Positions)> = FxHashMap::default();
        let mut ranks = Vec::with_capacity(cands.len());
        for (i, c) in cands.iter().enumerate() {
            let Ok(at) = u32::try_from(i) else { break };
            let k = LinkKey::of(grammar, c);
            members.entry((k, c.m.ordinal)).or_default().push(at);
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
    /// candidate `i` (ordinal + 1, or "the last").
    pub(crate) fn next_after(&self, i: usize, after: usize) -> Option<usize> {
        let c = &self.cands[i];
        let (k, o) = (LinkKey::of(self.grammar, c), c.m.ordinal);
        let plus = o.checked_add(1).and_then(|n| self.members.get(&(k, n))).and_then(|l| first_after(l, after));
        let last = if o >= 1 { self.members.get(&(k, 0)).and_then(|l| first_after(l, after)) } else { None };
        match (plus, last) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The lowest heading rank strictly between `a` and `b`.
    pub(crate) fn min_rank_between(&self, a: usize, b: usize) -> u8 {
        if b <= a + 1 { OPEN } else { self.scopes.min(a + 1, b) }
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
