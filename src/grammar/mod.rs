//! The marker grammar: nom parsers that say "this looks like 三、, ordinal 3".
//!
//! Whether to believe a marker is decided later, by [`crate::structure`], from
//! sequence continuity and context. The grammar only knows the shapes of
//! `grammar/markers.ebnf` and the families of the active [`Profile`]:
//!
//! ```text
//! > | （二）加强自身建设
//!     ^^^^^^ cjk-paren, ordinal 2
//! ```
//!
//! The parsers, one per production of the EBNF, are in `marker`; this
//! module compiles a profile into the tables that choose which of them to
//! run: the families that can start with a character (the first-character
//! dispatch), what may follow each family's numeral, and the numbering
//! families share. Parsers are tried only where a marker can start: at a
//! line's content start and, for families allowed inline, after a clause
//! boundary (see `scan`); families tried at one position share their
//! numeral parse.

mod marker;
pub mod numeral;
mod scan;

pub(crate) use marker::is_cjk_letter;
use marker::{Follow, Numerals};

pub use scan::{Boundary, Candidate, Place, scan};

use crate::profile::{Family, Position, Profile, Shape};
use numeral::NumeralKind;

/// A marker as the grammar sees it at one position. Small (16 bytes): a
/// dense text has one for nearly every line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkerMatch {
    /// Index of the family in the profile.
    pub family: u16,
    /// The ordinal; 0 for 最后 ("the last one"). Numbers above 65 535 are
    /// no ordinals of an outline.
    pub ordinal: u16,
    /// Article insertion number: 1 for 第十条之一 and 第 174-1 條, else 0.
    pub insertion: u16,
    /// Length in bytes of the marker (numbering token and its delimiter).
    pub len: u16,
    /// Sub-sequence within the family: the verb of 一要/一靠, the classifier and
    /// noun of 第一个作用. Members of one sequence share it.
    pub key: u32,
    /// Which spelling was used: suffix index, or bracket pair for enclosed markers.
    pub style: u16,
    /// Looks like a range (一、二季度): believe it only as a continuation.
    pub weak: bool,
    /// A classifier stood between numeral and suffix (一条是, 一个是).
    pub classified: bool,
}

pub use crate::text::is_space;

/// The compiled grammar of one profile.
#[derive(Clone, Debug)]
pub struct Grammar {
    profile: Profile,
    /// Family ids, interned: every item of the output names its family.
    ids: Vec<&'static str>,
    /// For each character a marker can start with, the families (in profile
    /// order) that can start with it, sorted by character: the parsers run
    /// only for families that can match.
    starts: Vec<(char, Vec<u16>)>,
    /// One bit per character of the Basic Multilingual Plane: whether it is
    /// in `starts`. Most positions the scanner asks about start with an
    /// ordinary ideograph, which this rejects with one load.
    may_start: Vec<u64>,
    /// For each family, the family whose numbering it shares (itself, or
    /// its group's first: 1. and 2、) and its series' first, if it is in one.
    links: Vec<(u16, Option<u16>)>,
    /// The profile's connectives, indexed: they are looked for at every
    /// clause boundary.
    connectives: crate::lexicon::Words,
    /// For each family, what may follow its numeral (`None`: anything).
    follows: Vec<Option<Follow>>,
}

impl Grammar {
    /// Compiles the grammar of `profile`.
    pub fn new(profile: Profile) -> Grammar {
        let ids = profile.families.iter().map(|f| crate::profile::intern(&f.id)).collect();
        let mut starts: Vec<(char, Vec<u16>)> = Vec::new();
        for c in candidate_first_chars(&profile) {
            let families: Vec<u16> = profile
                .families
                .iter()
                .enumerate()
                .filter(|(_, f)| can_start(f, c))
                .filter_map(|(i, _)| u16::try_from(i).ok())
                .collect();
            if !families.is_empty() {
                starts.push((c, families));
            }
        }
        starts.sort_by_key(|(c, _)| *c);
        starts.dedup_by_key(|(c, _)| *c);
        let mut may_start = vec![0u64; 0x10000 / 64];
        for &(c, _) in &starts {
            let c = c as usize;
            if c < 0x10000 {
                may_start[c / 64] |= 1 << (c % 64);
            }
        }
        let first = |i: usize, same: &dyn Fn(&Family) -> bool| {
            let at = profile.families.iter().position(same).unwrap_or(i);
            u16::try_from(at).unwrap_or(0)
        };
        let links = profile
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let group = match &f.group {
                    Some(g) => first(i, &|h| h.group.as_ref() == Some(g)),
                    None => u16::try_from(i).unwrap_or(0),
                };
                let series = f.series.as_ref().map(|s| first(i, &|h| h.series.as_ref() == Some(s)));
                (group, series)
            })
            .collect();
        let connectives = crate::lexicon::Words::from(profile.connectives.clone());
        let follows = profile.families.iter().map(Follow::of).collect();
        Grammar { profile, ids, starts, may_start, links, connectives, follows }
    }

    /// The family whose numbering family `index` shares: itself, or its
    /// group's first (1. and 2、 number one list).
    pub fn numbering(&self, index: u16) -> u16 {
        self.links.get(usize::from(index)).map_or(index, |l| l.0)
    }

    /// The first family of the series family `index` is in, if any: members
    /// of one series count by position whatever their spelling (首先，…
    /// 第二，…).
    pub fn series(&self, index: u16) -> Option<u16> {
        self.links.get(usize::from(index)).and_then(|l| l.1)
    }

    /// The id of family `index`, e.g. `cjk-dun`.
    pub fn family_id(&self, index: impl Into<usize>) -> &'static str {
        self.ids[index.into()]
    }

    /// The index of the family called `id`.
    pub fn family_index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|&f| f == id)
    }

    /// The profile this grammar obeys.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The family of a match.
    pub fn family(&self, index: impl Into<usize>) -> &Family {
        &self.profile.families[index.into()]
    }

    /// `marker` (of family `index`) with its numeral changed to `ordinal`:
    /// "二、" for ("三、", 2), "（2）" for ("（3）", 2). For messages.
    pub fn renumber(&self, index: impl Into<usize>, marker: &str, ordinal: u32) -> Option<String> {
        let f = &self.profile.families[index.into()];
        if f.shape == Shape::Decimal {
            // 5.3 → 5.2: the last number is the ordinal.
            let digits = |c: char| numeral::arabic_digit(c).is_some();
            let (last, c) = marker.char_indices().rev().find(|&(_, c)| digits(c))?;
            let end = last + c.len_utf8();
            let start =
                marker[..end].char_indices().rev().take_while(|&(_, c)| digits(c)).last().map_or(end, |(k, _)| k);
            return Some(format!("{}{ordinal}{}", &marker[..start], &marker[end..]));
        }
        for &kind in f.numeral.iter().chain(&f.glyphs) {
            let is = |c: char| numeral::is_numeral_char(kind, c);
            let Some(start) = marker.find(is) else { continue };
            let len = marker[start..].find(|c: char| !is(c)).unwrap_or(marker.len() - start);
            let len = if kind.is_written() { len } else { marker[start..].chars().next().map_or(0, char::len_utf8) };
            let digits = numeral::render(kind, ordinal)?;
            return Some(format!("{}{digits}{}", &marker[..start], &marker[start + len..]));
        }
        None
    }

    /// The first marker of any family at the start of `text` (a line's content,
    /// after indentation and Markdown prefixes).
    pub fn at_line_start(&self, text: &str) -> Option<MarkerMatch> {
        self.first_match(text, |_| true)
    }

    /// The first marker of a family allowed inside a paragraph at the start of `text`.
    pub fn inline(&self, text: &str) -> Option<MarkerMatch> {
        self.first_match(text, |f| f.position == Position::Any)
    }

    /// The first marker of a family allowed inside a paragraph after the
    /// boundary `after` (`None`: a paragraph's start) at the start of `text`.
    pub fn inline_after(&self, text: &str, after: Option<crate::profile::Boundary>) -> Option<MarkerMatch> {
        self.first_match(text, |f| {
            f.position == Position::Any && after.is_none_or(|b| f.after.is_empty() || f.after.contains(&b))
        })
    }

    /// The connective `text` starts with (但是, 其中), if any: an inline
    /// member may follow it with no punctuation between.
    pub fn connective<'t>(&self, text: &'t str) -> Option<&'t str> {
        let len = self.connectives.opening(text)?.len();
        Some(&text[len..])
    }

    /// Whether a numeral of family `index` followed by `c` may go on to a
    /// marker (a necessary condition; always `true` for shapes other than
    /// affixed, for families whose suffix and classifier are both optional,
    /// and for families with an empty spelling).
    pub fn numeral_may_precede(&self, index: usize, c: char) -> bool {
        self.follows.get(index).and_then(Option::as_ref).is_none_or(|f| f.admits_char(c))
    }

    /// Whether a marker or a connective may start with `c` (a necessary
    /// condition for [`Grammar::inline_after`], [`Grammar::after_gap`] and
    /// [`Grammar::connective`] to find one at a text starting with it).
    pub fn may_open_inline(&self, c: char) -> bool {
        self.may_start(c) || self.connectives.opens_with(c)
    }

    /// Whether some family may start with `c`: every character outside the
    /// Basic Multilingual Plane is looked up.
    fn may_start(&self, c: char) -> bool {
        let code = c as usize;
        code >= 0x10000 || self.may_start[code / 64] & (1 << (code % 64)) != 0
    }

    /// A marker of a family that may follow a wide gap inside a line (第一条 after
    /// 第一章　总则　　).
    pub fn after_gap(&self, text: &str) -> Option<MarkerMatch> {
        self.first_match(text, |f| f.after_gap)
    }

    /// A marker of family `index` at the start of `text`.
    pub fn family_at(&self, index: usize, text: &str) -> Option<MarkerMatch> {
        self.family_at_with(index, text, &Numerals::default())
    }

    fn family_at_with<'g>(&'g self, index: usize, text: &str, numerals: &Numerals<'g>) -> Option<MarkerMatch> {
        let f = &self.profile.families[index];
        let follow = self.follows.get(index).and_then(Option::as_ref);
        let (rest, m) = marker::marker(f, text, numerals, follow).ok()?;
        let family = u16::try_from(index).ok()?;
        let len = u16::try_from(text.len() - rest.len()).ok()?;
        Some(MarkerMatch { family, len, ..m })
    }

    fn first_match(&self, text: &str, allowed: impl Fn(&Family) -> bool) -> Option<MarkerMatch> {
        let first = text.chars().next()?;
        if !self.may_start(first) {
            return None;
        }
        let at = self.starts.binary_search_by_key(&first, |(c, _)| *c).ok()?;
        let numerals = Numerals::default();
        self.starts[at]
            .1
            .iter()
            .map(|&i| usize::from(i))
            .filter(|&i| allowed(&self.profile.families[i]))
            .find_map(|i| self.family_at_with(i, text, &numerals))
    }
}

/// Every character some family of `profile` might start with: prefix,
/// bracket and word openings, and the characters of the numeral systems.
fn candidate_first_chars(profile: &Profile) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for f in &profile.families {
        for s in f.prefix.iter().chain(&f.open).chain(f.words.iter().map(|w| &w.text)) {
            out.extend(s.chars().next());
        }
    }
    out.extend("〇零一二三四五六七八九十百千ーニㄧ".chars());
    out.extend("壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟".chars());
    out.extend("甲乙丙丁戊己庚辛壬癸".chars());
    out.extend(('0'..='9').chain('０'..='９'));
    out.extend(('a'..='z').chain('A'..='Z').chain('ａ'..='ｚ').chain('Ａ'..='Ｚ'));
    out.extend(('\u{2160}'..='\u{216B}').chain('\u{2170}'..='\u{217B}'));
    out.push('\u{1F51F}');
    for (lo, hi) in [(0x2460, 0x24ff), (0x2776, 0x2793), (0x3220, 0x3229), (0x3251, 0x325f), (0x32b1, 0x32bf)] {
        out.extend((lo..=hi).filter_map(char::from_u32));
    }
    out
}

/// Whether a marker of family `f` can start with `c` (a necessary condition).
fn can_start(f: &Family, c: char) -> bool {
    let opens = |list: &[String]| list.iter().any(|s| s.starts_with(c));
    let glyph = f.glyphs.iter().any(|&k| numeral::glyph(k, c).is_some());
    match f.shape {
        Shape::Words => f.words.iter().any(|w| w.text.starts_with(c)),
        Shape::Enclosed => opens(&f.open) || glyph,
        Shape::Affixed | Shape::Bare if !f.prefix.is_empty() => opens(&f.prefix),
        Shape::Affixed | Shape::Bare => glyph || f.numeral.iter().any(|&k| numeral::is_numeral_char(k, c)),
        Shape::Decimal => numeral::arabic_digit(c).is_some() || numeral::latin(NumeralKind::LatinUpper, c).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Grammar {
        Grammar::new(Profile::speech())
    }

    fn at(text: &str) -> Option<(String, u16, String)> {
        let g = g();
        g.at_line_start(text)
            .map(|m| (g.family(m.family).id.clone(), m.ordinal, text[..usize::from(m.len)].to_string()))
    }

    fn inline(text: &str) -> Option<(String, u16, String)> {
        let g = g();
        g.inline(text).map(|m| (g.family(m.family).id.clone(), m.ordinal, text[..usize::from(m.len)].to_string()))
    }

    #[test]
    fn renumbering_for_messages() {
        let g = g();
        let at = |m: &str| g.at_line_start(m).unwrap().family;
        assert_eq!(g.renumber(at("三、"), "三、", 2).as_deref(), Some("二、"));
        assert_eq!(g.renumber(at("（十一）"), "（十一）", 12).as_deref(), Some("（十二）"));
        assert_eq!(g.renumber(at("3."), "3.", 2).as_deref(), Some("2."));
        assert_eq!(g.renumber(at("③抓好"), "③", 2).as_deref(), Some("②"));
        assert_eq!(g.renumber(at("第三条"), "第三条", 2).as_deref(), Some("第二条"));
    }

    #[test]
    fn decimal_section_numbers() {
        insta::assert_compact_debug_snapshot!(at("5.1 原理"), @r#"Some(("decimal-2", 1, "5.1"))"#);
        insta::assert_compact_debug_snapshot!(at("5.2.1 仪器"), @r#"Some(("decimal-3", 1, "5.2.1"))"#);
        insta::assert_compact_debug_snapshot!(at("1.2 、目的"), @r#"Some(("decimal-2", 2, "1.2 、"))"#);
        insta::assert_compact_debug_snapshot!(at("A.3 评价结果"), @r#"Some(("decimal-2", 3, "A.3"))"#);
        insta::assert_compact_debug_snapshot!(at("1.5倍"), @"None");
        insta::assert_compact_debug_snapshot!(at("3.8%的增长"), @"None");
        insta::assert_compact_debug_snapshot!(at("2020.9.1"), @"None");
        // One list per parent number: 5.1 and 5.2 share a key, 6.1 does not.
        let key = |s: &str| g().at_line_start(s).map(|m| m.key);
        assert_eq!(key("5.1 甲"), key("5.2 乙"));
        assert_ne!(key("5.1 甲"), key("6.1 丙"));
        let g = g();
        let five_three = g.at_line_start("5.3 方法").unwrap();
        assert_eq!(g.renumber(five_three.family, "5.3", 2).as_deref(), Some("5.2"));
    }

    #[test]
    fn roman_and_latin_letters() {
        insta::assert_compact_debug_snapshot!(at("Ⅱ. 建设规模"), @r#"Some(("roman-upper-dot", 2, "Ⅱ."))"#);
        insta::assert_compact_debug_snapshot!(at("IV、附则"), @r#"Some(("roman-upper-dot", 4, "IV、"))"#);
        insta::assert_compact_debug_snapshot!(at("B. 总体设计"), @r#"Some(("latin-upper-dot", 2, "B."))"#);
        insta::assert_compact_debug_snapshot!(at("(ii) 審批"), @r#"Some(("roman-lower-paren", 2, "(ii)"))"#);
        insta::assert_compact_debug_snapshot!(at("c) 增加"), @r#"Some(("latin-lower-half-paren", 3, "c)"))"#);
        insta::assert_compact_debug_snapshot!(at("第II部 建議"), @r#"Some(("part-roman", 2, "第II部"))"#);
        for trap in ["Ⅱ类水质", "Ⅰ级响应", "Ⅲ期工程", "A股上市", "B超室", "C919客机"] {
            assert_eq!(at(trap), None, "{trap}");
        }
    }

    #[test]
    fn dispatch_by_first_character() {
        let g = g();
        let fams = |c: char| {
            g.starts
                .iter()
                .find(|(x, _)| *x == c)
                .map(|(_, v)| v.iter().map(|&i| g.family_id(usize::from(i))).collect::<Vec<_>>())
        };
        assert_eq!(fams('政'), None);
        assert_eq!(
            fams('（').unwrap(),
            ["cjk-paren", "arabic-paren", "roman-lower-paren", "latin-lower-paren", "stem-paren"]
        );
        assert!(fams('一').unwrap().contains(&"cjk-dun"));
        assert!(fams('第').unwrap().contains(&"article"));
    }

    #[test]
    fn cjk_dun() {
        insta::assert_compact_debug_snapshot!(at("二十一、坚持"), @r#"Some(("cjk-dun", 21, "二十一、"))"#);
        insta::assert_compact_debug_snapshot!(at("一．总体要求"), @r#"Some(("cjk-dun", 1, "一．"))"#);
        insta::assert_compact_debug_snapshot!(at("一季度"), @"None");
        insta::assert_compact_debug_snapshot!(at("两、"), @"None");
    }

    #[test]
    fn range_is_weak() {
        let g = g();
        assert!(g.at_line_start("一、二季度").unwrap().weak);
        assert!(g.at_line_start("三、四月份").unwrap().weak);
        assert!(g.at_line_start("一、二、三线城市").unwrap().weak);
        assert!(!g.at_line_start("一、一以贯之").unwrap().weak);
        assert!(!g.at_line_start("一、2023年工作回顾").unwrap().weak);
        assert!(!g.at_line_start("一、一年來的挑戰與成就").unwrap().weak);
        assert!(g.at_line_start("十二、三岁").unwrap().weak);
        assert!(g.at_line_start("三、四十人").unwrap().weak);
    }

    #[test]
    fn brackets() {
        insta::assert_compact_debug_snapshot!(at("（一）大力推进"), @r#"Some(("cjk-paren", 1, "（一）"))"#);
        insta::assert_compact_debug_snapshot!(at("(十一)GDP"), @r#"Some(("cjk-paren", 11, "(十一)"))"#);
        insta::assert_compact_debug_snapshot!(at("（一）、加强"), @r#"Some(("cjk-paren", 1, "（一）、"))"#);
        insta::assert_compact_debug_snapshot!(at("㈢"), @r#"Some(("cjk-paren", 3, "㈢"))"#);
        insta::assert_compact_debug_snapshot!(at("（二〇二四年三月五日）"), @"None");
        insta::assert_compact_debug_snapshot!(at("(1)做好"), @r#"Some(("arabic-paren", 1, "(1)"))"#);
        insta::assert_compact_debug_snapshot!(at("⑴做好"), @r#"Some(("arabic-paren", 1, "⑴"))"#);
        insta::assert_compact_debug_snapshot!(at("(qū)"), @"None");
    }

    #[test]
    fn arabic() {
        insta::assert_compact_debug_snapshot!(at("1.集中学习"), @r#"Some(("arabic-dot", 1, "1."))"#);
        insta::assert_compact_debug_snapshot!(at("１２．加强"), @r#"Some(("arabic-dot", 12, "１２．"))"#);
        insta::assert_compact_debug_snapshot!(at("3﹒推进"), @r#"Some(("arabic-dot", 3, "3﹒"))"#);
        insta::assert_compact_debug_snapshot!(at("1、明确"), @r#"Some(("arabic-dun", 1, "1、"))"#);
        insta::assert_compact_debug_snapshot!(at("1.5倍"), @"None");
        insta::assert_compact_debug_snapshot!(at("2020.9"), @"None");
        insta::assert_compact_debug_snapshot!(at("12345热线"), @"None");
        insta::assert_compact_debug_snapshot!(at("2) 其他"), @r#"Some(("arabic-half-paren", 2, "2)"))"#);
    }

    #[test]
    fn law() {
        insta::assert_compact_debug_snapshot!(at("第一章　总则"), @r#"Some(("chapter", 1, "第一章"))"#);
        insta::assert_compact_debug_snapshot!(at("第 一 章 總綱"), @r#"Some(("chapter", 1, "第 一 章"))"#);
        insta::assert_compact_debug_snapshot!(at("第一百二十条之一　"), @r#"Some(("article", 120, "第一百二十条之一"))"#);
        insta::assert_compact_debug_snapshot!(at("第 174-1 條"), @r#"Some(("article", 174, "第 174-1 條"))"#);
        insta::assert_compact_debug_snapshot!(at("第一条件"), @"None");
        insta::assert_compact_debug_snapshot!(at("第一分编 通则"), @r#"Some(("book", 1, "第一分编"))"#);
    }

    #[test]
    fn speech_sequences() {
        insta::assert_compact_debug_snapshot!(inline("一是加强"), @r#"Some(("cjk-shi", 1, "一是"))"#);
        insta::assert_compact_debug_snapshot!(inline("十是"), @r#"Some(("cjk-shi", 10, "十是"))"#);
        insta::assert_compact_debug_snapshot!(inline("一是一，二是二"), @"None");
        insta::assert_compact_debug_snapshot!(inline("二要当好"), @r#"Some(("cjk-verb", 2, "二要"))"#);
        insta::assert_compact_debug_snapshot!(inline("第一，要"), @r#"Some(("di", 1, "第一，"))"#);
        insta::assert_compact_debug_snapshot!(inline("第一要务"), @"None");
        insta::assert_compact_debug_snapshot!(inline("第一书记"), @"None");
        insta::assert_compact_debug_snapshot!(inline("第一个作用，就是"), @r#"Some(("di-classifier", 1, "第一个作用，"))"#);
        insta::assert_compact_debug_snapshot!(inline("第一条教训是："), @r#"Some(("di-classifier", 1, "第一条"))"#);
        insta::assert_compact_debug_snapshot!(inline("第一个五年计划和"), @"None");
        insta::assert_compact_debug_snapshot!(inline("其二，"), @r#"Some(("qi", 2, "其二，"))"#);
        insta::assert_compact_debug_snapshot!(at("最后，"), @r#"Some(("shouxian", 0, "最后，"))"#);
        insta::assert_compact_debug_snapshot!(at("首先要"), @"None");
    }

    #[test]
    fn keys_separate_sequences() {
        let g = g();
        let a = g.inline("第一个作用，").unwrap();
        let b = g.inline("第二个作用，").unwrap();
        let c = g.inline("第二个问题：").unwrap();
        assert_eq!(a.key, b.key);
        assert_ne!(a.key, c.key);
        assert_ne!(g.inline("一要").unwrap().key, g.inline("二靠").unwrap().key);
    }

    #[test]
    fn bare_numerals() {
        insta::assert_compact_debug_snapshot!(at("一 重工业"), @r#"Some(("cjk-space", 1, "一"))"#);
        insta::assert_compact_debug_snapshot!(at("十二  "), @r#"Some(("cjk-space", 12, "十二"))"#);
        insta::assert_compact_debug_snapshot!(at("1** **干部流动"), @r#"Some(("arabic-space", 1, "1"))"#);
        insta::assert_compact_debug_snapshot!(at("20 年"), @"None");
    }

    #[test]
    fn circled() {
        insta::assert_compact_debug_snapshot!(inline("①抓好"), @r#"Some(("circled", 1, "①"))"#);
        insta::assert_compact_debug_snapshot!(inline("②、抓好"), @r#"Some(("circled", 2, "②、"))"#);
    }
}
