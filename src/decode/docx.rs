//! Word documents (`.docx`): the paragraphs of `word/document.xml` as lines,
//! with the numbers of automatic numbering written out as Word shows them.
//!
//! In a draft made in Word or WPS, 一、 （一） 1. are often not in the text at
//! all: the paragraph carries a numbering reference (`w:numPr`) and Word
//! draws the number from `word/numbering.xml`. Tools that take the text
//! alone lose the outline's skeleton. Here each paragraph becomes one line:
//! its number (if any), then its runs (`w:t`, `w:tab`, `w:br`,
//! `w:noBreakHyphen`); deleted text of tracked changes is left out and
//! inserted text kept; a field shows its result, not its code; a table row
//! is one line of cells separated by tabs (as a table pasted from Word is);
//! headers, footers, footnotes and comments live in other parts and are not
//! read.
//!
//! Numbering follows Word: a paragraph's `w:numPr` (direct, or from its
//! paragraph style and the styles it is based on) names a `w:num`, which
//! names a `w:abstractNum` (through a numbering style when it links to one)
//! and may override the start of its levels. Counters belong to the
//! abstract numbering, so lists that share one continue each other, as in
//! Word; a level restarts when a higher level is numbered (or as
//! `w:lvlRestart` says), and `w:lvlText` (`%1、`, `（%2）`, `第%1章`,
//! `%1.%2`) is filled with each level's counter in its `w:numFmt`.
//!
//! Hostile files are bounded: a part that inflates past [`MAX_PART`] is
//! refused, levels past the ninth are ignored (Word has nine), and links
//! between numbering definitions are followed at most [`MAX_LINKS`] deep.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::error::Error;
use crate::profile::NumeralKind;

/// The largest part of a `.docx` inflated: far beyond any real document
/// (a thousand-page report's `document.xml` is about 20 MB), well short of
/// what would exhaust memory (a zip bomb).
pub const MAX_PART: u64 = 256 << 20;

/// How many links (`w:numStyleLink`, `w:basedOn`) are followed: real files
/// use one or two; a definition that refers to itself stops here.
pub const MAX_LINKS: usize = 16;

/// Word's levels of a list.
const LEVELS: usize = 9;

/// The longest level text read (`%1、`, `第%1章`): Word allows 255 characters.
const MAX_LEVEL_TEXT: usize = 255;

/// Whether `bytes` are a `.docx`: a zip archive holding `word/document.xml`.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/document.xml").is_some()
}

/// The text of the `.docx` in `bytes`, one line per paragraph (see the
/// module docs).
///
/// # Errors
/// [`Error::Decode`] naming `path`: not a readable zip, no
/// `word/document.xml`, a part past [`MAX_PART`], or malformed XML.
pub fn extract(path: &str, bytes: &[u8]) -> Result<String, Error> {
    let fail = |reason: String| Error::Decode { path: path.to_string(), reason };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| fail(format!("a .docx that cannot be opened: {e}")))?;
    let mut part = |name: &str| -> Result<Option<String>, Error> {
        let Ok(file) = archive.by_name(name) else { return Ok(None) };
        let mut text = String::new();
        let read = file.take(MAX_PART + 1).read_to_string(&mut text);
        match read {
            Ok(n) if n as u64 > MAX_PART => {
                Err(fail(format!("{name} inflates past {} MB: refused (a zip bomb?)", MAX_PART >> 20)))
            }
            Ok(_) => Ok(Some(text)),
            Err(e) => Err(fail(format!("{name} cannot be read: {e}"))),
        }
    };
    let document = part("word/document.xml")?.ok_or_else(|| fail("a zip archive without word/document.xml".into()))?;
    let styles = part("word/styles.xml")?.map(|x| Styles::read(&x)).transpose().map_err(&fail)?.unwrap_or_default();
    let numbering =
        part("word/numbering.xml")?.map(|x| Numbering::read(&x)).transpose().map_err(&fail)?.unwrap_or_default();
    let mut counters = Counters::default();
    body(&document, &styles, &numbering, &mut counters).map_err(|e| fail(format!("word/document.xml: {e}")))
}

/// The local name of an element (`p` for `w:p`): documents bind the
/// WordprocessingML namespace to `w` by convention, not by rule.
fn local<'e>(e: &'e BytesStart<'_>) -> &'e str {
    let name = e.name().into_inner();
    name.rfind(':').map_or(name, |i| &name[i + 1..])
}

/// The value of the attribute `name` (local name: `val` for `w:val`).
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.into_inner();
        let key_local = key.rfind(':').map_or(key, |i| &key[i + 1..]);
        (key_local == name)
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(std::borrow::Cow::into_owned).ok())
            .flatten()
    })
}

fn number(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attribute(e, name).and_then(|v| v.trim().parse().ok())
}

/// A reference to a list and a level (`w:numPr`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct NumRef {
    num: Option<u32>,
    level: Option<u32>,
}

/// A paragraph style: what it inherits and the numbering it carries.
#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    num: NumRef,
}

/// The paragraph styles of `word/styles.xml`, by id.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn read(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        loop {
            match reader.read_event().map_err(|e| format!("word/styles.xml: {e}"))? {
                Event::Start(e) | Event::Empty(e) => match local(&e) {
                    "style" => current = attribute(&e, "styleId").map(|id| (id, Style::default())),
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attribute(&e, "val");
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.num = number(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num.level = number(&e, "val");
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                Event::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    /// The numbering a paragraph of style `id` inherits.
    fn numbering(&self, id: &str) -> Option<NumRef> {
        let mut at = id;
        for _ in 0..MAX_LINKS {
            let style = self.by_id.get(at)?;
            if style.num.num.is_some() {
                return Some(style.num);
            }
            at = style.based_on.as_deref()?;
        }
        None
    }
}

/// One level of a list: how its number is written.
#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: restart after this (1-based) level; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: the numbers of higher levels shown as decimals.
    legal: bool,
    /// `w:suff`: what separates the number from the text.
    suffix: String,
    /// `w:pStyle`: the paragraph style this level belongs to.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
            suffix: "tab".into(),
            style: None,
        }
    }
}

/// A `w:abstractNum`: the levels, or a link to a numbering style.
#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    num_style_link: Option<String>,
    style_link: Option<String>,
}

/// A `w:num`: its abstract numbering and the levels it overrides.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: u32,
    /// `w:startOverride` per level: where the list starts, and restarts.
    start_overrides: [Option<u32>; LEVELS],
    /// A whole `w:lvl` given in a `w:lvlOverride`, per level.
    level_overrides: [Option<Level>; LEVELS],
}

/// `word/numbering.xml`.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
}

/// Where the reader of `numbering.xml` is.
enum Within {
    Nothing,
    Abstract(u32),
    Num(u32),
}

impl Numbering {
    #[allow(clippy::too_many_lines)] // one match over the elements of the part
    fn read(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut within = Within::Nothing;
        // The level being read: its index, and whether it overrides a num's.
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = reader.read_event().map_err(|e| format!("word/numbering.xml: {e}"))?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(end) => {
                    match end.local_name().as_ref() {
                        "abstractNum" | "num" => within = Within::Nothing,
                        "lvlOverride" => override_level = None,
                        "lvl" => {
                            if let Some((ilvl, lvl)) = level.take() {
                                match within {
                                    Within::Abstract(id) => {
                                        let a = numbering.abstracts.entry(id).or_default();
                                        if a.levels.len() <= ilvl {
                                            a.levels.resize(ilvl + 1, None);
                                        }
                                        a.levels[ilvl] = Some(lvl);
                                    }
                                    Within::Num(id) => {
                                        numbering.nums.entry(id).or_default().level_overrides[ilvl] = Some(lvl);
                                    }
                                    Within::Nothing => {}
                                }
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => return Ok(numbering),
                _ => continue,
            };
            match local(e) {
                "abstractNum" => {
                    within = number(e, "abstractNumId").map_or(Within::Nothing, |id| {
                        numbering.abstracts.entry(id).or_default();
                        Within::Abstract(id)
                    });
                }
                "num" => {
                    within = number(e, "numId").map_or(Within::Nothing, |id| {
                        numbering.nums.entry(id).or_default();
                        Within::Num(id)
                    });
                }
                "abstractNumId" => {
                    if let (Within::Num(id), Some(a)) = (&within, number(e, "val")) {
                        numbering.nums.entry(*id).or_default().abstract_id = a;
                    }
                }
                "numStyleLink" | "styleLink" => {
                    if let Within::Abstract(id) = within {
                        let a = numbering.abstracts.entry(id).or_default();
                        let link = attribute(e, "val");
                        if local(e) == "numStyleLink" { a.num_style_link = link } else { a.style_link = link }
                    }
                }
                "lvlOverride" => override_level = number(e, "ilvl").map(|l| l as usize).filter(|&l| l < LEVELS),
                "startOverride" => {
                    if let (Within::Num(id), Some(l), Some(start)) = (&within, override_level, number(e, "val")) {
                        numbering.nums.entry(*id).or_default().start_overrides[l] = Some(start);
                    }
                }
                "lvl" if !empty => {
                    let ilvl = number(e, "ilvl").map_or(override_level.unwrap_or(0), |l| l as usize);
                    level = (ilvl < LEVELS).then(Level::default).map(|l| (ilvl, l));
                }
                name => {
                    if let Some((_, lvl)) = level.as_mut() {
                        let value = attribute(e, "val");
                        match name {
                            "start" => lvl.start = value.and_then(|v| v.parse().ok()).unwrap_or(1),
                            "numFmt" => lvl.format = value.unwrap_or_default(),
                            // Word allows 255 characters; a longer text would
                            // only multiply the output (a hostile file).
                            "lvlText" => lvl.text = value.unwrap_or_default().chars().take(MAX_LEVEL_TEXT).collect(),
                            "lvlRestart" => lvl.restart = value.and_then(|v| v.parse().ok()),
                            "isLgl" => lvl.legal = value.is_none_or(|v| v != "0" && v != "false"),
                            "suff" => lvl.suffix = value.unwrap_or_default(),
                            "pStyle" => lvl.style = value,
                            _ => {}
                        }
                    }
                }
            }
        }
    }

    /// The abstract numbering of `num`, through a numbering style it links to.
    fn abstract_of(&self, num: u32, styles: &Styles) -> Option<u32> {
        let mut id = self.nums.get(&num)?.abstract_id;
        for _ in 0..MAX_LINKS {
            let a = self.abstracts.get(&id)?;
            let Some(link) = &a.num_style_link else { return Some(id) };
            // The numbering style names a num whose abstract holds the levels.
            let linked = styles.by_id.get(link).and_then(|s| s.num.num)?;
            id = self.nums.get(&linked)?.abstract_id;
        }
        None
    }

    fn level(&self, num: u32, abstract_id: u32, ilvl: usize) -> Option<&Level> {
        let overridden = self.nums.get(&num).and_then(|n| n.level_overrides.get(ilvl)?.as_ref());
        overridden.or_else(|| self.abstracts.get(&abstract_id)?.levels.get(ilvl)?.as_ref())
    }

    /// Where level `ilvl` of list `num` starts (and restarts): its start
    /// override, else its level's start.
    fn start(&self, num: u32, abstract_id: u32, ilvl: usize) -> u32 {
        let overridden = self.nums.get(&num).and_then(|n| *n.start_overrides.get(ilvl)?);
        overridden.unwrap_or_else(|| self.level(num, abstract_id, ilvl).map_or(1, |l| l.start))
    }
}

/// The current number of each level of each abstract numbering.
#[derive(Debug, Default)]
struct Counters {
    values: HashMap<u32, [Option<u32>; LEVELS]>,
    /// The nums already used: a start override applies at their first paragraph.
    started: HashSet<u32>,
}

impl Counters {
    /// The number of a paragraph in list `num` at level `ilvl`, as shown.
    fn next(&mut self, numbering: &Numbering, styles: &Styles, num: u32, ilvl: usize) -> Option<Level> {
        let abstract_id = numbering.abstract_of(num, styles)?;
        let level = numbering.level(num, abstract_id, ilvl)?.clone();
        let values = self.values.entry(abstract_id).or_insert([None; LEVELS]);
        // A list with start overrides starts those levels afresh where it is
        // first used (and they restart at the override later on).
        if self.started.insert(num)
            && let Some(n) = numbering.nums.get(&num)
        {
            for (value, start) in values.iter_mut().zip(&n.start_overrides) {
                if start.is_some() {
                    *value = None;
                }
            }
        }
        values[ilvl] =
            Some(values[ilvl].map_or_else(|| numbering.start(num, abstract_id, ilvl), |v| v.saturating_add(1)));
        for (deeper, value) in values.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = numbering.level(num, abstract_id, deeper).and_then(|l| l.restart);
            // Default: restart after any higher level; 0: never; n: after level n.
            if restart.is_none_or(|r| r != 0 && r as usize > ilvl) {
                *value = None;
            }
        }
        let mut text = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%').then(|| chars.peek().and_then(|d| d.to_digit(10))).flatten();
            match placeholder {
                Some(d @ 1..=9) => {
                    chars.next();
                    let k = d as usize - 1;
                    let of = numbering.level(num, abstract_id, k);
                    let value = values[k].unwrap_or_else(|| numbering.start(num, abstract_id, k));
                    let format = if level.legal && k != ilvl { "decimal" } else { of.map_or("decimal", |l| &l.format) };
                    text.push_str(&format_number(value, format));
                }
                _ => text.push(c),
            }
        }
        Some(Level { text, ..level })
    }
}

/// The marker Word draws for a paragraph: the number, then what separates it
/// from the text. A bullet is no number, and is left out.
fn marker(level: &Level) -> Option<String> {
    if level.format == "bullet" || level.text.is_empty() {
        return None;
    }
    let ends_in_punctuation = level.text.ends_with(|c: char| "、，．。：）)】〕」".contains(c));
    let separator = match level.suffix.as_str() {
        "nothing" => "",
        _ if ends_in_punctuation => "",
        _ => " ",
    };
    Some(format!("{}{separator}", level.text))
}

/// `n` written in Word's number format `format`.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d)).collect()
        }
        // The marker grammar's glyphs: ①–㊿, ⑴–⒇, ⒈–⒛, 甲–癸 (decimal beyond).
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => glyph(NumeralKind::Circled, n),
        "decimalEnclosedParen" => glyph(NumeralKind::ParenDigit, n),
        "decimalEnclosedFullstop" => glyph(NumeralKind::PeriodDigit, n),
        "ideographTraditional" => glyph(NumeralKind::Stem, n),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese(n, &SIMPLE),
        "chineseLegalSimplified" => chinese(n, &LEGAL_SIMPLIFIED),
        "ideographLegalTraditional" | "japaneseLegal" => chinese(n, &LEGAL_TRADITIONAL),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|d| SIMPLE.digits[d.to_digit(10).unwrap_or(0) as usize]).collect()
        }
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// `n` as the marker grammar writes it in `kind`, else decimal.
fn glyph(kind: NumeralKind, n: u32) -> String {
    crate::grammar::numeral::render(kind, n).unwrap_or_else(|| n.to_string())
}

fn cycle(n: u32, names: &str) -> String {
    let names: Vec<char> = names.chars().collect();
    names.get((n as usize).wrapping_sub(1)).map_or_else(|| n.to_string(), char::to_string)
}

fn letters(n: u32, a: u8) -> String {
    // Word repeats the letter: Z, AA, BB … (a hostile start value would
    // repeat it millions of times: past 30 repeats, decimal).
    if n == 0 || n > 26 * 30 {
        return n.to_string();
    }
    let letter = char::from(a + u8::try_from((n - 1) % 26).unwrap_or(0));
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, name) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(name);
            n -= value;
        }
    }
    out
}

/// The characters of a Chinese numbering.
struct Numerals {
    digits: [char; 10],
    ten: char,
    hundred: char,
    thousand: char,
}

const SIMPLE: Numerals = Numerals {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    ten: '十',
    hundred: '百',
    thousand: '千',
};
const LEGAL_SIMPLIFIED: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
};
const LEGAL_TRADITIONAL: Numerals = Numerals {
    digits: ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
};

/// `n` in Chinese counting as Word writes it: 十, 十一, 二十, 一百〇一,
/// 一百一十 (up to 9 999; beyond, decimal; the legal forms write 零).
fn chinese(n: u32, numerals: &Numerals) -> String {
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = [Some(numerals.thousand), Some(numerals.hundred), Some(numerals.ten), None];
    let mut out = String::new();
    let mut zero_pending = false;
    for (k, (&d, unit)) in digits.iter().zip(units).enumerate() {
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push(numerals.digits[0]);
            zero_pending = false;
        }
        // 十一 not 一十一, when ten is the leading place (simple counting).
        let leading_ten = k == 2 && out.is_empty() && d == 1 && numerals.ten == '十';
        if !leading_ten {
            out.push(numerals.digits[d as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

/// A paragraph being read: its style, numbering and text.
#[derive(Debug, Default)]
struct Paragraph {
    /// Its mark is deleted (a tracked change): it joins the next paragraph.
    mark_deleted: bool,
    style: Option<String>,
    num: NumRef,
    text: String,
}

/// The body of `document.xml` as lines.
#[allow(clippy::too_many_lines)] // one match over the elements that carry text
fn body(xml: &str, styles: &Styles, numbering: &Numbering, counters: &mut Counters) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    // How deep inside what is left out: deleted or moved-away text, a
    // field's code, alternate content's fallback, old properties of a change.
    let mut skip = 0usize;
    let mut in_text = false;
    // Table rows: the cells of the innermost open row.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_ppr = 0usize;
    // The text of paragraphs whose marks were deleted, for the next one.
    let mut carried = String::new();
    let finish = |p: Paragraph, counters: &mut Counters| -> String {
        // Field by field: a paragraph may give only its level (Tab on a
        // styled list item) and take its list from its style.
        let from_style = p.style.as_deref().and_then(|s| styles.numbering(s));
        let direct = p.num.num.is_some() || p.num.level.is_some();
        let num = match (direct, from_style) {
            (true, style) => Some(NumRef {
                num: p.num.num.or(style.and_then(|s| s.num)),
                level: p.num.level.or(style.and_then(|s| s.level)),
            }),
            (false, style) => style,
        };
        let level_of_style = || {
            // A style-borne number without a level: the level that names the style.
            let style = p.style.as_deref()?;
            let num = num?.num?;
            let abstract_id = numbering.abstract_of(num, styles)?;
            let levels = &numbering.abstracts.get(&abstract_id)?.levels;
            levels.iter().position(|l| l.as_ref().is_some_and(|l| l.style.as_deref() == Some(style)))
        };
        let marker = num
            .and_then(|n| {
                let id = n.num.filter(|&id| id != 0)?;
                let ilvl = n.level.map(|l| l as usize).or_else(level_of_style).unwrap_or(0);
                (ilvl < LEVELS).then(|| counters.next(numbering, styles, id, ilvl)).flatten()
            })
            .and_then(|level| marker(&level));
        let text = p.text.trim_end_matches(['\r', '\n']);
        match marker {
            Some(m) => format!("{m}{text}"),
            None => text.to_string(),
        }
    };
    loop {
        if out.len() as u64 > MAX_PART {
            return Err(format!("its text passes {} MB: refused", MAX_PART >> 20));
        }
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                mark_deletion(name, in_ppr, skip, &mut paragraphs);
                if skip > 0
                    || matches!(
                        name,
                        "del"
                            | "moveFrom"
                            | "instrText"
                            | "delInstrText"
                            | "Fallback"
                            | "pPrChange"
                            | "rPrChange"
                            | "numberingChange"
                    )
                {
                    skip += 1;
                    continue;
                }
                match name {
                    "p" => paragraphs.push(Paragraph::default()),
                    "pPr" => in_ppr += 1,
                    "t" => in_text = true,
                    "tr" => rows.push(Vec::new()),
                    "tc" => {
                        if let Some(row) = rows.last_mut() {
                            row.push(String::new());
                        }
                    }
                    _ => ppr_element(&e, in_ppr, &mut paragraphs),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let name = local(&e);
                mark_deletion(name, in_ppr, skip, &mut paragraphs);
                let text = paragraphs.last_mut().map(|p| &mut p.text);
                match (name, text) {
                    ("tab" | "ptab", Some(t)) if in_ppr == 0 => t.push('\t'),
                    ("br" | "cr", Some(t)) => {
                        // A page or column break is no text; a line break
                        // stays within its paragraph's line.
                        if attribute(&e, "type").is_none_or(|k| k == "textWrapping") {
                            t.push(' ');
                        }
                    }
                    ("noBreakHyphen", Some(t)) => t.push('-'),
                    ("p", _) => paragraphs.push(Paragraph::default()),
                    _ => ppr_element(&e, in_ppr, &mut paragraphs),
                }
                if name == "p"
                    && let Some(p) = joined(paragraphs.pop(), &mut carried)
                {
                    emit(&finish(p, counters), &mut rows, &mut out);
                }
            }
            Event::Text(t) if skip == 0 && in_text => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) if skip == 0 && in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml_content(quick_xml::XmlVersion::Implicit1_0).as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(c), Some(p)) = (c, paragraphs.last_mut()) {
                    p.text.push(c);
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "p" => {
                        if let Some(p) = joined(paragraphs.pop(), &mut carried) {
                            let line = finish(p, counters);
                            emit(&line, &mut rows, &mut out);
                        }
                    }
                    "tr" => {
                        if let Some(row) = rows.pop() {
                            let line = row.iter().map(|c| c.trim()).collect::<Vec<_>>().join("\t");
                            emit(&line, &mut rows, &mut out);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A deleted paragraph mark (`w:del` in the mark's run properties) makes
/// its paragraph one with the next, as accepting the change would.
fn mark_deletion(name: &str, in_ppr: usize, skip: usize, paragraphs: &mut [Paragraph]) {
    if in_ppr > 0
        && skip == 0
        && matches!(name, "del" | "moveFrom")
        && let Some(p) = paragraphs.last_mut()
    {
        p.mark_deleted = true;
    }
}

/// A finished paragraph with the text of any joined to it; `None` while it
/// is to be joined to the next.
fn joined(p: Option<Paragraph>, carried: &mut String) -> Option<Paragraph> {
    let mut p = p?;
    if p.mark_deleted {
        carried.push_str(&p.text);
        return None;
    }
    if !carried.is_empty() {
        p.text.insert_str(0, &std::mem::take(carried));
    }
    Some(p)
}

/// A paragraph's properties: its style and numbering.
fn ppr_element(e: &BytesStart<'_>, in_ppr: usize, paragraphs: &mut [Paragraph]) {
    if in_ppr == 0 {
        return;
    }
    let Some(p) = paragraphs.last_mut() else { return };
    match local(e) {
        "pStyle" => p.style = attribute(e, "val"),
        "numId" => p.num.num = number(e, "val"),
        "ilvl" => p.num.level = number(e, "val"),
        _ => {}
    }
}

/// A finished line: into the cell of the open table row, or the output.
fn emit(line: &str, rows: &mut [Vec<String>], out: &mut String) {
    if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
        if !cell.is_empty() && !line.is_empty() {
            cell.push(' ');
        }
        cell.push_str(line);
        return;
    }
    out.push_str(line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (101, "一百〇一"),
            (110, "一百一十"),
        ];
        for (n, s) in cases {
            assert_eq!(format_number(n, "chineseCounting"), s, "{n}");
        }
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "㉑");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
    }
}
