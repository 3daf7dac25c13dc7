//! Checks on the finished outline of a document: announced counts
//! ("下面，我讲三点意见：" before four items) and headings too long to be
//! headings. The checks made while placing markers (skipped and repeated
//! ordinals, restarts, spelling, levels) are in `tree`.

use crate::diagnostic::Finding;
use crate::grammar::{Candidate, Grammar, numeral};
use crate::lexicon::Announcements;
use crate::span::Span;

use super::tree::Tree;

/// An announced count: "讲三点意见", "重点抓好四件事", "提3点要求".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Announcement {
    /// The phrase, from the verb to the measure word.
    pub span: Span,
    /// The number announced; `None` for 几 ("讲几点意见").
    pub count: Option<u32>,
}

/// The announcement that ends in the last sentence before `end` (at most a
/// few lines back, never before `start`), if there is one. Its words (the
/// verbs, measure words and nouns of MARKERS.md §6.5) are the lexicon's
/// `announcements`.
pub(crate) fn announcement_before(words: &Announcements, text: &str, start: usize, end: usize) -> Option<Announcement> {
    const REACH: usize = 240; // bytes: the sentence before a list, not the page before it
    let mut from = end.saturating_sub(REACH).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let region = text.get(from..end)?;
    // Only the text after the last sentence end that is followed by more prose:
    // "…三点意见：\n一、" keeps its colon; "…十条。…。第一，" does not reach back.
    let mut best = None;
    for (at, _) in region.char_indices() {
        if let Some(a) = phrase_at(words, region, at) {
            best = Some(Announcement { span: Span::new(from + a.span.start, from + a.span.end), count: a.count });
        }
    }
    let a = best?;
    let after = &text[a.span.end..end];
    let after = after.trim_start_matches(|c: char| words.nouns.opens_with(c) || c.is_whitespace());
    // Between the phrase and the list: at most one sentence end, then nothing
    // but space (or the list follows in the same sentence).
    let stops: Vec<usize> = after.match_indices(['。', '！', '？', '；']).map(|(i, _)| i).collect();
    let clean = match stops.as_slice() {
        [] => true,
        [one] => after[one + '。'.len_utf8()..].trim().is_empty(),
        _ => false,
    };
    clean.then_some(a)
}

/// A count phrase starting at byte `at` of `s`: trigger, number, measure word,
/// and then a clause end (so that "讲两点意见的同志" does not count).
fn phrase_at(words: &Announcements, s: &str, at: usize) -> Option<Announcement> {
    let trigger = words.triggers.opening(&s[at..])?;
    let mut i = at + trigger.len();
    // 重点抓好, 主要包括: two of them in a row.
    if let Some(t) = words.triggers.opening(&s[i..]) {
        i += t.len();
    }
    // "我先讲", "再强调", "讲以下": a filler between the verb and the number.
    for filler in ["以下", "如下"] {
        if s[i..].starts_with(filler) {
            i += filler.len();
        }
    }
    let digits = &s[i..];
    let len = digits
        .find(|c: char| {
            !(numeral::is_cjk_numeral_char(c)
                || c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || c == '两'
                || c == '兩'
                || c == '几'
                || c == '幾')
        })
        .unwrap_or(digits.len());
    if len == 0 {
        return None;
    }
    let word = &digits[..len];
    let count = match word {
        "两" | "兩" => Some(2),
        "几" | "幾" => None,
        w if w.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) => numeral::arabic(w),
        w => Some(numeral::cjk(w)?),
    };
    i += len;
    let measure = words.measures.opening(&s[i..])?;
    i += measure.len();
    let noun = words.nouns.opening(&s[i..]);
    // A bare 个 needs its noun: "三个要求" counts, "三个" alone does not.
    if words.needs_noun.is(measure) && noun.is_none() {
        return None;
    }
    i += noun.map_or(0, str::len);
    let next = s[i..].trim_start_matches(['的', '工', '作']).chars().next();
    let ends_clause =
        next.is_none_or(|c| matches!(c, '：' | ':' | '。' | '，' | ',' | '；' | '！' | '︰' | '\n' | '\r'));
    ends_clause.then_some(Announcement { span: Span::new(at, i), count })
}

/// No node (in the sibling links of [`counts`]).
const NONE: u32 = u32::MAX;

/// Compares announced counts with the lists that follow them.
pub(crate) fn counts(
    grammar: &Grammar,
    text: &str,
    body_start: usize,
    cands: &[Candidate],
    tree: &Tree,
    findings: &mut Vec<Finding>,
) {
    let nodes = &tree.nodes;
    // Each node's previous and next sibling, found in one pass: the last
    // node seen under each parent (slot 0 for the top level, p + 1 for
    // node p). Node numbers fit 32 bits: a text has fewer than 2^32 bytes.
    let none = NONE as usize;
    let mut previous = vec![NONE; nodes.len()];
    let mut next = vec![NONE; nodes.len()];
    let mut last_child = vec![NONE; nodes.len() + 1];
    for (id, node) in nodes.iter().enumerate() {
        let slot = node.parent.map_or(0, |p| p as usize + 1);
        let before = last_child[slot];
        let here = u32::try_from(id).unwrap_or(NONE);
        last_child[slot] = here;
        if before != NONE {
            previous[id] = before;
            next[before as usize] = here;
        }
    }
    drop(last_child);
    let previous = |id: usize| previous[id] as usize;
    let next = |id: usize| next[id] as usize;
    let same_list = |a: usize, b: usize| {
        let (x, y) = (&cands[nodes[a].index()].m, &cands[nodes[b].index()].m);
        x.family == y.family && x.key == y.key
    };
    for (id, node) in nodes.iter().enumerate() {
        let c = &cands[node.index()];
        // The first member of a list: the first of its siblings in its family.
        if previous(id) != none && same_list(previous(id), id) && node.ordinal != 1 {
            continue;
        }
        let mut members = vec![id];
        let mut at = next(id);
        while at != none && same_list(at, id) && nodes[at].ordinal != 1 {
            members.push(at);
            at = next(at);
        }
        let start = if id == 0 { body_start } else { cands[nodes[id - 1].index()].start() };
        let Some(a) = announcement_before(&grammar.profile().lexicon.announcements, text, start, c.start()) else {
            continue;
        };
        let Some(count) = a.count else { continue };
        let found = u32::try_from(members.len()).unwrap_or(u32::MAX);
        if count != found {
            let listed: Vec<&str> =
                members.iter().map(|&m| cands[nodes[m].index()]).map(|d| &text[d.start()..d.end()]).collect();
            findings.push(Finding::count_mismatch(a.span, a.span.of(text), count, &listed));
        }
    }
    let _ = grammar;
}

/// Standalone headings (nothing but the marker and its title on the line)
/// longer than the profile's limit: a sentence written as a heading.
#[allow(clippy::too_many_arguments)] // the document's pieces, passed as they are
pub(crate) fn long_titles(
    grammar: &Grammar,
    text: &str,
    line_ends: &[u32],
    cands: &[Candidate],
    tree: &Tree,
    titles: &[super::items::TitleSpan],
    findings: &mut Vec<Finding>,
) {
    let limit = grammar.profile().title_limit;
    if limit == 0 {
        return;
    }
    for (id, node) in tree.nodes.iter().enumerate() {
        let c = &cands[node.index()];
        let f = grammar.family(c.m.family);
        // List headings (一、 （一） 1.); an article's "title" is its first sentence.
        if !c.at_line_start() || f.tier() != crate::profile::Tier::Heading {
            continue;
        }
        let title: Span = titles[id].into();
        let line_end = line_ends[c.line()] as usize;
        let rest = &text[title.end..line_end];
        // A standalone heading ends its line with no sentence end after it.
        let standalone = rest.chars().all(|ch| crate::grammar::is_space(ch) || ch == '*');
        let chars = text[title.start..title.end].chars().count();
        if standalone && chars > limit {
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            findings.push(Finding::title_too_long(Span::new(c.start(), c.end()), count(chars), count(limit)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> &'static Announcements {
        &crate::lexicon::base().announcements
    }

    fn phrase(s: &str) -> Option<(String, Option<u32>)> {
        s.char_indices()
            .find_map(|(at, _)| phrase_at(words(), s, at))
            .map(|a| (s[a.span.start..a.span.end].to_string(), a.count))
    }

    #[test]
    fn count_phrases() {
        assert_eq!(phrase("下面，我讲三点意见："), Some(("讲三点意见".into(), Some(3))));
        assert_eq!(phrase("重点抓好四件事："), Some(("重点抓好四件事".into(), Some(4))));
        assert_eq!(phrase("我给同志们提3点要求。"), Some(("提3点要求".into(), Some(3))));
        assert_eq!(phrase("主要三個方面:"), Some(("主要三個方面".into(), Some(3))));
        assert_eq!(phrase("讲两点意见，"), Some(("讲两点意见".into(), Some(2))));
        assert_eq!(phrase("讲几点意见。"), Some(("讲几点意见".into(), None)));
        assert_eq!(phrase("重点抓好以下14个方面的工作："), Some(("重点抓好以下14个方面".into(), Some(14))));
        assert_eq!(phrase("讲两点意见的同志"), None);
        assert_eq!(phrase("提高三个百分点"), None);
    }

    #[test]
    fn the_announcement_must_be_the_sentence_before_the_list() {
        let text = "下面，我讲三点意见。\n\n一、";
        assert!(announcement_before(words(), text, 0, text.find('一').unwrap()).is_some());
        let text = "以上十条，是宝贵经验。我们要继续努力。第一，";
        assert!(announcement_before(words(), text, 0, text.find("第一").unwrap()).is_none());
    }
}
