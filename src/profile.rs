//! Marker profiles: which families exist, how they are spelled, how they rank.
//!
//! A profile is data (`grammar/*.yaml`), read with `serde_yaml`: a user can add a
//! family or a punctuation variant without touching Rust. The *shapes* a family
//! can take (affixed, enclosed, glyph, bare, words) and the numeral systems are a
//! closed set implemented in [`crate::grammar`].

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::lexicon::Lexicon;

/// The most numbers a decimal section number has (5.2.1.3.4): deeper
/// numbering is a version or an address, not a section.
pub const MAX_COMPONENTS: u8 = 5;

/// How many built-in profiles there are.
pub(crate) const BUILT_IN_COUNT: usize = BUILT_IN.len();

/// The built-in profiles, embedded at build time.
const BUILT_IN: &[(&str, &str)] = &[
    ("speech", include_str!("../grammar/speech.yaml")),
    ("gongwen", include_str!("../grammar/gongwen.yaml")),
    ("law", include_str!("../grammar/law.yaml")),
    ("taiwan", include_str!("../grammar/taiwan.yaml")),
    ("standard", include_str!("../grammar/standard.yaml")),
];

/// A marker profile: a named, ordered list of marker families.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profile {
    /// Short name, reported in the output (`profile: speech`).
    pub name: String,
    /// One sentence on what the profile is for.
    #[serde(default)]
    pub description: String,
    /// A standalone heading longer than this many characters is reported by
    /// `--check`; 0 turns the check off (a law's 项 are clauses, not headings).
    #[serde(default = "default_title_limit")]
    pub title_limit: usize,
    /// Unmarked paragraphs that are items of their own: the 款 of a PRC
    /// article, the 項 of a Taiwan one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<Paragraphs>,
    /// The families, tried in this order at each position (longer forms first).
    pub families: Vec<Family>,
    /// Words of the frame and the checks: `grammar/lexicon.yaml`, with what
    /// this section adds to each list.
    #[serde(default)]
    pub lexicon: Lexicon,
    /// Connectives after which an inline member may follow without
    /// punctuation (但是第一，…; 其中一是…; 另外一要…).
    #[serde(default)]
    pub connectives: Vec<String>,
}

/// Paragraph items: inside an item of family `under` that has two or more
/// paragraphs, each paragraph becomes an item with an empty marker, family
/// `id` and its position as ordinal. (An article of one paragraph has none,
/// as a citation then names the article alone: 第五条第（一）项.)
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Paragraphs {
    /// The family whose items are split into paragraphs (`article`).
    pub under: String,
    /// The family id written on paragraph items (`kuan`, `xiang`).
    pub id: String,
}

fn default_title_limit() -> usize {
    40
}

/// Conventional rank of a family: smaller is higher (0 = part/chapter).
/// `rel` families (一是, 第一，…) have no rank of their own: they nest under
/// whatever item is open where they appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Rank {
    /// A fixed conventional rank.
    Fixed(u8),
    /// Relative: nests under the open item.
    Relative(RelativeRank),
}

/// The literal `rel` in a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelativeRank {
    /// See [`Rank::Relative`].
    Rel,
}

/// Read by hand so that a wrong value says what is expected (serde's
/// untagged enums only say that nothing matched).
impl<'de> Deserialize<'de> for Rank {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Rank, D::Error> {
        struct Visitor;
        const EXPECTED: &str = "a rank: a number from 0 (the highest) to 254, or `rel`";
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Rank;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Rank, E> {
                u8::try_from(v)
                    .ok()
                    .filter(|&r| r < u8::MAX)
                    .map(Rank::Fixed)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Unsigned(v), &EXPECTED))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Rank, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &EXPECTED))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rank, E> {
                match v {
                    "rel" => Ok(Rank::Relative(RelativeRank::Rel)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(v), &EXPECTED)),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Rank {
    /// The rank as a number for tie-breaking; relative families sort last.
    pub fn value(self) -> u8 {
        match self {
            Rank::Fixed(r) => r,
            Rank::Relative(_) => u8::MAX,
        }
    }
}

/// The numeral systems a marker family can use; a profile names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumeralKind {
    /// 一 … 九千九百九十九, with 十 百 千 零 〇.
    Cjk,
    /// Financial capitals 壹 贰/貳 叁/參 … 拾 佰 仟 (Taiwan's top level 壹、).
    Capital,
    /// The ten heavenly stems 甲 乙 丙 … 癸.
    Stem,
    /// ASCII or full-width digits, one to three of them (12345 热线 is no marker).
    Arabic,
    /// One lower-case Latin letter, ASCII or full-width: a = 1 … z = 26.
    LatinLower,
    /// One upper-case Latin letter, ASCII or full-width: A = 1 … Z = 26.
    LatinUpper,
    /// Upper-case Roman numerals 1–39: one glyph Ⅰ … Ⅻ (U+2160–216B) or
    /// ASCII letters I V X (I, II, IV, XII).
    RomanUpper,
    /// Lower-case Roman numerals 1–39: ⅰ … ⅻ (U+2170–217B) or i v x.
    RomanLower,
    /// ① … ㊿ and the dingbat variants ❶ ➀ ➊ ⓫ ⓵.
    Circled,
    /// ⑴ … ⒇: one glyph for "(1)".
    ParenDigit,
    /// ⒈ … ⒛: one glyph for "1.".
    PeriodDigit,
    /// ㈠ … ㈩: one glyph for "(一)".
    ParenIdeograph,
    /// Keycap emoji 1️⃣ … 9️⃣ (a digit, U+FE0F, U+20E3) and 🔟, as WeChat
    /// articles number their lists.
    Keycap,
}

/// The clause boundary before an inline marker (。；：，！？).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Boundary {
    /// A colon (：:︰): what follows is announced, often a list.
    Colon,
    /// A comma (，,).
    Comma,
    /// The end of a sentence or a clause (。！？；!?;).
    Stop,
}

impl Boundary {
    /// The kind of boundary `c` is, if it is one.
    pub fn of(c: char) -> Option<Boundary> {
        match c {
            '：' | ':' | '︰' => Some(Boundary::Colon),
            '，' | ',' => Some(Boundary::Comma),
            '。' | '；' | '！' | '？' | ';' | '!' | '?' => Some(Boundary::Stop),
            _ => None,
        }
    }
}

/// What a family's items are, which decides what may hold what when no
/// order between two families has been seen yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Divisions of a text (第一部分 第一编 第一章 第一节 第一条): never
    /// inside a list heading or a speech sequence.
    Division,
    /// List headings (一、 （一） 1. ①), ordered among themselves by rank.
    Heading,
    /// Speech sequences (一是 第一， 首先): they nest under whatever item is
    /// open, and hold no heading. Their rank is `rel`.
    Sequence,
}

/// How a family's markers are built (a closed set: see `grammar/markers.ebnf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// `prefix? numeral classifier? suffix`: 一、 1. 第一章 一是 第一，
    Affixed,
    /// `open numeral close`: （一） (1) 〔一〕
    Enclosed,
    /// A numeral followed by white space or the end of the line: "一 重工业…"
    Bare,
    /// A fixed list of ordinal words: 首先 其次 再次 最后
    Words,
    /// A decimal section number of `components` Arabic numbers: 5.1 原理,
    /// 5.2.1 仪器, 1.1、 (national standards, technical documents, company
    /// rules). The last number is the ordinal; the ones before it key the
    /// sequence, so that 5.1 5.2 are one list and 6.1 opens another.
    Decimal,
}

/// Where a family's markers may stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Only at the start of a line (after indentation and Markdown prefixes).
    LineStart,
    /// At a line start or inside a paragraph after a clause boundary (。；：，).
    Any,
}

/// An ordinal word of a `words` family.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Word {
    /// The word as written, e.g. 其次.
    pub text: String,
    /// Its place in the sequence; `0` means "the last one" (最后).
    pub ordinal: u32,
}

impl AsRef<str> for Word {
    /// The word as written: a word is one of its family's spellings.
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Extra local checks a family asks the grammar for (code, not data, because
/// each needs a few lines of logic; the profile only switches them on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// "一、二季度", "三、四月份": a numeral and a measure word right after the
    /// marker make a range, which only a running sequence can override.
    Range,
    /// "1.5倍", "2020.9": the marker must not be followed by a digit.
    NoDigitAfter,
    /// "20 年", "9 月": a bare number followed by a unit is a quantity.
    NoUnitAfter,
    /// 一是一，二是二: an idiom, not a list.
    Idiom,
    /// ①《…》出版社…年版 is a footnote, and a ① or ⑴ followed by punctuation is
    /// a footnote call: neither is an item.
    NotFootnote,
    /// "第一条教训是": an ordinal with a classifier and a noun is a point in a
    /// list of that noun, not article one.
    NotClassified,
    /// The key of the sequence includes the noun after the classifier
    /// (第一个作用 … 第二个作用), so ordinal words in passing do not chain.
    NounKey,
}

/// One marker family.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Family {
    /// Identifier written to the output (`family: cjk-dun`).
    pub id: String,
    /// Conventional rank, or `rel`.
    pub rank: Rank,
    /// What its items are: `division`, `heading` (the default for a fixed
    /// rank) or `sequence` (the default, and the only tier, for `rel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// How the marker is built.
    pub shape: Shape,
    /// Numeral systems accepted (ignored by `words`).
    #[serde(default)]
    pub numeral: Vec<NumeralKind>,
    /// One-glyph numerals that also belong to this family (⑴ for `arabic-paren`).
    #[serde(default)]
    pub glyphs: Vec<NumeralKind>,
    /// Text before the numeral (第, 其).
    #[serde(default)]
    pub prefix: Vec<String>,
    /// Opening brackets of an `enclosed` family.
    #[serde(default)]
    pub open: Vec<String>,
    /// Closing brackets of an `enclosed` family.
    #[serde(default)]
    pub close: Vec<String>,
    /// Words between the numeral and the suffix (第一个问题, 一条是); required
    /// unless `classifier-optional`.
    #[serde(default)]
    pub classifier: Vec<String>,
    /// Whether the classifier may be absent (一是 and 一条是 in one family).
    #[serde(default)]
    pub classifier_optional: bool,
    /// Text after the numeral (、 . 是 章).
    #[serde(default)]
    pub suffix: Vec<String>,
    /// Optional punctuation after the marker, kept in it: the stray 、 of
    /// （一）、, the colon of 第一条：.
    #[serde(default)]
    pub stray: Vec<String>,
    /// Suffixes that only a running sequence makes believable: "二，" after
    /// 一、 (a page break or OCR turned 、 into ，), never a first member.
    #[serde(default)]
    pub weak_suffix: Vec<String>,
    /// Whether the suffix may be absent (第一种 stands without ，).
    #[serde(default)]
    pub suffix_optional: bool,
    /// Words that, right after the suffix, show the "marker" is part of a word
    /// (第一条件, 第一章程, 第三节课).
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Also found inside a line after a wide gap (two spaces or U+3000): the
    /// first article often shares its chapter's line (第一章　总则　　第一条　…).
    #[serde(default)]
    pub after_gap: bool,
    /// Article insertions after the suffix-less numeral: 之一 (第十条之一), -1 (第 174-1 條).
    #[serde(default)]
    pub insertion: bool,
    /// Spaces allowed between prefix, numeral and suffix (第 1 條, 第 一 章).
    #[serde(default)]
    pub spaced: bool,
    /// Each suffix (verb) or classifier starts its own sequence (一要 … 二要, 一靠 … 二靠).
    #[serde(default)]
    pub keyed_by_suffix: bool,
    /// Each prefix (noun) starts its own sequence (议题一 … 议题二 apart from
    /// 问题一 … 问题二).
    #[serde(default)]
    pub keyed_by_prefix: bool,
    /// How many numbers a `decimal` family's markers have (2 for 5.1, 3 for
    /// 5.2.1).
    #[serde(default)]
    pub components: u8,
    /// The rows of the marker catalogue (MARKERS.md §2, copied in
    /// `grammar/catalogue.md`) this family implements: `[F8]`.
    #[serde(default)]
    pub catalogue: Vec<String>,
    /// Ordinal words of a `words` family.
    #[serde(default)]
    pub words: Vec<Word>,
    /// Where the marker may stand.
    pub position: Position,
    /// Inside a paragraph, the boundaries it may follow (`stop`, `colon`,
    /// `comma`); all of them when empty. 首先 and 其次 open sentences, not
    /// clauses: 首先是业务层…，其次，是网络… is a sentence of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Boundary>,
    /// A single member is not an item: the sequence needs at least two.
    #[serde(default)]
    pub needs_sequence: bool,
    /// The first member may follow a short lead inside its clause
    /// (希望大家一要…；二要…), when the second follows at a clause start.
    #[serde(default)]
    pub after_lead: bool,
    /// A speech sequence whose members name sections (议题一：, 问题二：):
    /// one that stands on its line as a heading does holds the headings
    /// under it, which other speech sequences never do.
    #[serde(default)]
    pub sections: bool,
    /// Families whose numbering this one may continue (1. then 2、), reported as mixed.
    #[serde(default)]
    pub group: Option<String>,
    /// Families of one series make one sequence whatever their spelling: a
    /// member counts by its position (首先，… 第二，… 第三个问题，…), and
    /// changing spelling on the way is no mistake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Inside a paragraph, how many paragraphs on the next member may stand
    /// (0: the same paragraph, 1: it or the next). Mid-paragraph 首先 is
    /// most often the adverb, and counts only when 其次 or 最后 follows soon
    /// (MARKERS.md, false positive 9); at a paragraph's start a member may
    /// head a section of several paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_reach: Option<u32>,
    /// The largest ordinal accepted (speech sequences rarely pass 十).
    #[serde(default = "default_max")]
    pub max: u32,
    /// Local checks (see [`Check`]).
    #[serde(default)]
    pub checks: Vec<Check>,
    /// Strings that must parse as a marker of this family (executable spec).
    #[serde(default)]
    pub examples: Vec<String>,
    /// Strings that must not parse as a marker of this family.
    #[serde(default)]
    pub not: Vec<String>,
}

fn default_max() -> u32 {
    9999
}

impl Family {
    /// Whether markers of this family head sections (一、 （一） 第一章) rather than
    /// run in paragraphs (一是 第一，).
    pub fn is_heading(&self) -> bool {
        self.tier() != Tier::Sequence
    }

    /// Its tier, as declared or as its rank implies.
    pub fn tier(&self) -> Tier {
        match (self.tier, self.rank) {
            (Some(t), _) => t,
            (None, Rank::Fixed(_)) => Tier::Heading,
            (None, Rank::Relative(_)) => Tier::Sequence,
        }
    }
}

/// A family id as a `&'static str`, leaked once per distinct id: outlines
/// then carry their family names without an allocation per item, and the
/// leak is bounded by the number of distinct ids ever loaded.
pub(crate) fn intern(id: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static IDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut ids =
        IDS.get_or_init(|| Mutex::new(HashSet::new())).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = ids.get(id) {
        return known;
    }
    let leaked: &'static str = Box::leak(id.to_string().into_boxed_str());
    ids.insert(leaked);
    leaked
}

impl Profile {
    /// The built-in profile called `name`.
    ///
    /// # Errors
    /// [`Error::Profile`] when no built-in has that name.
    pub fn built_in(name: &str) -> Result<Profile, Error> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).ok_or_else(|| Error::Profile {
            path: name.to_string(),
            reason: format!(
                "no built-in profile called {name:?} (built-ins: {})",
                BUILT_IN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        })?;
        Profile::from_yaml(name, text)
    }

    /// The default profile, `speech`.
    ///
    /// # Panics
    /// Only if the embedded `grammar/speech.yaml` were invalid, which the test
    /// suite rules out (`tests/grammar.rs`).
    pub fn speech() -> Profile {
        // The embedded file is checked by tests, so failing here is a build defect.
        Profile::built_in("speech").unwrap_or_else(|e| panic!("built-in profile is broken: {e}"))
    }

    /// Reads a profile from YAML text; `origin` names it in errors.
    ///
    /// # Errors
    /// [`Error::Profile`] with the line and what is wrong (unknown field, unknown
    /// numeral kind, duplicate family, a family with nothing to match).
    pub fn from_yaml(origin: &str, text: &str) -> Result<Profile, Error> {
        let mut profile: Profile = serde_yaml::from_str(text).map_err(|e| Error::Profile {
            path: origin.to_string(),
            reason: match e.location() {
                Some(at) => {
                    // serde_yaml appends the position; it is said first instead.
                    let message = e.to_string();
                    let suffix = format!(" at line {} column {}", at.line(), at.column());
                    let message = message.strip_suffix(&suffix).unwrap_or(&message);
                    format!("line {}, column {}: {message}", at.line(), at.column())
                }
                None => e.to_string(),
            },
        })?;
        profile.validate().map_err(|(key, reason)| Error::Profile {
            path: origin.to_string(),
            reason: match key.and_then(|k| line_of(text, k)) {
                Some(line) => format!("line {line}: {reason}"),
                None => reason,
            },
        })?;
        // The profile's own words come on top of the built-in lexicon.
        let mut lexicon = crate::lexicon::shared()
            .map_err(|reason| Error::Profile { path: "lexicon".into(), reason: reason.to_string() })?
            .clone();
        lexicon.extend(std::mem::take(&mut profile.lexicon));
        lexicon.validate().map_err(|reason| Error::Profile { path: origin.to_string(), reason })?;
        profile.lexicon = lexicon;
        Ok(profile)
    }

    /// A built-in profile by name, or else a profile file (YAML) by path: what
    /// `--profile` takes.
    ///
    /// # Errors
    /// [`Error::NoProfile`] when `spec` is neither a built-in nor a readable
    /// file; [`Error::Profile`] when the file is not a valid profile.
    pub fn load(spec: &str) -> Result<Profile, Error> {
        if Profile::built_in_names().any(|n| n == spec) {
            return Profile::built_in(spec);
        }
        let path = std::path::Path::new(spec);
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !yaml && !path.exists() {
            return Err(Error::NoProfile {
                spec: spec.to_string(),
                reason: format!(
                    "no built-in profile has that name ({}) and it is not a .yaml file",
                    Profile::built_in_names().collect::<Vec<_>>().join(", ")
                ),
            });
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::NoProfile { spec: spec.to_string(), reason: format!("cannot read profile: {e}") })?;
        Profile::from_yaml(spec, &text)
    }

    /// The names of the built-in profiles.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(n, _)| *n)
    }

    /// Checks what serde cannot: unique ids, families with something to
    /// match, paragraph settings that name a family. An error carries the
    /// YAML key it is about (to find its line) and what is wrong.
    fn validate(&self) -> Result<(), (Option<Key<'_>>, String)> {
        let mut seen = std::collections::HashSet::new();
        if self.families.len() > usize::from(u16::MAX) {
            return Err((Some(Key::Field("families")), "more than 65 535 families".into()));
        }
        for f in &self.families {
            if !seen.insert(f.id.as_str()) {
                return Err((Some(Key::Id(&f.id, 2)), format!("duplicate family {:?}", f.id)));
            }
            let relative = matches!(f.rank, Rank::Relative(_));
            if relative != (f.tier() == Tier::Sequence) {
                return Err((
                    Some(Key::Id(&f.id, 1)),
                    format!(
                        "family {:?}: `rank: rel` goes with `tier: sequence`, and a fixed rank with `division` or `heading`",
                        f.id
                    ),
                ));
            }
            let ok = match f.shape {
                Shape::Affixed => !f.numeral.is_empty() && (!f.suffix.is_empty() || f.suffix_optional),
                Shape::Enclosed => {
                    (!f.numeral.is_empty() && !f.open.is_empty() && !f.close.is_empty()) || !f.glyphs.is_empty()
                }
                Shape::Bare => !f.numeral.is_empty(),
                Shape::Words => !f.words.is_empty(),
                Shape::Decimal => (2..=MAX_COMPONENTS).contains(&f.components),
            };
            if !ok {
                return Err((
                    Some(Key::Id(&f.id, 1)),
                    format!(
                        "family {:?}: an `{}` family needs {}",
                        f.id,
                        match f.shape {
                            Shape::Affixed => "affixed",
                            Shape::Enclosed => "enclosed",
                            Shape::Bare => "bare",
                            Shape::Words => "words",
                            Shape::Decimal => "decimal",
                        },
                        match f.shape {
                            Shape::Affixed => "`numeral` and `suffix` (or `suffix-optional: true`)",
                            Shape::Enclosed => "`numeral`, `open` and `close`, or `glyphs`",
                            Shape::Bare => "`numeral`",
                            Shape::Words => "`words`",
                            Shape::Decimal => "`components` from 2 to 5",
                        }
                    ),
                ));
            }
        }
        if self.families.is_empty() {
            return Err((Some(Key::Field("families")), "`families` is empty: the profile would find nothing".into()));
        }
        if let Some(p) = &self.paragraphs {
            if !seen.contains(p.under.as_str()) {
                return Err((
                    Some(Key::Field("under")),
                    format!("paragraphs: `under: {}` names no family of this profile", p.under),
                ));
            }
            if seen.contains(p.id.as_str()) || p.id.is_empty() {
                return Err((
                    Some(Key::Field("id")),
                    format!("paragraphs: `id: {}` must be new, not a family id", p.id),
                ));
            }
        }
        Ok(())
    }
}

/// A place in a profile's YAML that a validation error is about.
#[derive(Clone, Copy, Debug)]
enum Key<'p> {
    /// The n-th (1-based) `id: VALUE` line.
    Id(&'p str, usize),
    /// The first `NAME:` key.
    Field(&'static str),
}

/// The 1-based line of `key` in `text`, found textually: serde keeps no
/// positions once a value has been read.
fn line_of(text: &str, key: Key<'_>) -> Option<usize> {
    let unquote = |v: &str| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
    let mut count = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start().trim_start_matches("- ").trim_start();
        match key {
            Key::Id(id, nth) => {
                if let Some(v) = line.strip_prefix("id:")
                    && unquote(v.split(" #").next().unwrap_or(v)) == id
                {
                    count += 1;
                    if count == nth {
                        return Some(n + 1);
                    }
                }
            }
            Key::Field(name) => {
                if line.strip_prefix(name).is_some_and(|rest| rest.starts_with(':')) {
                    return Some(n + 1);
                }
            }
        }
    }
    None
}
