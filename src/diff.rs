//! What changed in the skeleton between two versions of one document: items
//! added, removed, renumbered, retitled, restyled or moved.
//!
//! Numbers are no identity: a section inserted before 三、 makes every later
//! 三、 a 四、, so matching by number would report every later section as
//! removed and added. Items are matched by what they say, in four passes:
//!
//! 1. **Same words.** Items whose titles, without white space and closing
//!    punctuation, are equal are paired: a title written once on each side
//!    at once; one written several times (（一）工作目标 under each section)
//!    first with its namesake under the partner of its parent, then in
//!    document order.
//! 2. **Similar words.** Of the items left, pairs whose titles share at
//!    least [`SIMILAR_TITLE`] of their character pairs (Dice coefficient of
//!    bigrams, padded so that two-character titles compare) are paired best
//!    first; a pair under parents already paired to each other, or of the
//!    same family, ranks first among equals. Candidates come from an index
//!    of bigrams, so that items sharing no bigram are never compared.
//! 3. **Same place.** Under two paired parents, the items still unpaired
//!    that fill the same gap (after the same paired sibling, or first) are
//!    paired in order when their family has as many there on both sides: a
//!    section rewritten in place. Repeated so that the children of items
//!    paired this way pair too.
//! 4. **What each pair changed.** Renumbered: same family, other ordinal.
//!    Restyled: another family (一、 became （一）). Retitled: other words.
//!    Moved: its parent is not the partner of its old parent, or it left the
//!    order of its siblings; the siblings that keep their order are the
//!    longest increasing run of their old places, so that one moved item
//!    is reported, not all those it jumped over.
//!
//! Unpaired items are added or removed; a subtree added or removed whole is
//! reported at its top, with the number of items under it.
//!
//! What it optimises: the number of items whose words match, then their
//! similarity, then agreement with the tree. Cost for n items on each
//! side: O(n log n) for passes 1, 3 and 4 (hashing, at most
//! [`SAME_PLACE_ROUNDS`] linear rounds, and the increasing run),
//! and for pass 2 O(n · c) where c is the number of candidates sharing a
//! bigram, bounded by skipping bigrams that more than [`COMMON_BIGRAM`]
//! items contain (一是, 加强 carry no identity). Two outlines of 10 000 items
//! compare in about 15 ms (`cargo bench --bench diff`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::outline::{Item, Outline};

/// The version of the diff's serialised form ([`Diff::version`]).
pub const DIFF_VERSION: u32 = 1;

/// Two titles whose character pairs overlap this much (Dice coefficient)
/// are one heading reworded: 加强队伍建设 and 加强干部队伍建设 share 0.71, two
/// different headings of one report (加强队伍建设, 强化组织保障) share none.
pub const SIMILAR_TITLE: f64 = 0.5;

/// A bigram found in more items than this identifies none of them (一是,
/// 加强, 坚持 open hundreds of headings in a long report); candidates are not
/// looked up through it. Titles that share only such bigrams still pair
/// when they are the only ones left under their parents (pass 3).
pub const COMMON_BIGRAM: usize = 64;

/// What changed in one item kept from the old version to the new.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Aspect {
    /// Same family, another ordinal (三、 → 四、).
    Renumbered,
    /// Another family (一、 → （一）, 1. → （1））.
    Restyled,
    /// Other words in its title.
    Retitled,
    /// Under another parent, or out of the order of its siblings.
    Moved,
    /// Other text in its body (compared when both outlines have bodies,
    /// `--full`; [`Change::body`] says how much).
    Body,
}

impl Aspect {
    /// The name used in the output (`renumbered` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::Renumbered => "renumbered",
            Aspect::Restyled => "restyled",
            Aspect::Retitled => "retitled",
            Aspect::Moved => "moved",
            Aspect::Body => "body",
        }
    }
}

/// How an item fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with the [`Change::aspects`] that differ.
    Changed,
    /// In both, the same (listed only with [`DiffOptions::unchanged`]).
    Unchanged,
}

/// What a diff lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// List the items that did not change too (`tigang diff --all`), so
    /// that the changes are read in the whole outline.
    pub unchanged: bool,
    /// Compare the bodies of paired items too (`tigang diff --full`; items
    /// without a body on either side, from an outline written without
    /// [`crate::Parser::full`], are not compared).
    pub bodies: bool,
}

/// How much of a body changed, counted in sentences (up to each 。！？；
/// or line end), which a reviewer reads, unlike characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct BodyChange {
    /// Sentences of the old body that the new one has as well.
    pub kept: usize,
    /// Sentences only in the old body.
    pub removed: usize,
    /// Sentences only in the new body.
    pub added: usize,
}

/// One item as it stands in one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Side {
    /// Marker and title, as [`Item::heading`] shows them.
    pub heading: String,
    /// The marker as shown ([`Item::label`]: a paragraph item's position
    /// in brackets).
    pub label: String,
    /// The title.
    pub title: String,
    /// The marker as written.
    pub marker: String,
    /// The family of the marker (`cjk-dun` …).
    pub family: String,
    /// 1-based line of the marker.
    pub line: usize,
    /// 1 for a top-level item.
    pub depth: usize,
    /// Index of its document in the input.
    pub document: usize,
    /// The headings above it, top first.
    pub parents: Vec<String>,
}

/// One difference between the two outlines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Change {
    /// Added, removed or changed.
    pub kind: Kind,
    /// For a changed item, what changed (in this order: renumbered,
    /// restyled, retitled, moved).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspects: Vec<Aspect>,
    /// The item in the old version (not for an added one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Side>,
    /// The item in the new version (not for a removed one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Side>,
    /// For an added or removed item, the items under it, added or removed
    /// with it (not listed on their own).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub descendants: usize,
    /// For an item whose body changed ([`Aspect::Body`]), how much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyChange>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Counts of changes, by kind and aspect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Summary {
    /// Items in the old version.
    pub old_items: usize,
    /// Items in the new version.
    pub new_items: usize,
    /// Added items, subtrees counted whole.
    pub added: usize,
    /// Removed items, subtrees counted whole.
    pub removed: usize,
    /// Items renumbered.
    pub renumbered: usize,
    /// Items restyled.
    pub restyled: usize,
    /// Items retitled.
    pub retitled: usize,
    /// Items moved.
    pub moved: usize,
    /// Items whose body changed (with bodies compared).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub bodies: usize,
    /// Diagnostics only the new version has.
    pub new_diagnostics: usize,
    /// Diagnostics only the old version had.
    pub resolved_diagnostics: usize,
}

/// The differences between two outlines, in the order of the new version
/// (a removed item where it stood).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Diff {
    /// [`DIFF_VERSION`].
    pub version: u32,
    /// The counts.
    pub summary: Summary,
    /// One entry per changed, added or removed item (subtrees at their top;
    /// with [`DiffOptions::unchanged`], every item).
    pub changes: Vec<Change>,
    /// `--check` diagnostics the new version has and the old had not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_diagnostics: Vec<Diagnostic>,
    /// Diagnostics of the old version that the new no longer has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved_diagnostics: Vec<Diagnostic>,
}

impl Diff {
    /// Whether the skeleton is the same: no item added, removed or changed,
    /// and the same diagnostics.
    pub fn is_unchanged(&self) -> bool {
        self.changes.iter().all(|c| c.kind == Kind::Unchanged)
            && self.new_diagnostics.is_empty()
            && self.resolved_diagnostics.is_empty()
    }
}

/// One item of a flattened outline.
struct Node<'o, 'a> {
    item: &'o Item<'a>,
    document: usize,
    depth: usize,
    parent: Option<usize>,
    /// Place among its siblings.
    place: usize,
    /// Its previous sibling.
    previous: Option<usize>,
    /// The title without white space and closing punctuation.
    key: String,
    /// Pre-order index of the last item of its subtree.
    last: usize,
}

fn flatten<'o, 'a>(outline: &'o Outline<'a>) -> Vec<Node<'o, 'a>> {
    fn walk<'o, 'a>(
        items: &'o [Item<'a>],
        document: usize,
        depth: usize,
        parent: Option<usize>,
        out: &mut Vec<Node<'o, 'a>>,
    ) {
        let mut previous = None;
        for (place, item) in items.iter().enumerate() {
            let at = out.len();
            out.push(Node { item, document, depth, parent, place, previous, key: key(&item.title), last: at });
            previous = Some(at);
            walk(&item.children, document, depth + 1, Some(at), out);
            out[at].last = out.len() - 1;
        }
    }
    let mut out = Vec::new();
    for (n, doc) in outline.documents.iter().enumerate() {
        walk(&doc.items, n, 1, None, &mut out);
    }
    out
}

/// What identifies a title across drafts: its characters without white
/// space and the punctuation that closes it (a draft adds a 。 or drops a ：).
fn key(title: &str) -> String {
    let trimmed = title.trim_end_matches(|c: char| "。：:；;，,、.！!？?".contains(c) || c.is_whitespace());
    trimmed.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Character pairs of a key, padded at both ends so that a title of one or
/// two characters has pairs too.
fn bigrams(key: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = std::iter::once('\u{2}').chain(key.chars()).chain(std::iter::once('\u{3}')).collect();
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// Dice coefficient of two sorted bigram lists (with repeats).
#[allow(clippy::cast_precision_loss)] // titles are far shorter than 2^52 characters
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if a.is_empty() && b.is_empty() { 1.0 } else { 2.0 * shared as f64 / (a.len() + b.len()) as f64 }
}

/// Compares two outlines of one document (see the module docs for how
/// items are matched).
///
/// ```
/// let old = tigang::parse("一、总体要求\n二、主要任务\n三、保障措施\n");
/// let new = tigang::parse("一、总体要求\n二、基本原则\n三、主要任务\n四、保障措施\n");
/// let diff = tigang::diff(&old, &new);
/// let kinds: Vec<String> = diff.changes.iter().map(|c| format!("{:?} {:?}", c.kind, c.aspects)).collect();
/// assert_eq!(kinds, ["Added []", "Changed [Renumbered]", "Changed [Renumbered]"]);
/// assert_eq!(diff.changes[0].new.as_ref().unwrap().heading, "二、基本原则");
/// ```
pub fn diff(old: &Outline<'_>, new: &Outline<'_>) -> Diff {
    diff_with(old, new, DiffOptions::default())
}

/// As [`diff()`], listing what `options` asks for.
pub fn diff_with(old: &Outline<'_>, new: &Outline<'_>, options: DiffOptions) -> Diff {
    let a = flatten(old);
    let b = flatten(new);
    let mut pairs = Pairs { old: vec![None; a.len()], new: vec![None; b.len()] };
    pair_same_words(&a, &b, &mut pairs);
    pair_similar_words(&a, &b, &mut pairs);
    let documents = partner_documents(&a, &b, &pairs, old.documents.len());
    pair_same_place(&a, &b, &documents, &mut pairs);
    let moved = moved(&a, &b, &documents, &pairs);
    let mut changes = Vec::new();
    // Changes in the new version's order; a removed subtree where it stood:
    // after the new subtree of its nearest kept older sibling, else first
    // under its parent's partner.
    let mut removed_after: Vec<Vec<usize>> = vec![Vec::new(); b.len() + 1];
    let mut i = 0;
    while i < a.len() {
        if pairs.old[i].is_some() {
            i += 1;
            continue;
        }
        removed_after[slot_of_removed(&a, &b, &pairs, i)].push(i);
        // Its subtree left with it (a descendant with a partner was moved
        // out, and is reported where it went).
        i = a[i].last + 1;
    }
    let mut summary = Summary { old_items: a.len(), new_items: b.len(), ..Summary::default() };
    let side = |nodes: &[Node<'_, '_>], at: usize| describe(nodes, at);
    for slot in 0..=b.len() {
        for &r in &removed_after[slot] {
            let descendants = (r..=a[r].last).filter(|&k| pairs.old[k].is_none()).count() - 1;
            summary.removed += descendants + 1;
            changes.push(Change {
                kind: Kind::Removed,
                aspects: Vec::new(),
                old: Some(side(&a, r)),
                new: None,
                descendants,
                body: None,
            });
        }
        let Some(node) = b.get(slot) else { break };
        match pairs.new[slot] {
            None => {
                let in_added = node.parent.is_some_and(|p| pairs.new[p].is_none());
                if !in_added {
                    let descendants = (slot..=node.last).filter(|&k| pairs.new[k].is_none()).count() - 1;
                    summary.added += descendants + 1;
                    changes.push(Change {
                        kind: Kind::Added,
                        aspects: Vec::new(),
                        old: None,
                        new: Some(side(&b, slot)),
                        descendants,
                        body: None,
                    });
                }
            }
            Some(o) => {
                let mut aspects = aspects(&a[o], node, moved[slot]);
                let body = if options.bodies { body_change(a[o].item, node.item) } else { None };
                if body.is_some() {
                    aspects.push(Aspect::Body);
                }
                for aspect in &aspects {
                    match aspect {
                        Aspect::Renumbered => summary.renumbered += 1,
                        Aspect::Restyled => summary.restyled += 1,
                        Aspect::Retitled => summary.retitled += 1,
                        Aspect::Moved => summary.moved += 1,
                        Aspect::Body => summary.bodies += 1,
                    }
                }
                let kind = if aspects.is_empty() { Kind::Unchanged } else { Kind::Changed };
                if kind == Kind::Changed || options.unchanged {
                    changes.push(Change {
                        kind,
                        aspects,
                        old: Some(side(&a, o)),
                        new: Some(side(&b, slot)),
                        descendants: 0,
                        body,
                    });
                }
            }
        }
    }
    let (new_diagnostics, resolved_diagnostics) = diagnostic_changes(&old.diagnostics, &new.diagnostics);
    summary.new_diagnostics = new_diagnostics.len();
    summary.resolved_diagnostics = resolved_diagnostics.len();
    Diff { version: DIFF_VERSION, summary, changes, new_diagnostics, resolved_diagnostics }
}

/// Where removed item `r` is reported: the index of the new item it goes
/// before (`b.len()` for the end).
fn slot_of_removed(a: &[Node<'_, '_>], b: &[Node<'_, '_>], pairs: &Pairs, r: usize) -> usize {
    let mut sibling = a[r].previous;
    while let Some(s) = sibling {
        if let Some(j) = pairs.old[s] {
            return b[j].last + 1;
        }
        sibling = a[s].previous;
    }
    a[r].parent.and_then(|p| pairs.old[p]).map_or(0, |j| j + 1)
}

/// Partners, by index, on both sides.
struct Pairs {
    old: Vec<Option<usize>>,
    new: Vec<Option<usize>>,
}

impl Pairs {
    fn join(&mut self, o: usize, n: usize) {
        self.old[o] = Some(n);
        self.new[n] = Some(o);
    }
}

/// Pass 1. A title written once on each side pairs at once; one written
/// several times (（一）工作目标 under each section) pairs first with its
/// namesake under the partner of its parent, parents before children, and
/// only then in document order.
fn pair_same_words(a: &[Node<'_, '_>], b: &[Node<'_, '_>], pairs: &mut Pairs) {
    use std::collections::VecDeque;
    fn count<'n>(nodes: &'n [Node<'_, '_>]) -> HashMap<&'n str, usize> {
        let mut n: HashMap<&str, usize> = HashMap::new();
        for node in nodes.iter().filter(|n| !n.key.is_empty()) {
            *n.entry(node.key.as_str()).or_default() += 1;
        }
        n
    }
    let (in_old, in_new) = (count(a), count(b));
    let once = |key: &str| in_old.get(key) == Some(&1) && in_new.get(key) == Some(&1);
    let mut unique: HashMap<&str, usize> = HashMap::new();
    for (i, node) in a.iter().enumerate().filter(|(_, n)| !n.key.is_empty() && once(&n.key)) {
        unique.insert(node.key.as_str(), i);
    }
    for (j, node) in b.iter().enumerate() {
        if let Some(&i) = unique.get(node.key.as_str()) {
            pairs.join(i, j);
        }
    }
    // Repeated titles under paired parents (a top-level item's parent is
    // the top level of its document).
    let mut scoped: HashMap<(Option<usize>, &str), VecDeque<usize>> = HashMap::new();
    for (i, node) in a.iter().enumerate().filter(|(i, n)| !n.key.is_empty() && pairs.old[*i].is_none()) {
        scoped.entry((node.parent, node.key.as_str())).or_default().push_back(i);
    }
    for (j, node) in b.iter().enumerate() {
        if node.key.is_empty() || pairs.new[j].is_some() {
            continue;
        }
        let scope = match node.parent {
            None => None,
            Some(q) => match pairs.new[q] {
                Some(p) => Some(p),
                None => continue,
            },
        };
        if let Some(i) = scoped.get_mut(&(scope, node.key.as_str())).and_then(VecDeque::pop_front)
            && pairs.old[i].is_none()
        {
            pairs.join(i, j);
        }
    }
    // The rest in document order.
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, node) in a.iter().enumerate().filter(|(i, n)| !n.key.is_empty() && pairs.old[*i].is_none()) {
        by_key.entry(node.key.as_str()).or_default().push_back(i);
    }
    for (j, node) in b.iter().enumerate() {
        if pairs.new[j].is_none()
            && let Some(i) = by_key.get_mut(node.key.as_str()).and_then(VecDeque::pop_front)
        {
            pairs.join(i, j);
        }
    }
}

fn pair_similar_words(a: &[Node<'_, '_>], b: &[Node<'_, '_>], pairs: &mut Pairs) {
    let old_grams: HashMap<usize, Vec<(char, char)>> =
        (0..a.len()).filter(|&i| pairs.old[i].is_none()).map(|i| (i, bigrams(&a[i].key))).collect();
    if old_grams.is_empty() {
        return;
    }
    let mut index: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (&i, grams) in &old_grams {
        let mut seen = grams.clone();
        seen.dedup();
        for g in seen {
            index.entry(g).or_default().push(i);
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for j in (0..b.len()).filter(|&j| pairs.new[j].is_none()) {
        let grams = bigrams(&b[j].key);
        let mut near: Vec<usize> = Vec::new();
        let mut seen = grams.clone();
        seen.dedup();
        for g in &seen {
            if let Some(list) = index.get(g).filter(|l| l.len() <= COMMON_BIGRAM) {
                near.extend(list);
            }
        }
        near.sort_unstable();
        near.dedup();
        for i in near {
            let similarity = dice(&old_grams[&i], &grams);
            if similarity >= SIMILAR_TITLE {
                let parents_paired = match (a[i].parent, b[j].parent) {
                    (Some(p), Some(q)) => pairs.old[p] == Some(q),
                    (None, None) => true,
                    _ => false,
                };
                let same_family = a[i].item.family == b[j].item.family;
                // Context breaks ties; it never outweighs a closer title.
                let rank =
                    similarity + 0.01 * f64::from(u8::from(parents_paired)) + 0.005 * f64::from(u8::from(same_family));
                candidates.push((rank, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, i, j) in candidates {
        if pairs.old[i].is_none() && pairs.new[j].is_none() {
            pairs.join(i, j);
        }
    }
}

/// For each old document, the new document most of its paired top-level
/// items went to: a version that gained a cover page or lost an attachment
/// has its documents numbered otherwise, and its top-level items did not
/// move. (Top-level items vote, one each: a large section moved into
/// another document does not carry its document with it.)
fn partner_documents(a: &[Node<'_, '_>], b: &[Node<'_, '_>], pairs: &Pairs, count: usize) -> Vec<Option<usize>> {
    let mut votes: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, node) in a.iter().enumerate().filter(|(_, n)| n.parent.is_none()) {
        if let Some(j) = pairs.old[i].filter(|&j| b[j].parent.is_none()) {
            *votes.entry((node.document, b[j].document)).or_default() += 1;
        }
    }
    let mut best: Vec<Option<(usize, usize)>> = vec![None; count];
    for (&(d, e), &n) in &votes {
        // Most votes; among equals the lower document, so the result never
        // depends on the order of the hash map.
        if best[d].is_none_or(|(m, f)| n > m || (n == m && e < f)) {
            best[d] = Some((n, e));
        }
    }
    best.into_iter().map(|b| b.map(|(_, e)| e)).collect()
}

fn pair_same_place(a: &[Node<'_, '_>], b: &[Node<'_, '_>], documents: &[Option<usize>], pairs: &mut Pairs) {
    // A parent paired here lets its children pair in the next round.
    for _ in 0..SAME_PLACE_ROUNDS {
        if !pair_same_gaps(a, b, documents, pairs) {
            break;
        }
    }
}

/// Pass 3 goes this many levels down from the parents paired by words.
pub const SAME_PLACE_ROUNDS: usize = 8;

/// One round of pass 3: unpaired siblings that fill the same gap (after the
/// same paired sibling, under paired parents, of one family), as many on
/// each side, are paired in order. Returns whether any pair was made.
fn pair_same_gaps(a: &[Node<'_, '_>], b: &[Node<'_, '_>], documents: &[Option<usize>], pairs: &mut Pairs) -> bool {
    // (parent on the new side, document, family, gap)
    type Slot<'s> = (Option<usize>, usize, &'s str, Option<usize>);
    // The gap of an item: the new-side index of the nearest paired sibling
    // before it (None at the start of its list). Siblings come before in
    // pre-order, so one pass fills it.
    let gaps = |nodes: &[Node<'_, '_>], partner: &dyn Fn(usize) -> Option<usize>| {
        let mut gap: Vec<Option<usize>> = vec![None; nodes.len()];
        for (k, node) in nodes.iter().enumerate() {
            gap[k] = node.previous.and_then(|p| partner(p).or(gap[p]));
        }
        gap
    };
    let old_gap = gaps(a, &|i| pairs.old[i]);
    let new_gap = gaps(b, &|j| pairs.new[j].map(|_| j));
    let mut old_left: HashMap<Slot<'_>, Vec<usize>> = HashMap::new();
    for (i, node) in a.iter().enumerate().filter(|&(i, _)| pairs.old[i].is_none()) {
        let parent = match node.parent {
            Some(p) => match pairs.old[p] {
                Some(q) => Some(q),
                None => continue,
            },
            None => None,
        };
        let Some(document) = documents.get(node.document).copied().flatten() else { continue };
        old_left.entry((parent, document, node.item.family.as_ref(), old_gap[i])).or_default().push(i);
    }
    let mut new_left: HashMap<Slot<'_>, Vec<usize>> = HashMap::new();
    for (j, node) in b.iter().enumerate().filter(|&(j, _)| pairs.new[j].is_none()) {
        if node.parent.is_some_and(|p| pairs.new[p].is_none()) {
            continue;
        }
        new_left.entry((node.parent, node.document, node.item.family.as_ref(), new_gap[j])).or_default().push(j);
    }
    let mut paired = false;
    for (slot, olds) in old_left {
        if let Some(news) = new_left.get(&slot).filter(|n| n.len() == olds.len()) {
            for (&i, &j) in olds.iter().zip(news) {
                pairs.join(i, j);
                paired = true;
            }
        }
    }
    paired
}

/// For each new item with a partner, whether it moved: its parent is not
/// its old parent's partner, or it is out of the longest run of siblings
/// that kept their old order.
fn moved(a: &[Node<'_, '_>], b: &[Node<'_, '_>], documents: &[Option<usize>], pairs: &Pairs) -> Vec<bool> {
    let mut moved = vec![false; b.len()];
    let mut groups: HashMap<(Option<usize>, usize), Vec<usize>> = HashMap::new();
    for (j, node) in b.iter().enumerate() {
        let Some(i) = pairs.new[j] else { continue };
        let same_parent = match (a[i].parent, node.parent) {
            (Some(p), Some(q)) => pairs.old[p] == Some(q),
            (None, None) => documents.get(a[i].document).copied().flatten() == Some(node.document),
            _ => false,
        };
        if same_parent {
            groups.entry((node.parent, node.document)).or_default().push(j);
        } else {
            moved[j] = true;
        }
    }
    for (_, members) in groups {
        // Members are in new order; keep the longest run increasing in old place.
        let places: Vec<usize> = members.iter().map(|&j| a[pairs.new[j].unwrap_or_default()].place).collect();
        let keep = longest_increasing(&places);
        for (k, &j) in members.iter().enumerate() {
            if !keep[k] {
                moved[j] = true;
            }
        }
    }
    moved
}

/// Marks the members of one longest strictly increasing subsequence; of
/// several, the one that keeps the earlier items, so that of two swapped
/// siblings the one now second is the one reported moved (as a writer
/// reads it: the item that was taken down past the other).
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    // Increasing from the front is decreasing from the back; patience
    // sorting from the back ends its run on the earliest candidates.
    let reversed: Vec<usize> = values.iter().rev().map(|&v| usize::MAX - v).collect();
    let mut keep = patience(&reversed);
    keep.reverse();
    keep
}

/// One longest strictly increasing subsequence (patience sorting,
/// O(n log n)), ending on the smallest possible values.
fn patience(values: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into values of the smallest tail of each length
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (k, &v) in values.iter().enumerate() {
        let len = tails.partition_point(|&t| values[t] < v);
        previous[k] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(k);
        } else {
            tails[len] = k;
        }
    }
    let mut keep = vec![false; values.len()];
    let mut at = tails.last().copied();
    while let Some(k) = at {
        keep[k] = true;
        at = previous[k];
    }
    keep
}

fn aspects(old: &Node<'_, '_>, new: &Node<'_, '_>, moved: bool) -> Vec<Aspect> {
    let mut aspects = Vec::new();
    if old.item.family == new.item.family {
        if old.item.ordinal != new.item.ordinal || old.item.marker != new.item.marker {
            aspects.push(Aspect::Renumbered);
        }
    } else {
        aspects.push(Aspect::Restyled);
    }
    if old.key != new.key {
        aspects.push(Aspect::Retitled);
    }
    if moved {
        aspects.push(Aspect::Moved);
    }
    aspects
}

/// How much the body of an item changed, or `None` when it did not.
fn body_change(old: &Item<'_>, new: &Item<'_>) -> Option<BodyChange> {
    // An outline written without --full has no bodies: nothing to compare.
    let (Some(a), Some(b)) = (old.body.as_deref(), new.body.as_deref()) else { return None };
    let sentences = |text: &str| -> Vec<String> {
        text.split_inclusive(|c| "。！？；!?;\n".contains(c))
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let (old_sentences, new_sentences) = (sentences(a), sentences(b));
    if old_sentences == new_sentences {
        return None;
    }
    let mut change = BodyChange::default();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_sentences, &new_sentences) {
        match op {
            similar::DiffOp::Equal { len, .. } => change.kept += len,
            similar::DiffOp::Delete { old_len, .. } => change.removed += old_len,
            similar::DiffOp::Insert { new_len, .. } => change.added += new_len,
            similar::DiffOp::Replace { old_len, new_len, .. } => {
                change.removed += old_len;
                change.added += new_len;
            }
        }
    }
    Some(change)
}

fn describe(nodes: &[Node<'_, '_>], at: usize) -> Side {
    let node = &nodes[at];
    let mut parents = Vec::new();
    let mut up = node.parent;
    while let Some(p) = up {
        parents.push(nodes[p].item.heading());
        up = nodes[p].parent;
    }
    parents.reverse();
    Side {
        heading: node.item.heading(),
        label: node.item.label().into_owned(),
        title: node.item.title.to_string(),
        marker: node.item.marker.to_string(),
        family: node.item.family.to_string(),
        line: node.item.line,
        depth: node.depth,
        document: node.document,
        parents,
    }
}

/// Diagnostics compared by code and message (lines shift between drafts).
fn diagnostic_changes(old: &[Diagnostic], new: &[Diagnostic]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    (only_in(new, old), only_in(old, new))
}

/// The diagnostics of `these` that `others` has not, as a multiset by code
/// and message.
fn only_in(these: &[Diagnostic], others: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut left: HashMap<_, usize> = HashMap::new();
    for d in others {
        *left.entry((d.code, d.message.as_str())).or_default() += 1;
    }
    these
        .iter()
        .filter(|d| match left.get_mut(&(d.code, d.message.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// The words of a retitled heading, old and new, as runs marked unchanged,
/// removed or added (character level).
pub fn title_changes(old: &str, new: &str) -> Vec<(Kind, String)> {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut runs: Vec<(Kind, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => Kind::Unchanged,
            similar::ChangeTag::Delete => Kind::Removed,
            similar::ChangeTag::Insert => Kind::Added,
        };
        match runs.last_mut() {
            Some((k, text)) if *k == kind => text.push_str(change.value()),
            _ => runs.push((kind, change.value().to_string())),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(old: &str, new: &str) -> Vec<String> {
        let (old, new) = (crate::parse(old), crate::parse(new));
        diff(&old, &new)
            .changes
            .iter()
            .map(|c| {
                let side = c.new.as_ref().or(c.old.as_ref()).unwrap();
                let aspects: Vec<&str> = c.aspects.iter().map(|a| a.as_str()).collect();
                format!("{:?}{:?} {}", c.kind, aspects, side.heading)
            })
            .collect()
    }

    #[test]
    fn identity_is_no_change() {
        let text = "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n";
        assert!(diff(&crate::parse(text), &crate::parse(text)).is_unchanged());
    }

    #[test]
    fn an_inserted_section_renumbers_the_later_ones() {
        let old = "一、总体要求\n二、主要任务\n（一）抓好落实\n三、保障措施\n";
        let new = "一、总体要求\n二、基本原则\n三、主要任务\n（一）抓好落实\n四、保障措施\n";
        assert_eq!(
            kinds(old, new),
            ["Added[] 二、基本原则", "Changed[\"renumbered\"] 三、主要任务", "Changed[\"renumbered\"] 四、保障措施"]
        );
    }

    #[test]
    fn retitled_moved_and_removed() {
        let old = "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（一）加强队伍建设\n三、保障措施\n";
        let new = "一、总体要求\n（一）指导思想\n二、主要任务\n（一）加强干部队伍建设\n（二）基本原则\n";
        assert_eq!(
            kinds(old, new),
            [
                "Changed[\"retitled\"] （一）加强干部队伍建设",
                "Changed[\"moved\"] （二）基本原则",
                "Removed[] 三、保障措施",
            ]
        );
    }

    #[test]
    fn one_item_moved_among_its_siblings() {
        let old = "一、甲项工作\n二、乙项工作\n三、丙项工作\n四、丁项工作\n";
        let new = "一、丁项工作\n二、甲项工作\n三、乙项工作\n四、丙项工作\n";
        let k = kinds(old, new);
        assert_eq!(k[0], "Changed[\"renumbered\", \"moved\"] 一、丁项工作");
        assert_eq!(k.len(), 4, "{k:?}");
    }

    #[test]
    fn bodies_are_compared_by_sentence_when_asked() {
        let parser = crate::Parser::new().full(true);
        let old = parser.parse("一、总体要求\n坚持稳中求进。加强统筹。\n二、主要任务\n抓好落实。\n");
        let new = parser.parse("一、总体要求\n坚持稳中求进。注重实效。加强统筹。\n二、主要任务\n抓好落实。\n");
        assert!(diff(&old, &new).is_unchanged(), "bodies are not compared unless asked");
        let d = diff_with(&old, &new, DiffOptions { unchanged: false, bodies: true });
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].aspects, [Aspect::Body]);
        assert_eq!(d.changes[0].body, Some(BodyChange { kept: 2, removed: 0, added: 1 }));
        assert_eq!(d.summary.bodies, 1);
    }

    #[test]
    fn repeated_sub_headings_pair_under_their_own_sections() {
        let section = |n: &str, t: &str| format!("{n}、{t}\n（一）工作目标\n（二）主要措施\n");
        let old = [section("一", "农业发展"), section("二", "工业发展"), section("三", "服务业发展")].concat();
        let new = [section("一", "工业发展"), section("二", "服务业发展")].concat();
        assert_eq!(
            kinds(&old, &new),
            [
                "Removed[] 一、农业发展",
                "Changed[\"renumbered\"] 一、工业发展",
                "Changed[\"renumbered\"] 二、服务业发展"
            ]
        );
    }

    #[test]
    fn longest_increasing_run() {
        assert_eq!(longest_increasing(&[3, 0, 1, 2]), [false, true, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
        // A swap: the item now second is the one that moved.
        assert_eq!(longest_increasing(&[0, 2, 1, 3]), [true, true, false, true]);
    }

    #[test]
    fn title_runs() {
        let runs = title_changes("加强队伍建设", "加强干部队伍建设");
        assert_eq!(
            runs,
            [(Kind::Unchanged, "加强".into()), (Kind::Added, "干部".into()), (Kind::Unchanged, "队伍建设".into())]
        );
    }
}
