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
//! Parsers are tried only where a marker can start: at a line's content start
//! and, for families allowed inline, after a clause boundary (see `scan`).

pub mod numeral;
mod scan;

pub use scan::{Boundary, Candidate, Place, scan};

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while, take_while1},
    character::complete::{anychar, char, one_of, satisfy},
    combinator::{map_opt, opt, peek},
};

use crate::profile::{Check, Family, Position, Profile, Shape};
use numeral::NumeralKind;

/// A failed match only means "no marker here", so the error carries nothing.
type Res<'a, T> = IResult<&'a str, T, ()>;

fn fail<'a, T>() -> Res<'a, T> {
    Err(nom::Err::Error(()))
}

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

fn spaces(input: &str) -> Res<'_, &str> {
    take_while(is_space).parse(input)
}

/// Tries each string of `list` at the start of `input`; the longest match wins,
/// returning its index. (A profile lists spellings; nom's `tag` takes one.)
fn one_of_strs<'a>(list: &[String], input: &'a str) -> Res<'a, usize> {
    let mut best: Option<(usize, usize)> = None;
    let input_bytes = input.as_bytes();
    for (i, s) in list.iter().enumerate() {
        // Compared byte by byte in line: spellings are a character or two,
        // and most differ from the input in their first character's bytes,
        // where a call to `memcmp` would cost more than the comparison.
        let s = s.as_bytes();
        if s.len() <= input_bytes.len()
            && s.iter().zip(input_bytes).all(|(a, b)| a == b)
            && best.is_none_or(|(_, l)| s.len() > l)
        {
            best = Some((i, s.len()));
        }
    }
    match best {
        Some((i, l)) => Ok((&input[l..], i)),
        None => fail(),
    }
}

/// `numeral ::= cjk-numeral | capital-numeral | stem | arabic-numeral | glyph`,
/// trying the family's kinds in order.
fn numeral<'a>(kinds: &[NumeralKind], input: &'a str) -> Res<'a, u32> {
    for &kind in kinds {
        let r = match kind {
            k if k.is_written() => {
                map_opt(take_while1(|c| numeral::is_numeral_char(kind, c)), |s| numeral::value(kind, s)).parse(input)
            }
            NumeralKind::Keycap => match numeral::keycap(input) {
                Some((v, len)) => Ok((&input[len..], v)),
                None => fail(),
            },
            _ => map_opt(anychar, |c| numeral::glyph(kind, c)).parse(input),
        };
        if r.is_ok() {
            return r;
        }
    }
    fail()
}

/// The numeral parsed last, kept while the families that may start at one
/// position are tried in turn (`Grammar::first_match`): families that share
/// a prefix and a numeral system (第 and 一…九十九 for 第X部分, 第X章, 第X条,
/// 第X，) parse the numeral once, then part at their suffix.
#[derive(Default)]
struct Numerals<'g> {
    last: std::cell::Cell<Option<Parsed<'g>>>,
}

/// One numeral parse of [`Numerals`].
#[derive(Clone, Copy)]
struct Parsed<'g> {
    /// Where the input started, address and length: every input of one
    /// position is a suffix of the same text.
    input: (usize, usize),
    /// The kinds tried.
    kinds: &'g [NumeralKind],
    /// The numeral's length and value, or `None` for no numeral.
    found: Option<(usize, u32)>,
}

impl<'g> Numerals<'g> {
    /// [`numeral`], or its result for the same input and kinds.
    fn parse<'a>(&self, kinds: &'g [NumeralKind], input: &'a str) -> Res<'a, u32> {
        let key = (input.as_ptr() as usize, input.len());
        if let Some(last) = self.last.get()
            && last.input == key
            && last.kinds == kinds
        {
            return match last.found {
                Some((n, v)) => Ok((&input[n..], v)),
                None => fail(),
            };
        }
        let r = numeral(kinds, input);
        let found = r.as_ref().ok().map(|(rest, v)| (input.len() - rest.len(), *v));
        self.last.set(Some(Parsed { input: key, kinds, found }));
        r
    }
}

/// What may follow the numeral of an affixed marker, read from its family
/// when the grammar is built: most numerals a scan meets (一步, 第一次, 2023年)
/// are followed by none of it, and one binary search rejects them before
/// the suffix lists are compared.
#[derive(Clone, Debug)]
struct Follow {
    /// First characters of the classifiers, suffixes and weak suffixes that
    /// may come next, and '-' of an insertion (第 174-1 條); sorted.
    chars: Vec<char>,
    /// Whether a space may come next (第 1 條).
    spaces: bool,
}

impl Follow {
    /// `None` when anything may follow: the suffix and classifier are
    /// optional, or a spelling is empty.
    fn of(f: &Family) -> Option<Follow> {
        if f.shape != Shape::Affixed {
            return None;
        }
        let classifier_optional = f.classifier.is_empty() || f.classifier_optional;
        if f.suffix_optional && classifier_optional {
            return None;
        }
        let mut next: Vec<&String> = f.classifier.iter().collect();
        if classifier_optional {
            next.extend(f.suffix.iter().chain(&f.weak_suffix));
        }
        let mut chars = Vec::with_capacity(next.len() + 1);
        for s in next {
            chars.push(s.chars().next()?);
        }
        if f.insertion {
            chars.push('-');
        }
        chars.sort_unstable();
        chars.dedup();
        Some(Follow { chars, spaces: f.spaced })
    }

    /// Whether `rest`, what follows a numeral, may go on to a marker.
    fn admits(&self, rest: &str) -> bool {
        rest.chars().next().is_some_and(|c| (self.spaces && is_space(c)) || self.chars.binary_search(&c).is_ok())
    }
}

/// Measure words that, after "一、二", make a range (一、二季度, 三、四月份).
fn is_measure(c: char) -> bool {
    "季年班月类線线产審审批期级級等届屆轮輪号號楼樓层層档次代岁歲里万萬亿億个個名人家种種项項条條点點天周小时時分秒倍成米元份".contains(c)
}

/// FNV-1a, to turn a sub-sequence key (a classifier and its noun) into a number.
fn key_hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h | 1 // never 0, which means "no sub-key"
}

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
        let (rest, m) = parse_family(f, text, numerals, follow).ok()?;
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

/// Parses one marker of family `f`; the returned match has `family` and `len`
/// still to be filled in by the caller.
fn parse_family<'a, 'g>(
    f: &'g Family,
    input: &'a str,
    numerals: &Numerals<'g>,
    follow: Option<&Follow>,
) -> Res<'a, MarkerMatch> {
    let (rest, m) = match f.shape {
        Shape::Affixed => affixed(f, input, numerals, follow)?,
        Shape::Enclosed => enclosed(f, input, numerals)?,
        Shape::Bare => bare(f, input, numerals)?,
        Shape::Words => words(f, input)?,
        Shape::Decimal => decimal(f, input)?,
    };
    if f.not_followed_by.iter().any(|w| rest.starts_with(w.as_str())) {
        return fail();
    }
    Ok((rest, m))
}

fn blank(ordinal: u16) -> MarkerMatch {
    MarkerMatch { family: 0, ordinal, insertion: 0, len: 0, key: 0, style: 0, weak: false, classified: false }
}

/// An ordinal of at most `max` (and of at most 65 535, a marker's limit).
fn ordinal(n: u32, max: u32) -> Option<u16> {
    if n > max { None } else { u16::try_from(n).ok() }
}

/// `affixed ::= prefix? numeral insertion? classifier? suffix insertion?`
/// The suffix of an affixed marker (、 . 章), or a weak one (，after 一、);
/// records which one in `m.style`.
fn suffix<'a>(f: &Family, i: &'a str, m: &mut MarkerMatch) -> Result<&'a str, nom::Err<()>> {
    match one_of_strs(&f.suffix, i) {
        Ok((j, s)) => {
            m.style = u16::try_from(s).unwrap_or(u16::MAX);
            if f.keyed_by_suffix {
                m.key = u32::from(m.style) + 1;
            }
            Ok(j)
        }
        Err(_) if f.suffix_optional => Ok(i),
        Err(e) => match one_of_strs(&f.weak_suffix, i) {
            Ok((j, s)) => {
                m.style = u16::try_from(f.suffix.len() + s).unwrap_or(u16::MAX);
                m.weak = true;
                Ok(j)
            }
            Err(_) => Err(e),
        },
    }
}

/// A Latin "numeral" with its suffix followed by a letter is an abbreviation
/// (e.g., a.m.), not a marker.
fn is_abbreviation(numeral_text: &str, rest: &str) -> bool {
    numeral_text.chars().all(|c| c.is_ascii_alphabetic())
        && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

fn affixed<'a, 'g>(
    f: &'g Family,
    input: &'a str,
    numerals: &Numerals<'g>,
    follow: Option<&Follow>,
) -> Res<'a, MarkerMatch> {
    // ⒈ is "1." in one glyph.
    if !f.glyphs.is_empty()
        && let Ok((i, n)) = numerals.parse(&f.glyphs, input)
        && let Some(n) = ordinal(n, f.max)
    {
        let mut m = blank(n);
        m.style = u16::MAX;
        return Ok((i, m));
    }
    let spaced = |i: &'a str| if f.spaced { spaces(i) } else { Ok((i, "")) };
    let mut i = input;
    let mut prefix = None;
    if !f.prefix.is_empty() {
        let p;
        (i, p) = one_of_strs(&f.prefix, i)?;
        prefix = Some(p);
        (i, _) = spaced(i)?;
    }
    let (after_numeral, n) = numerals.parse(&f.numeral, i)?;
    if follow.is_some_and(|f| !f.admits(after_numeral)) {
        return fail();
    }
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let numeral_text = &i[..i.len() - after_numeral.len()];
    i = after_numeral;
    let mut m = blank(n);
    if f.keyed_by_prefix
        && let Some(p) = prefix
    {
        m.key = key_hash(&f.prefix[p]);
    }
    if f.insertion {
        // 第 174-1 條: the Taiwan way of inserting an article.
        let (j, ins) = opt((char('-'), take_while1(|c: char| c.is_ascii_digit()))).parse(i)?;
        if let Some((_, d)) = ins {
            m.insertion = d.parse().unwrap_or(0);
            i = j;
        }
    }
    (i, _) = spaced(i)?;
    if !f.classifier.is_empty() {
        match one_of_strs(&f.classifier, i) {
            Ok((j, c)) => {
                i = j;
                m.classified = true;
                let classifier = &f.classifier[c];
                if f.checks.contains(&Check::NounKey) {
                    return classified(f, i, m, classifier);
                }
            }
            Err(_) if f.classifier_optional => {}
            Err(e) => return Err(e),
        }
    }
    i = suffix(f, i, &mut m)?;
    if is_abbreviation(numeral_text, i) {
        return fail();
    }
    if !f.stray.is_empty() {
        (i, _) = stray(f, i);
    }
    if f.insertion {
        // 第十条之一: the PRC way.
        let zhi: Res<'a, (char, &str)> = (char('之'), take_while1(numeral::is_cjk_numeral_char)).parse(i);
        if let Ok((j, (_, d))) = zhi {
            m.insertion = numeral::cjk(d).and_then(|v| u16::try_from(v).ok()).unwrap_or(0);
            i = j;
        }
    }
    for check in &f.checks {
        match check {
            Check::Range => m.weak |= is_range(u32::from(n), i),
            Check::NoDigitAfter => {
                // After a dot a digit makes a decimal (1.5倍); after 、 only
                // the next number and a measure word make a range (1、2月),
                // while 1、35周岁以下 is a member with its text.
                let dun = input[..input.len() - i.len()].ends_with('、');
                let digit = i.chars().next().is_some_and(|c| numeral::arabic_digit(c).is_some());
                if digit && (!dun || is_arabic_range(u32::from(n), i)) && !starts_with_year(i) {
                    return fail();
                }
            }
            Check::Idiom => {
                // 一是一，二是二
                if i.starts_with(numeral_text) {
                    return fail();
                }
            }
            Check::NotClassified => {
                // 第一条教训是：the first of several lessons, not article one.
                if classified_noun(i).is_some_and(|(_, rest)| rest.starts_with('是')) {
                    return fail();
                }
            }
            Check::NotFootnote => {
                if is_footnote(i) {
                    return fail();
                }
            }
            Check::NoUnitAfter | Check::NounKey => {}
        }
    }
    Ok((i, m))
}

/// How far after a ① or ⑴ a citation is looked for, in bytes: a footnote
/// names its source in its first clause (①《…》，人民出版社2020年版，第3页。),
/// and looking no further keeps a line of a million ① linear.
const CITATION_REACH: usize = 240;

/// What follows a ① or ⑴ that makes it a footnote: punctuation or nothing
/// (a call: 讲话①。), or a citation (①《…》，人民出版社2020年版，第3页。).
fn is_footnote(after: &str) -> bool {
    let after = after.trim_start_matches(is_space);
    let Some(next) = after.chars().next() else { return true };
    if "，。；、：）)”’》」,.;:!?！？".contains(next) {
        return true;
    }
    let mut reach = after.len().min(CITATION_REACH);
    while !after.is_char_boundary(reach) {
        reach -= 1;
    }
    let head = &after[..reach];
    let clause = &head[..head.find(['。', '\n', '\r']).unwrap_or(head.len())];
    clause.contains("出版社")
        || clause.contains("年版")
        || clause.contains("年第") && clause.contains("期")
        || cites_document(clause)
}

/// 《…》（国办发〔2021〕29号）: a document cited by its title and its number,
/// whose year in 〔〕 no heading has right after a title in 《》.
fn cites_document(clause: &str) -> bool {
    clause.strip_prefix('《').and_then(|c| c.split_once('》')).is_some_and(|(_, rest)| {
        rest.strip_prefix(['（', '('])
            .is_some_and(|r| r.trim_start_matches(|c: char| c != '〔' && c != '）').starts_with('〔'))
    })
}

/// After the classifier of 第一个作用 / 第一种是 / 第一点，: the marker ends at the
/// classifier (or its punctuation), and the noun joins the key so that only
/// 第二个作用 continues 第一个作用.
fn classified<'a>(f: &Family, i: &'a str, mut m: MarkerMatch, classifier: &str) -> Res<'a, MarkerMatch> {
    if let Ok((j, s)) = one_of_strs(&f.suffix, i) {
        m.style = u16::try_from(s).unwrap_or(u16::MAX);
        m.key = key_hash(classifier);
        return Ok((j, m));
    }
    if i.starts_with('是') || i.starts_with("就是") {
        m.key = key_hash(classifier);
        return Ok((i, m));
    }
    match classified_noun(i) {
        Some((noun, rest)) => {
            m.key = key_hash(&format!("{classifier}{noun}"));
            // 第一个问题：the noun and its colon belong to the marker (the title
            // follows them); 第一条教训是：the marker ends at the classifier.
            match one_of_strs(&f.suffix, rest) {
                Ok((j, s)) => {
                    m.style = u16::try_from(s).unwrap_or(u16::MAX);
                    Ok((j, m))
                }
                Err(_) => Ok((i, m)),
            }
        }
        None => fail(),
    }
}

/// A short noun (one to four characters) followed by 是, a comma or a colon:
/// the 教训 of 第一条教训是：, the 作用 of 第一个作用，.
fn classified_noun(i: &str) -> Option<(&str, &str)> {
    for (n, (at, c)) in i.char_indices().enumerate() {
        if matches!(c, '是' | '，' | ',' | '：' | ':') {
            return (n > 0).then(|| (&i[..at], &i[at..]));
        }
        if n >= 4 || !is_cjk_letter(c) || matches!(c, '的' | '和' | '与' | '就' | '也' | '都' | '要') {
            return None;
        }
    }
    None
}

/// A CJK ideograph that is not a numeral.
pub(crate) fn is_cjk_letter(c: char) -> bool {
    crate::text::is_ideograph(c) && !numeral::is_cjk_numeral_char(c)
}

/// Whether the text after a 、 makes marker `n` a range: 一、二季度, 三、四十人,
/// 一、二、三线, 十二、三岁 — the next numeral is the next number (or its last
/// digit) and a measure word or another 、 follows. "一、一年来" is a heading.
fn is_range(n: u32, after: &str) -> bool {
    let end = after.find(|c: char| !numeral::is_cjk_numeral_char(c)).unwrap_or(after.len());
    let Some(next) = numeral::cjk(&after[..end]) else { return false };
    let adjacent = next == n + 1 || (n >= 10 && next == n % 10 + 1) || (next >= 10 && next / 10 == n + 1);
    adjacent && after[end..].chars().next().is_none_or(|c| c == '、' || is_measure(c))
}

/// Whether `s` opens with a year (2024年): no decimal goes on like that, so
/// 1.2024年4月28日，… is a member that opens with its date.
fn starts_with_year(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    digits == 4 && s[digits..].starts_with('年')
}

/// Whether `after` (what follows "1、") continues a range of Arabic numbers:
/// the next number, then 、, a measure word or nothing (1、2月, 3、4季度).
fn is_arabic_range(n: u32, after: &str) -> bool {
    let end = after.find(|c: char| numeral::arabic_digit(c).is_none()).unwrap_or(after.len());
    let Some(next) = numeral::arabic(&after[..end]) else { return true };
    next == n + 1 && after[end..].chars().next().is_none_or(|c| c == '、' || is_measure(c))
}

/// `enclosed ::= open space* numeral space* close stray?`, or one glyph (⑴ ㈠).
fn enclosed<'a, 'g>(f: &'g Family, input: &'a str, numerals: &Numerals<'g>) -> Res<'a, MarkerMatch> {
    if !f.glyphs.is_empty()
        && let Ok((i, n)) = numerals.parse(&f.glyphs, input)
        && let Some(n) = ordinal(n, f.max)
    {
        let mut m = blank(n);
        m.style = u16::MAX;
        let (i, _) = stray(f, i);
        if f.checks.contains(&Check::NotFootnote) && is_footnote(i) {
            return fail();
        }
        return Ok((i, m));
    }
    if f.open.is_empty() {
        return fail();
    }
    let (i, o) = one_of_strs(&f.open, input)?;
    let (i, _) = spaces(i)?;
    let (i, n) = numerals.parse(&f.numeral, i)?;
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let (i, _) = spaces(i)?;
    let (i, c) = one_of_strs(&f.close, i)?;
    let (i, _) = stray(f, i);
    let mut m = blank(n);
    m.style = u16::try_from((o << 8) | c).unwrap_or(u16::MAX);
    if f.checks.contains(&Check::NotFootnote) && is_footnote(i) {
        return fail();
    }
    Ok((i, m))
}

/// The stray punctuation of （一）、 and 第一条： (GB/T 15834 forbids the first;
/// writers use both).
fn stray<'a>(f: &Family, i: &'a str) -> (&'a str, bool) {
    match one_of_strs(&f.stray, i) {
        // "（一）." is stray punctuation, but "(1).5" is not a marker at all.
        Ok((j, _)) if !j.starts_with(|c: char| c.is_ascii_digit()) => (j, true),
        _ => (i, false),
    }
}

/// `bare ::= numeral (space+ | end)`: "一 重工业…", "## 一", "**1** **干部…".
fn bare<'a, 'g>(f: &'g Family, input: &'a str, numerals: &Numerals<'g>) -> Res<'a, MarkerMatch> {
    let (i, n) = numerals.parse(&f.numeral, input)?;
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let (rest, gap) = take_while(|c| is_space(c) || c == '*').parse(i)?;
    let end = rest.trim_end_matches(|c: char| is_space(c) || c == '\r' || c == '*').is_empty();
    if gap.is_empty() && !end {
        return fail();
    }
    // A number alone on its line is a page number, not "一" as a heading.
    if end && f.numeral.contains(&NumeralKind::Arabic) {
        return fail();
    }
    if f.checks.contains(&Check::NoUnitAfter) {
        let next = rest.chars().next();
        if next.is_some_and(|c| {
            numeral::arabic_digit(c).is_some() || "年月日号號时時分秒万萬亿億元个個%％‰倍.．".contains(c)
        }) {
            return fail();
        }
    }
    Ok((i, blank(n)))
}

/// Added to an appendix letter's value (A = 1) in a decimal number's key, so
/// that A.1 and 1.1 are different lists.
const APPENDIX_KEY: u32 = 1000;

/// `decimal ::= ( arabic-numeral | latin-letter ) ( "." arabic-numeral )+ space* suffix?`:
/// 5.1 原理, 5.2.1 仪器, 1.1、. The family fixes how many numbers there are;
/// the last is the ordinal and the ones before it key the sequence (5.1 and
/// 5.2 are one list, 6.1 opens another). Heading text must follow: not more
/// digits (a deeper number, 3.14159) nor, through the family's
/// `not-followed-by`, a unit (1.5倍, 3.8%, 2.0版).
fn decimal<'a>(f: &Family, input: &'a str) -> Res<'a, MarkerMatch> {
    let number = |i: &'a str| map_opt(take_while1(|c| numeral::arabic_digit(c).is_some()), numeral::arabic).parse(i);
    let dot = |i: &'a str| one_of(".．").parse(i);
    // An appendix numbers its clauses after its letter: A.1, B.2.1.
    let appendix = |i: &'a str| {
        map_opt(anychar, |c| numeral::latin(NumeralKind::LatinUpper, c).map(|v| v + APPENDIX_KEY)).parse(i)
    };
    let (mut i, mut last) = alt((number, appendix)).parse(input)?;
    let mut key: u32 = 0x811c_9dc5;
    for _ in 1..f.components {
        let (j, (_, n)) = (dot, number).parse(i)?;
        key = (key ^ last).wrapping_mul(0x0100_0193);
        (i, last) = (j, n);
    }
    if peek((dot, satisfy(|c| numeral::arabic_digit(c).is_some()))).parse(i).is_ok() {
        return fail();
    }
    // 5.0 is a quantity: sections count from 1.
    let Some(n) = ordinal(last, f.max).filter(|&n| n > 0) else { return fail() };
    let mut m = blank(n);
    m.key = key;
    // The marker is the number and its suffix, if any; the text after a
    // gap must still read as a heading (1.5 倍 is a quantity).
    let (after_gap, gap) = spaces(i)?;
    let (end, text) = match one_of_strs(&f.suffix, after_gap) {
        Ok((j, s)) => {
            m.style = u16::try_from(s).unwrap_or(u16::MAX);
            (j, j)
        }
        Err(_) => (i, after_gap),
    };
    let heading = match text.chars().next() {
        None => false,
        Some(c) if numeral::arabic_digit(c).is_some() => false,
        // 3.5mm, 1.2b: letters run on from the number.
        Some(c) if c.is_ascii_alphanumeric() => !gap.is_empty(),
        Some(_) => true,
    };
    if heading && !f.not_followed_by.iter().any(|w| text.starts_with(w.as_str())) { Ok((end, m)) } else { fail() }
}

/// `words ::= word suffix`: 首先， 其次， 最后，
fn words<'a>(f: &Family, input: &'a str) -> Res<'a, MarkerMatch> {
    let texts: Vec<String> = f.words.iter().map(|w| w.text.clone()).collect();
    let (i, w) = one_of_strs(&texts, input)?;
    // Words carry their own ordinal; they share the family's one sequence key.
    let Some(n) = ordinal(f.words[w].ordinal, f.max) else { return fail() };
    let mut m = blank(n);
    let mut i = i;
    // 最后一点，… 最后一个问题：: the last of a series, with its classifier.
    if !f.classifier.is_empty() {
        match one_of_strs(&f.classifier, i) {
            Ok((j, c)) => {
                m.classified = true;
                if f.checks.contains(&Check::NounKey) {
                    return classified(f, j, m, &f.classifier[c]);
                }
                i = j;
            }
            Err(_) if f.classifier_optional => {}
            Err(e) => return Err(e),
        }
    }
    let i = match one_of_strs(&f.suffix, i) {
        Ok((j, s)) => {
            m.style = u16::try_from(s).unwrap_or(u16::MAX);
            j
        }
        Err(_) if f.suffix_optional => i,
        Err(e) => return Err(e),
    };
    Ok((i, m))
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
        assert!(is_footnote("《国务院办公厅关于加快农村寄递物流体系建设的意见》（国办发〔2021〕29号）。"));
        assert!(!is_footnote("《民法典》学习宣传活动（2026年）"));
        assert!(!is_footnote("《安全生产法》宣传周（6月1日至7日）"));
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
