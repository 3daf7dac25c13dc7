//! Links between candidates, computed once per document in linear time, so
//! that "does the next member of this sequence follow, and before what?" is a
//! constant-time question (no lookahead scans: pathological input stays linear).

use crate::fxhash::FxHashMap;

use crate::grammar::{Candidate, Grammar, Place};

/// No such candidate.
pub(crate) const NONE: u32 = u32::MAX;

/// The rank given to candidates that end no scope.
const OPEN: u8 = u8::MAX;

/// A sequence's identity for linking: the family (or its group, so that 1.
/// and 2、 link) and the sub-key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct LinkKey {
    family: usize,
    key: u32,
}

impl LinkKey {
    pub(crate) fn of(grammar: &Grammar, c: &Candidate) -> LinkKey {
        let f = grammar.family(c.m.family);
        let family = f.group.as_ref().and_then(|g| grammar.group_leader(g)).unwrap_or(c.m.family);
        LinkKey { family, key: c.m.key }
    }
}

pub(crate) struct Links {
    /// Next candidate of the same sequence with ordinal + 1 (or 0, "the last").
    pub next: Vec<u32>,
    /// Next candidate of the same sequence with the same ordinal.
    pub same: Vec<u32>,
    /// Next line-start candidate of exactly the same family and key with ordinal 1.
    pub restart: Vec<u32>,
    /// Range minimum over the rank of line-start headings (others: 255).
    scopes: RangeMin,
    /// For each heading family used at line starts: its rank, where it first
    /// appears, and for each position the next line-start member at or after it.
    headings: Vec<HeadingFamily>,
}

/// Where the line-start markers of one heading family stand.
struct HeadingFamily {
    rank: u8,
    first: usize,
    next: Vec<u32>,
}

impl Links {
    pub(crate) fn new(grammar: &Grammar, cands: &[Candidate]) -> Links {
        let n = cands.len();
        let mut next = vec![NONE; n];
        let mut same = vec![NONE; n];
        let mut restart = vec![NONE; n];
        let mut latest: FxHashMap<(LinkKey, u32), u32> = FxHashMap::default();
        let mut latest_restart: FxHashMap<(usize, u32), u32> = FxHashMap::default();
        for i in (0..n).rev() {
            let c = &cands[i];
            let k = LinkKey::of(grammar, c);
            let o = c.m.ordinal;
            let plus = latest.get(&(k, o + 1)).copied().unwrap_or(NONE);
            let last = if o >= 1 { latest.get(&(k, 0)).copied().unwrap_or(NONE) } else { NONE };
            next[i] = plus.min(last);
            same[i] = latest.get(&(k, o)).copied().unwrap_or(NONE);
            restart[i] = latest_restart.get(&(c.m.family, c.m.key)).copied().unwrap_or(NONE);
            let idx = u32::try_from(i).unwrap_or(NONE);
            latest.insert((k, o), idx);
            if o == 1 && c.place == Place::LineStart {
                latest_restart.insert((c.m.family, c.m.key), idx);
            }
        }
        let ranks: Vec<u8> = cands
            .iter()
            .map(|c| {
                let f = grammar.family(c.m.family);
                if c.place == Place::LineStart && f.is_heading() && !c.m.weak { f.rank.value() } else { OPEN }
            })
            .collect();
        let mut headings: Vec<HeadingFamily> = Vec::new();
        let mut families: Vec<usize> =
            ranks.iter().zip(cands).filter(|(r, _)| **r != OPEN).map(|(_, c)| c.m.family).collect();
        families.sort_unstable();
        families.dedup();
        for f in families {
            let mut next_of = vec![NONE; n + 1];
            let mut first = n;
            for i in (0..n).rev() {
                let here = ranks[i] != OPEN && cands[i].m.family == f;
                next_of[i] = if here { u32::try_from(i).unwrap_or(NONE) } else { next_of[i + 1] };
                if here {
                    first = i;
                }
            }
            headings.push(HeadingFamily { rank: grammar.family(f).rank.value(), first, next: next_of });
        }
        Links { next, same, restart, scopes: RangeMin::new(&ranks), headings }
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
        self.headings.iter().any(|h| h.rank < rank && h.first < i && (h.next[i + 1] as usize) < j)
    }

    /// The first member after position `after` of the sequence continuing
    /// candidate `i` (ordinal + 1, or "the last").
    pub(crate) fn next_after(&self, i: usize, after: usize) -> Option<usize> {
        let mut j = self.next[i];
        while j != NONE && (j as usize) <= after {
            j = self.same[j as usize];
        }
        (j != NONE).then_some(j as usize)
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
    use super::RangeMin;

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
}
