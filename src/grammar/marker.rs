//! The productions of `grammar/markers.ebnf` as nom parsers: one function
//! per production (`affixed`, `prefix`, `numeral`, `suffix`, …), each
//! composed from the parsers of the productions it names, with nom's
//! combinators, in the order the EBNF writes them. A family of the profile
//! fills in the spellings (its prefixes, suffixes, brackets, numeral
//! systems); the semantic checks the profile switches on (a range, an
//! idiom, a footnote) filter a parse after it has succeeded.
//!
//! `tests/grammar.rs` holds this module to the EBNF: every production is a
//! function here, and each function of a production that names others
//! calls their parsers.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while, take_while1},
    character::complete::{anychar, char, one_of, satisfy},
    combinator::{cond, consumed, map, map_opt, opt, peek, recognize},
    multi::{many0_count, many1_count},
    sequence::{preceded, terminated},
};

use super::MarkerMatch;
use super::numeral::{self, NumeralKind};
use crate::profile::{Check, Family, Shape};
use crate::text::is_space;

/// A failed match only means "no marker here", so the error carries nothing.
pub(super) type Res<'a, T> = IResult<&'a str, T, ()>;

fn fail<'a, T>() -> Res<'a, T> {
    Err(nom::Err::Error(()))
}

/// `marker ::= affixed | enclosed | bare | words | decimal`: the family's
/// shape says which; the returned match has `family` and `len` still to be
/// filled in by the caller.
pub(super) fn marker<'a, 'g>(
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

/// A spelling's index as a match's style.
fn style(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// Tries each string of `list` at the start of `input`; the longest match wins,
/// returning its index. (A profile lists spellings; nom's `tag` takes one.)
fn spelling<'a, S: AsRef<str>>(list: &[S], input: &'a str) -> Res<'a, usize> {
    let mut best: Option<(usize, usize)> = None;
    let input_bytes = input.as_bytes();
    for (i, s) in list.iter().enumerate() {
        // Compared byte by byte in line: spellings are a character or two,
        // and most differ from the input in their first character's bytes,
        // where a call to `memcmp` would cost more than the comparison.
        let s = s.as_ref().as_bytes();
        // An empty spelling (a user profile may hold one) matches only at
        // the end of the input, as it always has.
        if s.len() <= input_bytes.len()
            && s.first() == input_bytes.first()
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

/// `space ::= " " | "\t" | "\u3000" | "\u00a0"`, and the other widths of
/// space that indent a line ([`is_space`]).
fn space(input: &str) -> Res<'_, char> {
    satisfy(is_space).parse(input)
}

/// `space*`.
fn spaces(input: &str) -> Res<'_, &str> {
    take_while(is_space).parse(input)
}

/// `prefix ::= "第" | "其" …`: one of the family's prefixes, by index.
fn prefix<'a>(f: &Family, input: &'a str) -> Res<'a, usize> {
    spelling(&f.prefix, input)
}

/// `classifier ::= "个" | "种" | "点" | "条" …`: one of the family's classifiers.
fn classifier<'a>(f: &Family, input: &'a str) -> Res<'a, usize> {
    spelling(&f.classifier, input)
}

/// `suffix ::= "、" | "．" | "." | "，" | "是" | "要" | "章" …`: one of the
/// family's suffixes; the index is the match's style.
fn suffix<'a>(f: &Family, input: &'a str) -> Res<'a, u16> {
    map(|i| spelling(&f.suffix, i), style).parse(input)
}

/// A weak suffix (，after 一、, a slip for 、): the style counts on from the
/// suffixes'.
fn weak_suffix<'a>(f: &Family, input: &'a str) -> Res<'a, u16> {
    map(|i| spelling(&f.weak_suffix, i), |s| style(f.suffix.len() + s)).parse(input)
}

/// `stray ::= "、" | "．" | "." | "："`: the stray punctuation of （一）、 and
/// 第一条： (GB/T 15834 forbids the first; writers use both). "（一）." is
/// stray punctuation, but "(1).5" is not a marker at all.
fn stray<'a>(f: &Family, input: &'a str) -> Res<'a, usize> {
    let (rest, s) = spelling(&f.stray, input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) { fail() } else { Ok((rest, s)) }
}

/// `insertion ::= "-" [0-9]+ | "之" cjk-numeral`, the article inserted
/// after another, as each tradition writes it: 第 174-1 條 (Taiwan) before
/// the suffix, 第十条之一 (PRC) after it. A number too large to be one
/// counts 0, an insertion all the same.
fn insertion(before_suffix: bool, input: &str) -> Res<'_, u16> {
    if before_suffix {
        map(preceded(char('-'), take_while1(|c: char| c.is_ascii_digit())), |d: &str| d.parse().unwrap_or(0))
            .parse(input)
    } else {
        let any_run = map(take_while1(numeral::is_cjk_numeral_char), |_| 0);
        preceded(char('之'), alt((map(cjk_numeral, |v| u16::try_from(v).unwrap_or(0)), any_run))).parse(input)
    }
}

/// `open ::= "（" | "(" | "〔" | "﹙"`: one of the family's opening brackets.
fn open<'a>(f: &Family, input: &'a str) -> Res<'a, usize> {
    spelling(&f.open, input)
}

/// `close ::= "）" | ")" | "〕" | "﹚"`: one of the family's closing brackets.
fn close<'a>(f: &Family, input: &'a str) -> Res<'a, usize> {
    spelling(&f.close, input)
}

/// `numeral ::= cjk-numeral | capital-numeral | stem | arabic-numeral |
/// latin-letter | roman-numeral | glyph`, trying the family's kinds in order
/// (and keycaps, 1️⃣, a glyph of two characters).
pub(super) fn numeral<'a>(kinds: &[NumeralKind], input: &'a str) -> Res<'a, u32> {
    for &kind in kinds {
        let r = match kind {
            NumeralKind::Cjk => cjk_numeral(input),
            NumeralKind::Capital => capital_numeral(input),
            NumeralKind::Stem => stem(input),
            NumeralKind::Arabic => arabic_numeral(input),
            NumeralKind::LatinLower | NumeralKind::LatinUpper => latin_letter(kind, input),
            NumeralKind::RomanUpper | NumeralKind::RomanLower => roman_numeral(kind, input),
            NumeralKind::Keycap => match numeral::keycap(input) {
                Some((v, len)) => Ok((&input[len..], v)),
                None => fail(),
            },
            _ => glyph(kind, input),
        };
        if r.is_ok() {
            return r;
        }
    }
    fail()
}

/// A numeral written in characters of `kind`: the longest run of them,
/// read as a whole (一百零八, not 一).
fn written(kind: NumeralKind, input: &str) -> Res<'_, u32> {
    map_opt(take_while1(|c| numeral::is_numeral_char(kind, c)), |s| numeral::value(kind, s)).parse(input)
}

/// `cjk-numeral`: 一 … 九千九百九十九.
fn cjk_numeral(input: &str) -> Res<'_, u32> {
    written(NumeralKind::Cjk, input)
}

/// `capital-numeral`: 壹 … 玖仟.
fn capital_numeral(input: &str) -> Res<'_, u32> {
    written(NumeralKind::Capital, input)
}

/// `stem`: 甲 = 1 … 癸 = 10.
fn stem(input: &str) -> Res<'_, u32> {
    written(NumeralKind::Stem, input)
}

/// `digit ::= [0-9] | [０-９]`.
fn digit(input: &str) -> Res<'_, char> {
    satisfy(|c| numeral::arabic_digit(c).is_some()).parse(input)
}

/// `arabic-numeral ::= digit digit? digit?`: more digits are a number
/// (12345 热线), never a marker.
fn arabic_numeral(input: &str) -> Res<'_, u32> {
    map_opt(recognize(many1_count(digit)), numeral::arabic).parse(input)
}

/// `latin-letter`: one letter of `kind`'s case ("ab." is a word).
fn latin_letter(kind: NumeralKind, input: &str) -> Res<'_, u32> {
    written(kind, input)
}

/// `roman-numeral`: Ⅰ … Ⅻ, or I … XXXIX in letters.
fn roman_numeral(kind: NumeralKind, input: &str) -> Res<'_, u32> {
    written(kind, input)
}

/// `glyph`: one character of `kind` that is a number and its punctuation
/// (① ⑴ ⒈ ㈠).
fn glyph(kind: NumeralKind, input: &str) -> Res<'_, u32> {
    map_opt(anychar, |c| numeral::glyph(kind, c)).parse(input)
}

/// `glyph`, of the family's glyph kinds (⒈ for an affixed family, ⑴ ㈠ for
/// an enclosed one), through the numerals parsed at this position.
fn glyphs<'a, 'g>(f: &'g Family, numerals: &Numerals<'g>, input: &'a str) -> Res<'a, u32> {
    numerals.parse(&f.glyphs, input)
}

/// A Latin "numeral" with its suffix followed by a letter is an abbreviation
/// (e.g., a.m.), not a marker.
fn is_abbreviation(numeral_text: &str, rest: &str) -> bool {
    numeral_text.chars().all(|c| c.is_ascii_alphabetic())
        && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// `affixed ::= prefix? space* numeral insertion? space* classifier? suffix?
/// stray? insertion?`, or a glyph that is a number and its suffix (⒈, "1."
/// in one character). The family says which parts it has and which are
/// optional (a space only in a spaced family: 第 1 條).
fn affixed<'a, 'g>(
    f: &'g Family,
    input: &'a str,
    numerals: &Numerals<'g>,
    follow: Option<&Follow>,
) -> Res<'a, MarkerMatch> {
    if !f.glyphs.is_empty()
        && let Ok((i, n)) = glyphs(f, numerals, input)
        && let Some(n) = ordinal(n, f.max)
    {
        let mut m = blank(n);
        m.style = u16::MAX;
        return Ok((i, m));
    }
    let gap = |i: &'a str| if f.spaced { spaces(i) } else { Ok((i, "")) };
    let (i, prefixed) = cond(!f.prefix.is_empty(), terminated(|i| prefix(f, i), gap)).parse(input)?;
    let (i, (numeral_text, n)) = consumed(|i| numerals.parse(&f.numeral, i)).parse(i)?;
    if follow.is_some_and(|w| !w.admits(i)) {
        return fail();
    }
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let mut m = blank(n);
    if f.keyed_by_prefix
        && let Some(p) = prefixed
    {
        m.key = key_hash(&f.prefix[p]);
    }
    let (i, inserted) = cond(f.insertion, opt(|i| insertion(true, i))).parse(i)?;
    let (i, _) = gap(i)?;
    let (i, counted) = if f.classifier.is_empty() || f.classifier_optional {
        opt(|i| classifier(f, i)).parse(i)?
    } else {
        map(|i| classifier(f, i), Some).parse(i)?
    };
    if let Some(c) = counted {
        m.classified = true;
        if f.checks.contains(&Check::NounKey) {
            return classified(f, i, m, &f.classifier[c]);
        }
    }
    let strong = |i: &'a str| map(|i| suffix(f, i), |s| (s, false)).parse(i);
    let (i, ending) = if f.suffix_optional {
        opt(strong).parse(i)?
    } else {
        map(alt((strong, map(|i| weak_suffix(f, i), |s| (s, true)))), Some).parse(i)?
    };
    if let Some((s, weak)) = ending {
        m.style = s;
        m.weak = weak;
        if f.keyed_by_suffix && !weak {
            m.key = u32::from(s) + 1;
        }
    }
    if is_abbreviation(numeral_text, i) {
        return fail();
    }
    let (i, _) = opt(|i| stray(f, i)).parse(i)?;
    let (i, appended) = cond(f.insertion, opt(|i| insertion(false, i))).parse(i)?;
    if let Some(k) = appended.flatten().or(inserted.flatten()) {
        m.insertion = k;
    }
    checked(f, input, numeral_text, i, m)
}

/// The checks the family switches on, after an affixed marker of `input`
/// has parsed up to `rest`.
fn checked<'a>(f: &Family, input: &str, numeral_text: &str, rest: &'a str, mut m: MarkerMatch) -> Res<'a, MarkerMatch> {
    let n = u32::from(m.ordinal);
    for check in &f.checks {
        match check {
            Check::Range => m.weak |= is_range(n, rest),
            Check::NoDigitAfter => {
                // After a dot a digit makes a decimal (1.5倍); after 、 only
                // the next number and a measure word make a range (1、2月),
                // while 1、35周岁以下 is a member with its text.
                let dun = input[..input.len() - rest.len()].ends_with('、');
                let digit = rest.chars().next().is_some_and(|c| numeral::arabic_digit(c).is_some());
                if digit && (!dun || is_arabic_range(n, rest)) && !starts_with_year(rest) {
                    return fail();
                }
            }
            Check::Idiom => {
                // 一是一，二是二
                if rest.starts_with(numeral_text) {
                    return fail();
                }
            }
            Check::NotClassified => {
                // 第一条教训是：the first of several lessons, not article one.
                if classified_noun(rest).is_some_and(|(_, after)| after.starts_with('是')) {
                    return fail();
                }
            }
            Check::NotFootnote => {
                if is_footnote(rest) {
                    return fail();
                }
            }
            Check::NoUnitAfter | Check::NounKey => {}
        }
    }
    Ok((rest, m))
}

/// After the classifier of 第一个作用 / 第一种是 / 第一点，: the marker ends at the
/// classifier (or its punctuation), and the noun joins the key so that only
/// 第二个作用 continues 第一个作用.
fn classified<'a>(f: &Family, i: &'a str, mut m: MarkerMatch, classifier: &str) -> Res<'a, MarkerMatch> {
    if let Ok((j, s)) = suffix(f, i) {
        m.style = s;
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
            match suffix(f, rest) {
                Ok((j, s)) => {
                    m.style = s;
                    Ok((j, m))
                }
                Err(_) => Ok((i, m)),
            }
        }
        None => fail(),
    }
}

/// `enclosed ::= open space* numeral space* close stray? | glyph`: （一）, or
/// one glyph (⑴ ㈠).
fn enclosed<'a, 'g>(f: &'g Family, input: &'a str, numerals: &Numerals<'g>) -> Res<'a, MarkerMatch> {
    let footnote = |i: &str| f.checks.contains(&Check::NotFootnote) && is_footnote(i);
    if !f.glyphs.is_empty()
        && let Ok((i, n)) = glyphs(f, numerals, input)
        && let Some(n) = ordinal(n, f.max)
    {
        let mut m = blank(n);
        m.style = u16::MAX;
        let (i, _) = opt(|i| stray(f, i)).parse(i)?;
        return if footnote(i) { fail() } else { Ok((i, m)) };
    }
    let (i, (o, n, c)) =
        (|i| open(f, i), preceded(spaces, |i| numerals.parse(&f.numeral, i)), preceded(spaces, |i| close(f, i)))
            .parse(input)?;
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let (i, _) = opt(|i| stray(f, i)).parse(i)?;
    let mut m = blank(n);
    m.style = u16::try_from((o << 8) | c).unwrap_or(u16::MAX);
    if footnote(i) { fail() } else { Ok((i, m)) }
}

/// `bare ::= numeral (space | "*")+ text | numeral space* end-of-line`:
/// "一 重工业…", "## 一", "**1** **干部…". The marker is the numeral.
fn bare<'a, 'g>(f: &'g Family, input: &'a str, numerals: &Numerals<'g>) -> Res<'a, MarkerMatch> {
    let (i, n) = numerals.parse(&f.numeral, input)?;
    let Some(n) = ordinal(n, f.max) else { return fail() };
    let (rest, gap) = recognize(many0_count(alt((space, char('*'))))).parse(i)?;
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

/// `decimal ::= ( arabic-numeral | latin-letter ) ( "." arabic-numeral )+ space* suffix?`:
/// 5.1 原理, 5.2.1 仪器, 1.1、. The family fixes how many numbers there are;
/// the last is the ordinal and the ones before it key the sequence (5.1 and
/// 5.2 are one list, 6.1 opens another). Heading text must follow: not more
/// digits (a deeper number, 3.14159) nor, through the family's
/// `not-followed-by`, a unit (1.5倍, 3.8%, 2.0版).
fn decimal<'a>(f: &Family, input: &'a str) -> Res<'a, MarkerMatch> {
    let dot = |i: &'a str| one_of(".．").parse(i);
    // An appendix numbers its clauses after its letter: A.1, B.2.1.
    let appendix = map(|i| latin_letter(NumeralKind::LatinUpper, i), |v| v + APPENDIX_KEY);
    let (mut i, mut last) = alt((arabic_numeral, appendix)).parse(input)?;
    let mut key: u32 = 0x811c_9dc5;
    for _ in 1..f.components {
        let (j, n) = preceded(dot, arabic_numeral).parse(i)?;
        key = (key ^ last).wrapping_mul(0x0100_0193);
        (i, last) = (j, n);
    }
    if peek((dot, digit)).parse(i).is_ok() {
        return fail();
    }
    // 5.0 is a quantity: sections count from 1.
    let Some(n) = ordinal(last, f.max).filter(|&n| n > 0) else { return fail() };
    let mut m = blank(n);
    m.key = key;
    // The marker is the number and its suffix, if any; the text after a
    // gap must still read as a heading (1.5 倍 is a quantity).
    let (after_gap, gap) = spaces(i)?;
    let (end, text) = match suffix(f, after_gap) {
        Ok((j, s)) => {
            m.style = s;
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

/// `words ::= word classifier? suffix?`: 首先， 其次， 最后， 最后一点，
fn words<'a>(f: &Family, input: &'a str) -> Res<'a, MarkerMatch> {
    let (i, w) = spelling(&f.words, input)?;
    // Words carry their own ordinal; they share the family's one sequence key.
    let Some(n) = ordinal(f.words[w].ordinal, f.max) else { return fail() };
    let mut m = blank(n);
    // 最后一点，… 最后一个问题：: the last of a series, with its classifier.
    let (i, counted) = if f.classifier.is_empty() || f.classifier_optional {
        opt(|i| classifier(f, i)).parse(i)?
    } else {
        map(|i| classifier(f, i), Some).parse(i)?
    };
    if let Some(c) = counted {
        m.classified = true;
        if f.checks.contains(&Check::NounKey) {
            return classified(f, i, m, &f.classifier[c]);
        }
    }
    let (i, s) =
        if f.suffix_optional { opt(|i| suffix(f, i)).parse(i)? } else { map(|i| suffix(f, i), Some).parse(i)? };
    if let Some(s) = s {
        m.style = s;
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

/// Added to an appendix letter's value (A = 1) in a decimal number's key, so
/// that A.1 and 1.1 are different lists.
const APPENDIX_KEY: u32 = 1000;

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
/// The numeral parsed last, kept while the families that may start at one
/// position are tried in turn (`Grammar::first_match`): families that share
/// a prefix and a numeral system (第 and 一…九十九 for 第X部分, 第X章, 第X条,
/// 第X，) parse the numeral once, then part at their suffix.
#[derive(Default)]
pub(super) struct Numerals<'g> {
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
    pub(super) fn parse<'a>(&self, kinds: &'g [NumeralKind], input: &'a str) -> Res<'a, u32> {
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
pub(super) struct Follow {
    /// First characters of the classifiers, suffixes and weak suffixes that
    /// may come next, and '-' of an insertion (第 174-1 條); sorted.
    chars: Vec<char>,
    /// Whether a space may come next (第 1 條).
    spaces: bool,
}

impl Follow {
    /// `None` when anything may follow: the suffix and classifier are
    /// optional, or a spelling is empty.
    pub(super) fn of(f: &Family) -> Option<Follow> {
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
        rest.chars().next().is_some_and(|c| self.admits_char(c))
    }

    /// Whether a numeral followed by `c` may go on to a marker.
    pub(super) fn admits_char(&self, c: char) -> bool {
        (self.spaces && is_space(c)) || self.chars.binary_search(&c).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes() {
        assert!(is_footnote("《国务院办公厅关于加快农村寄递物流体系建设的意见》（国办发〔2021〕29号）。"));
        assert!(!is_footnote("《民法典》学习宣传活动（2026年）"));
        assert!(!is_footnote("《安全生产法》宣传周（6月1日至7日）"));
    }

    #[test]
    fn numerals_read_the_longest_run() {
        assert_eq!(numeral(&[NumeralKind::Cjk], "一百零八、"), Ok(("、", 108)));
        assert_eq!(numeral(&[NumeralKind::Cjk, NumeralKind::Arabic], "12."), Ok((".", 12)));
        // Four digits are a number, not a marker; a run of ideographs that is
        // no numeral (十十) is none.
        assert!(arabic_numeral("2024年").is_err());
        assert_eq!(arabic_numeral("１２３．"), Ok(("．", 123)));
        assert!(cjk_numeral("十十").is_err());
        assert_eq!(stem("乙、"), Ok(("、", 2)));
        assert_eq!(glyph(NumeralKind::Circled, "③是"), Ok(("是", 3)));
        assert!(latin_letter(NumeralKind::LatinLower, "ab.").is_err());
    }

    #[test]
    fn insertions_as_each_tradition_writes_them() {
        assert_eq!(insertion(true, "-1 條"), Ok((" 條", 1)));
        assert!(insertion(true, "之一").is_err());
        assert_eq!(insertion(false, "之二十"), Ok(("", 20)));
        assert!(insertion(false, "-1").is_err());
    }

    #[test]
    fn spellings_take_the_longest() {
        let list = ["是", "就是", "要"];
        assert_eq!(spelling(&list, "就是说"), Ok(("说", 1)));
        assert_eq!(spelling(&list, "是"), Ok(("", 0)));
        assert!(spelling(&list, "把").is_err());
        assert!(spelling::<&str>(&[], "是").is_err());
        // An empty spelling matches only at the end of the input.
        assert!(spelling(&[""], "是").is_err());
        assert_eq!(spelling(&["", "是"], "是"), Ok(("", 1)));
        assert_eq!(spelling(&[""], ""), Ok(("", 0)));
    }
}
