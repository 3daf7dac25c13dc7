//! YAML output: a serde serializer that writes block-style YAML straight to a
//! writer, one value at a time, with no intermediate tree or event list.
//!
//! The layout and the choice of scalar styles follow libyaml's emitter (as
//! `serde_yaml` drives it: no line folding, Unicode kept as it is), so that
//! the output is what users of earlier versions saw, byte for byte, with one
//! difference: strings that YAML 1.1 readers (PyYAML, many others) would take
//! for something else are quoted. `yes`, `no`, `on`, `off`, `y`, `n`,
//! `2001-12-14`, `1:20` or `0o17` as a title would otherwise come back as a
//! boolean, a date or a number; quoted, `yaml.safe_load` of the YAML equals
//! the JSON.

use std::io::{self, Write};

use serde::ser::{self, Serialize};

use crate::outline::Outline;

/// The outline as YAML.
pub fn yaml(outline: &Outline<'_>) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every value of an outline serialises.
    let _ = write_yaml(outline, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the outline as YAML to `out`, streaming.
///
/// # Errors
/// The writer's I/O error.
pub fn write_yaml(outline: &Outline<'_>, out: impl Write) -> io::Result<()> {
    to_writer(outline, out)
}

/// Writes any serde value as block-style YAML.
///
/// # Errors
/// The writer's I/O error (or a value YAML cannot hold, such as bytes).
pub(crate) fn to_writer<T: Serialize + ?Sized>(value: &T, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    value.serialize(Node { out: &mut out, at: At::Root }).map_err(|e| e.0)?;
    out.flush()
}

/// An I/O error, or a value YAML cannot hold (as `io::ErrorKind::InvalidData`).
#[derive(Debug)]
pub(crate) struct Error(io::Error);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(io::Error::new(io::ErrorKind::InvalidData, msg.to_string()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error(e)
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// Where a value stands, which decides how it is introduced.
#[derive(Clone, Copy, Debug)]
enum At {
    /// The whole document.
    Root,
    /// After `key:` in a mapping whose keys stand at column `indent`.
    Value { indent: usize },
    /// After `- ` in a sequence whose dashes stand at column `indent`.
    Item { indent: usize },
}

impl At {
    /// The column of the entries of a mapping that stands here, and whether
    /// its first key follows on the current line.
    fn mapping(self) -> (usize, bool) {
        match self {
            At::Root => (0, false),
            At::Value { indent } => (indent + 2, false),
            At::Item { indent } => (indent + 2, true),
        }
    }

    /// The column of the dashes of a sequence that stands here (a sequence
    /// under a key is not indented, as libyaml writes it), and whether its
    /// first item follows on the current line.
    fn sequence(self) -> (usize, bool) {
        match self {
            At::Root => (0, false),
            At::Value { indent } => (indent, false),
            At::Item { indent } => (indent + 2, true),
        }
    }

    /// The column of the lines of a block scalar standing here.
    fn block(self) -> usize {
        match self {
            At::Root => 0,
            At::Value { indent } | At::Item { indent } => indent + 2,
        }
    }
}

/// Serialises one value at one place.
struct Node<'w, W: Write> {
    out: &'w mut W,
    at: At,
}

fn spaces(out: &mut impl Write, n: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        left -= k;
    }
    Ok(())
}

impl<W: Write> Node<'_, W> {
    /// A scalar written as it is (a number, `null`, a boolean).
    fn raw(self, text: &str) -> Result {
        if matches!(self.at, At::Value { .. }) {
            self.out.write_all(b" ")?;
        }
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn string(self, s: &str) -> Result {
        if matches!(self.at, At::Value { .. }) {
            self.out.write_all(b" ")?;
        }
        scalar(self.out, s, self.at.block(), false)?;
        Ok(())
    }

    fn empty(&mut self, text: &str) -> Result {
        match self.at {
            At::Value { .. } => writeln!(self.out, " {text}")?,
            At::Root | At::Item { .. } => writeln!(self.out, "{text}")?,
        }
        Ok(())
    }
}

/// How a string is written (libyaml's scalar styles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// What libyaml's analysis finds in a string (`yaml_emitter_analyze_scalar`).
#[derive(Clone, Copy, Debug, Default)]
struct Analysis {
    block_plain: bool,
    single: bool,
    block: bool,
    multiline: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank_or_end(c: Option<char>) -> bool {
    c.is_none_or(|c| c == ' ' || c == '\t' || is_break(c) || c == '\0')
}

/// libyaml's printable set: LF, ASCII graphic and space, and everything
/// above U+009F except surrogates, U+FEFF, U+FFFE and U+FFFF.
fn is_printable(c: char) -> bool {
    match c {
        '\n' | ' '..='~' | '\u{10000}'..='\u{10ffff}' => true,
        '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        _ => false,
    }
}

fn analyse(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis { block_plain: true, single: true, block: false, multiline: false };
    }
    let (mut block_indicators, mut line_breaks, mut special) = (false, false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break, mut previous_space, mut previous_break) = (false, false, false, false);
    if s.starts_with("---") || s.starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut chars = s.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let followed_by_whitespace = is_blank_or_end(next);
        if first {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                block_indicators = true;
            }
            if (c == '?' || c == ':') && followed_by_whitespace {
                block_indicators = true;
            }
            if c == '-' && followed_by_whitespace {
                block_indicators = true;
            }
        } else {
            if c == ':' && followed_by_whitespace {
                block_indicators = true;
            }
            if c == '#' && preceded_by_whitespace {
                block_indicators = true;
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        let last = next.is_none();
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            leading_break |= first;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = c == ' ' || c == '\t' || is_break(c) || c == '\0';
        first = false;
    }
    let mut a = Analysis { block_plain: true, single: true, block: true, multiline: line_breaks };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a.block_plain = false;
        a.single = false;
        a.block = false;
    }
    if line_breaks || block_indicators {
        a.block_plain = false;
    }
    a
}

/// The style libyaml would use for `s` as serde_yaml asks for it (a literal
/// block for text with a line feed, quotes for what would read as another
/// type), with YAML 1.1's other types quoted too.
fn style(s: &str, key: bool) -> Style {
    let a = analyse(s);
    let wanted = if s.contains('\n') {
        Style::Literal
    } else if reads_as_other_type(s) {
        Style::Single
    } else {
        Style::Plain
    };
    let mut style = wanted;
    if key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && (!a.block_plain || (s.is_empty() && key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block || key) {
        style = Style::Double;
    }
    style
}

/// Writes the scalar `s`; block scalars put their lines at column `indent`.
fn scalar(out: &mut impl Write, s: &str, indent: usize, key: bool) -> io::Result<()> {
    match style(s, key) {
        Style::Plain => {
            out.write_all(s.as_bytes())?;
        }
        Style::Single => single_quoted(out, s, indent)?,
        Style::Double => double_quoted(out, s)?,
        Style::Literal => {
            literal(out, s, indent)?;
            // A block scalar that ends with its line break has ended its line.
            if s.ends_with(is_break) {
                return Ok(());
            }
        }
    }
    if !key {
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn single_quoted(out: &mut impl Write, s: &str, indent: usize) -> io::Result<()> {
    out.write_all(b"'")?;
    let mut breaks = false;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if is_break(c) {
            if !breaks && c == '\n' {
                out.write_all(b"\n")?;
            }
            out.write_all(if c == '\n' { b"\n" } else { c.encode_utf8(&mut buf).as_bytes() })?;
            breaks = true;
        } else {
            if breaks {
                spaces(out, indent)?;
            }
            if c == '\'' {
                out.write_all(b"'")?;
            }
            out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            breaks = false;
        }
    }
    if breaks {
        spaces(out, indent)?;
    }
    out.write_all(b"'")
}

fn double_quoted(out: &mut impl Write, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
            let escape = match c {
                '\0' => "0",
                '\u{7}' => "a",
                '\u{8}' => "b",
                '\t' => "t",
                '\n' => "n",
                '\u{b}' => "v",
                '\u{c}' => "f",
                '\r' => "r",
                '\u{1b}' => "e",
                '"' => "\"",
                '\\' => "\\",
                '\u{85}' => "N",
                '\u{a0}' => "_",
                '\u{2028}' => "L",
                '\u{2029}' => "P",
                _ => "",
            };
            if escape.is_empty() {
                let v = u32::from(c);
                if v <= 0xff {
                    write!(out, "\\x{v:02X}")?;
                } else if v <= 0xffff {
                    write!(out, "\\u{v:04X}")?;
                } else {
                    write!(out, "\\U{v:08X}")?;
                }
            } else {
                write!(out, "\\{escape}")?;
            }
        } else {
            out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
        }
    }
    out.write_all(b"\"")
}

fn literal(out: &mut impl Write, s: &str, indent: usize) -> io::Result<()> {
    out.write_all(b"|")?;
    if s.starts_with(' ') || s.starts_with(is_break) {
        out.write_all(b"2")?;
    }
    let mut tail = s.chars().rev();
    let chomp = match (tail.next(), tail.next()) {
        (Some(last), _) if !is_break(last) => "-",
        (Some(_), None) => "+",
        (Some(_), Some(before)) if is_break(before) => "+",
        _ => "",
    };
    out.write_all(chomp.as_bytes())?;
    out.write_all(b"\n")?;
    let mut breaks = true;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if is_break(c) {
            out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            breaks = true;
        } else {
            if breaks {
                spaces(out, indent)?;
            }
            out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            breaks = false;
        }
    }
    Ok(())
}

/// Whether a YAML reader would take the plain scalar `s` for something other
/// than a string: what serde_yaml reads as null, a boolean or a number, and
/// what YAML 1.1 adds (yes/no/on/off/y/n, sexagesimal and octal numbers,
/// underscores in numbers, timestamps, the merge key `<<` and `=`).
fn reads_as_other_type(s: &str) -> bool {
    if s.is_empty() || matches!(s, "~" | "null" | "Null" | "NULL" | "<<" | "=") {
        return true;
    }
    let booleans = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ];
    if booleans.contains(&s) {
        return true;
    }
    // Everything below starts with a sign, a digit or a dot.
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return false;
    }
    rust_number(s) || yaml11::int(s) || yaml11::float(s) || yaml11::timestamp(s)
}

/// What serde_yaml reads as a number (`0x1F`, `0o17`, `-12`, `1e5`, `.inf`)
/// or keeps a string only because of a leading zero (`007`, which it quotes).
fn rust_number(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned.starts_with(['+', '-']) {
        return false;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix)
            && !rest.starts_with(['+', '-'])
            && u128::from_str_radix(rest, radix).is_ok()
        {
            return true;
        }
    }
    let leading_zero =
        unsigned.len() > 1 && unsigned.starts_with('0') && unsigned[1..].bytes().all(|b| b.is_ascii_digit());
    leading_zero
        || unsigned.parse::<u128>().is_ok()
        || matches!(unsigned, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN")
        || unsigned.parse::<f64>().is_ok_and(f64::is_finite)
}

/// YAML 1.1's implicit types, as PyYAML's resolver reads them.
mod yaml11 {
    /// A cursor over ASCII bytes, for the small patterns below.
    struct Cur<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl<'a> Cur<'a> {
        fn new(s: &'a str) -> Self {
            Cur { b: s.as_bytes(), i: 0 }
        }
        fn eat(&mut self, f: impl Fn(u8) -> bool) -> bool {
            if self.b.get(self.i).is_some_and(|&c| f(c)) {
                self.i += 1;
                true
            } else {
                false
            }
        }
        fn eat_str(&mut self, s: &str) -> bool {
            if self.b[self.i..].starts_with(s.as_bytes()) {
                self.i += s.len();
                true
            } else {
                false
            }
        }
        fn many(&mut self, f: impl Fn(u8) -> bool) -> usize {
            let from = self.i;
            while self.eat(&f) {}
            self.i - from
        }
        fn sign(&mut self) {
            self.eat(|c| c == b'+' || c == b'-');
        }
        fn done(&self) -> bool {
            self.i == self.b.len()
        }
    }

    fn digit(c: u8) -> bool {
        c.is_ascii_digit()
    }
    fn digit_(c: u8) -> bool {
        c.is_ascii_digit() || c == b'_'
    }

    /// `(:[0-5]?[0-9])+`
    fn sexagesimal_tail(c: &mut Cur<'_>) -> bool {
        let mut any = false;
        while c.eat(|b| b == b':') {
            let from = c.i;
            let two =
                c.b.get(c.i).is_some_and(|b| (b'0'..=b'5').contains(b)) && c.b.get(c.i + 1).is_some_and(|b| digit(*b));
            if two {
                c.i += 2;
            } else if !c.eat(digit) {
                c.i = from;
                return false;
            }
            any = true;
        }
        any
    }

    /// `[-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
    pub(super) fn int(s: &str) -> bool {
        let mut c = Cur::new(s);
        c.sign();
        let start = c.i;
        if c.eat_str("0b") {
            return c.many(|b| b == b'0' || b == b'1' || b == b'_') > 0 && c.done();
        }
        c.i = start;
        if c.eat_str("0x") {
            return c.many(|b| b.is_ascii_hexdigit() || b == b'_') > 0 && c.done();
        }
        c.i = start;
        if c.eat(|b| b == b'0') {
            return c.done() || (c.many(|b| (b'0'..=b'7').contains(&b) || b == b'_') > 0 && c.done());
        }
        if !c.eat(|b| (b'1'..=b'9').contains(&b)) {
            return false;
        }
        c.many(digit_);
        c.done() || (sexagesimal_tail(&mut c) && c.done())
    }

    /// `[-+]?([0-9][0-9_]*)\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9][0-9_]*([eE][-+][0-9]+)?
    /// | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
    pub(super) fn float(s: &str) -> bool {
        let exponent = |c: &mut Cur<'_>| {
            let from = c.i;
            if c.eat(|b| b == b'e' || b == b'E') && c.eat(|b| b == b'+' || b == b'-') && c.many(digit) > 0 {
                return;
            }
            c.i = from;
        };
        if matches!(s, ".nan" | ".NaN" | ".NAN") {
            return true;
        }
        let mut c = Cur::new(s);
        c.sign();
        let signed = c.i;
        if c.eat(|b| b == b'.') && (c.eat_str("inf") || c.eat_str("Inf") || c.eat_str("INF")) && c.done() {
            return true;
        }
        c.i = signed;
        if c.eat(digit) {
            c.many(digit_);
            let mark = c.i;
            if c.eat(|b| b == b'.') {
                c.many(digit_);
                exponent(&mut c);
                if c.done() {
                    return true;
                }
            }
            c.i = mark;
            if sexagesimal_tail(&mut c) && c.eat(|b| b == b'.') {
                c.many(digit_);
                return c.done();
            }
            return false;
        }
        // `\.[0-9]…` has no sign in the pattern.
        let mut c = Cur::new(s);
        if c.eat(|b| b == b'.') && c.eat(digit) {
            c.many(digit_);
            exponent(&mut c);
            return c.done();
        }
        false
    }

    /// `YYYY-MM-DD`, or `YYYY-M-D` with a time (`T` or blanks, `H:MM:SS`,
    /// fraction, zone).
    pub(super) fn timestamp(s: &str) -> bool {
        let mut c = Cur::new(s);
        let four = (0..4).all(|_| c.eat(digit));
        if !four || !c.eat(|b| b == b'-') {
            return false;
        }
        let month = c.many(digit);
        if !(1..=2).contains(&month) || !c.eat(|b| b == b'-') {
            return false;
        }
        let day = c.many(digit);
        if !(1..=2).contains(&day) {
            return false;
        }
        if c.done() {
            return month == 2 && day == 2;
        }
        if !c.eat(|b| b == b'T' || b == b't') && c.many(|b| b == b' ' || b == b'\t') == 0 {
            return false;
        }
        let hour = c.many(digit);
        if !(1..=2).contains(&hour) || !c.eat(|b| b == b':') || c.many(digit) != 2 || !c.eat(|b| b == b':') {
            return false;
        }
        if c.many(digit) != 2 {
            return false;
        }
        if c.eat(|b| b == b'.') {
            c.many(digit);
        }
        if c.done() {
            return true;
        }
        c.many(|b| b == b' ' || b == b'\t');
        if c.eat(|b| b == b'Z') {
            return c.done();
        }
        if !c.eat(|b| b == b'+' || b == b'-') {
            return false;
        }
        let zone = c.many(digit);
        if !(1..=2).contains(&zone) {
            return false;
        }
        if c.eat(|b| b == b':') && c.many(digit) != 2 {
            return false;
        }
        c.done()
    }
}

/// A mapping being written.
struct Map<'w, W: Write> {
    out: &'w mut W,
    indent: usize,
    /// The next key follows on the current line (the first key of a mapping
    /// that is a sequence item).
    inline: bool,
}

impl<W: Write> Map<'_, W> {
    fn key(&mut self, key: &str) -> Result {
        if self.inline {
            self.inline = false;
        } else {
            spaces(self.out, self.indent)?;
        }
        scalar(self.out, key, self.indent, true)?;
        self.out.write_all(b":")?;
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Node { out: &mut *self.out, at: At::Value { indent: self.indent } })
    }
}

impl<W: Write> ser::SerializeStruct for Map<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<W: Write> ser::SerializeMap for Map<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let key = key.serialize(KeyString)?;
        self.key(&key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

/// A sequence being written.
struct Seq<'w, W: Write> {
    out: &'w mut W,
    indent: usize,
    inline: bool,
}

impl<W: Write> Seq<'_, W> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        if self.inline {
            self.inline = false;
        } else {
            spaces(self.out, self.indent)?;
        }
        self.out.write_all(b"- ")?;
        value.serialize(Node { out: &mut *self.out, at: At::Item { indent: self.indent } })
    }
}

impl<W: Write> ser::SerializeSeq for Seq<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<W: Write> ser::SerializeTuple for Seq<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

impl<W: Write> ser::SerializeTupleStruct for Seq<'_, W> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }

    fn end(self) -> Result {
        Ok(())
    }
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(ser::Error::custom(format!("YAML output does not support {what}")))
}

impl<'w, W: Write> ser::Serializer for Node<'w, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'w, W>;
    type SerializeTuple = Seq<'w, W>;
    type SerializeTupleStruct = Seq<'w, W>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Map<'w, W>;
    type SerializeStruct = Map<'w, W>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.raw(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.raw(itoa::Buffer::new().format(v))
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.raw(itoa::Buffer::new().format(v))
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        let text = if v.is_nan() {
            ".nan".to_string()
        } else if v.is_infinite() {
            if v > 0.0 { ".inf" } else { "-.inf" }.to_string()
        } else {
            let s = v.to_string();
            if s.contains(['.', 'e', 'E']) { s } else { format!("{s}.0") }
        };
        self.raw(&text)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result {
        self.raw("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.raw("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.raw("null")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        unsupported("enum variants with data")
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'w, W>> {
        if len == Some(0) {
            let mut this = self;
            this.empty("[]")?;
            return Ok(Seq { out: this.out, indent: 0, inline: false });
        }
        let (indent, inline) = self.at.sequence();
        if !inline && matches!(self.at, At::Value { .. }) {
            self.out.write_all(b"\n")?;
        }
        Ok(Seq { out: self.out, indent, inline })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'w, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'w, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        unsupported("enum variants with data")
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map<'w, W>> {
        if len == Some(0) {
            let mut this = self;
            this.empty("{}")?;
            return Ok(Map { out: this.out, indent: 0, inline: false });
        }
        let (indent, inline) = self.at.mapping();
        if matches!(self.at, At::Value { .. }) {
            self.out.write_all(b"\n")?;
        }
        Ok(Map { out: self.out, indent, inline })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map<'w, W>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        unsupported("enum variants with data")
    }
}

/// Map keys must be strings (or numbers, written as strings).
struct KeyString;

impl ser::Serializer for KeyString {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String> {
        unsupported("bytes as keys")
    }
    fn serialize_none(self) -> Result<String> {
        unsupported("null keys")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String> {
        unsupported("null keys")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String> {
        unsupported("null keys")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String> {
        unsupported("compound keys")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        unsupported("compound keys")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        unsupported("compound keys")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        unsupported("compound keys")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        unsupported("compound keys")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        unsupported("compound keys")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        unsupported("compound keys")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        unsupported("compound keys")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y<T: Serialize>(v: &T) -> String {
        let mut out = Vec::new();
        to_writer(v, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn yaml_1_1_types_are_quoted() {
        for s in [
            "yes",
            "No",
            "on",
            "OFF",
            "y",
            "N",
            "2001-12-14",
            "2001-1-4 1:02:03",
            "1:20",
            "190:20:30.15",
            "0o17",
            "0x1F",
            "1_000",
            "017",
            "<<",
            "=",
            "~",
            "null",
            ".5",
            "1e5",
            "-.inf",
            "+1",
        ] {
            assert_eq!(y(&s), format!("'{s}'\n"), "{s}");
        }
        for s in ["yesterday", "一、", "2001-12-14 全会", "1.5倍", "5G", "v1.2", "3.8%", "12345热线", "a: b"] {
            assert!(!y(&s).starts_with('\'') || s == "a: b", "{s}: {}", y(&s));
        }
    }

    /// serde_yaml (libyaml) as the reference, where YAML 1.1 does not differ.
    fn same_as_serde_yaml(s: &str) {
        #[derive(serde::Serialize)]
        struct Item<'a> {
            marker: &'a str,
            body: Option<&'a str>,
            children: Vec<Item<'a>>,
        }
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            title: &'a str,
            items: Vec<Item<'a>>,
        }
        let leaf = Item { marker: s, body: Some(s), children: vec![] };
        let doc = Doc { title: s, items: vec![Item { marker: "一、", body: Some(s), children: vec![leaf] }] };
        let theirs = serde_yaml::to_string(&doc).unwrap();
        let ours = y(&doc);
        if reads_as_other_type(s) && !theirs.contains(&format!("title: '{}'", s.replace('\'', "''"))) {
            return; // YAML 1.1 quoting: ours is quoted where theirs is not.
        }
        assert_eq!(ours, theirs, "{s:?}");
    }

    proptest::proptest! {
        #[test]
        fn scalars_are_written_as_libyaml_writes_them(s in "[ a-z0-9:#\\-?'\"\t\n\r.,{}|>!%@`&*\u{85}\u{a0}\u{2028}\u{feff}\u{1f600}一二、（）：]{0,12}") {
            same_as_serde_yaml(&s);
        }
    }

    #[test]
    fn tricky_scalars() {
        for s in [
            "",
            " ",
            "a ",
            " a",
            "a\n",
            "a\n\n",
            "\n",
            "\na",
            " a\nb",
            "a \nb",
            "a\n b",
            "- a",
            "-a",
            "? a",
            ":a",
            "a:",
            "a:b",
            "#a",
            "a #b",
            "a#b",
            "---",
            "...x",
            "'",
            "\"",
            "\t",
            "a\u{2028}b",
            "\u{feff}",
            "😀",
            "一、总则\n二、分则",
            "null",
            "007",
            "+1",
            "1e5",
            "0x1F",
            ".inf",
        ] {
            same_as_serde_yaml(s);
        }
    }

    #[test]
    fn layout_is_libyaml_s() {
        #[derive(serde::Serialize)]
        struct Inner {
            a: Vec<u32>,
            b: &'static str,
            c: Vec<u32>,
        }
        #[derive(serde::Serialize)]
        struct Outer {
            list: Vec<Inner>,
            one: Option<&'static str>,
            body: &'static str,
        }
        let v = Outer {
            list: vec![Inner { a: vec![1, 2], b: "x: y", c: vec![] }], one: None, body: "第一行\n第二行"
        };
        assert_eq!(y(&v), "list:\n- a:\n  - 1\n  - 2\n  b: 'x: y'\n  c: []\none: null\nbody: |-\n  第一行\n  第二行\n");
    }
}
