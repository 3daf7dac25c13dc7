//! Line classification for the document frame: what a line is (a title, a
//! salutation, web furniture, a speaker label, back matter …), judged from
//! its shape and the words of the [`Lexicon`]. The geometry of documents
//! (where one starts, where its body lies) is in `frame`; the words are in
//! `grammar/lexicon.yaml`.

use std::borrow::Cow;

use crate::grammar::{is_cjk_letter, is_space, numeral};
use crate::lexicon::Lexicon;

/// What a line is, as far as the frame is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// Web page furniture: menus, sources, dates of publication, links.
    Boilerplate,
    /// 注释, 名词解释: the notes after a document.
    Notes,
    /// 附件1, 附件：, 附：, 【参考资料】: an attached document follows.
    Attachment,
    /// 抄送：…, …印发: a notice's back matter.
    BackMatter,
    /// 徐直军：, 主持人：alone on its line: another speaker's remarks follow.
    Speaker,
    /// ——在…会议上的讲话, （2024年3月5日）, 国务院总理　李克强, 【导读】…
    TitleBlock,
    /// A short line that could be a title.
    TitleLike,
    /// Anything else.
    Text,
}

/// How a salutation ends: `：` before the speech, `！` inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Term {
    Colon,
    Exclaim,
    /// 同志们，今天… : the salutation opens the first paragraph.
    Comma,
    /// …全體國人同胞，大家好 : nothing after it on the line.
    End,
}

/// Lines longer than this (in bytes, about 100 CJK characters) are body text
/// or boilerplate, never a title, a label or a notes heading.
const LONG_LINE: usize = 300;

/// The longest title line, in characters: a line longer than a tweet is a
/// paragraph, whatever its punctuation.
const TITLE_CHARS: usize = 100;

/// The longest speaker label, in characters (县委常委、组织部部长 李明).
const LABEL_CHARS: usize = 16;

/// The longest salutation of a speech, in characters before its colon (a
/// list of addressees: 尊敬的各位领导、各位来宾、老师们、同学们).
const SALUTATION_CHARS: usize = 60;

/// The longest letterhead (issuer's mark) line, in characters: one or two
/// issuers' names and 文件.
const ISSUER_CHARS: usize = 40;

/// The longest office before a speaker's name in a title block, in
/// characters: a unit and a post or two (白石县自然资源局党组书记、局长).
const OFFICE_CHARS: usize = 24;

/// The longest addressee line of a notice, in characters (a list of offices).
const ADDRESSEE_CHARS: usize = 80;

/// The longest short salutation that opens a paragraph with a comma
/// (同志们，今天…), in characters: a longer opening is a sentence.
const COMMA_SALUTATION_CHARS: usize = 12;

/// The longest whole-line greeting (…全體國人同胞，大家好), in characters.
const GREETING_CHARS: usize = 120;

/// The longest line of a link list or a menu, in characters.
const MENU_CHARS: usize = 60;

/// Classifies lines with the words of a lexicon.
#[derive(Clone, Debug)]
pub(crate) struct Classifier<'l> {
    pub lex: &'l Lexicon,
}

impl Classifier<'_> {
    /// What the line with content `content` is.
    pub fn kind(&self, content: &str) -> Kind {
        if content.is_empty() {
            return Kind::Blank;
        }
        // A long line, or one with a sentence end before its last character, is
        // prose unless it is page furniture or opens a title block: no label,
        // speaker, date or title has a sentence inside it.
        let long = content.len() > LONG_LINE;
        if long || has_sentence_inside(content) {
            let s = if long { Cow::Borrowed(content) } else { strip_pinyin(content) };
            let s = s.trim_matches(|c: char| c == '*' || is_space(c));
            return if self.is_boilerplate(s) {
                Kind::Boilerplate
            } else if self.lex.title_block.openings.opens(s) {
                Kind::TitleBlock
            } else if self.is_back_matter(s) {
                Kind::BackMatter
            } else {
                Kind::Text
            };
        }
        let s = strip_pinyin(content);
        let s = s.trim_matches(|c: char| c == '*' || is_space(c));
        // Most lines have no inner space: borrow them as they are.
        let compact: Cow<'_, str> = if s.contains(is_space) {
            s.chars().filter(|&c| !is_space(c)).collect::<String>().into()
        } else {
            s.into()
        };
        // Before the menu test: 附 录 A, letter-spaced, is three short words.
        if self.is_attachment_label(&compact) {
            return Kind::Attachment;
        }
        if self.is_boilerplate(s) {
            return Kind::Boilerplate;
        }
        if self.lex.notes.is(&compact) {
            return Kind::Notes;
        }
        if self.is_back_matter(s) {
            return Kind::BackMatter;
        }
        if self.is_speaker(s, &compact) {
            return Kind::Speaker;
        }
        if self.is_title_block(s, &compact) {
            return Kind::TitleBlock;
        }
        let chars = compact.chars().count();
        let last = compact.chars().next_back().unwrap_or(' ');
        // A title has no sentence end in it and none after it.
        let sentence_inside = crate::text::has_full_stop(&compact);
        if chars <= TITLE_CHARS
            && !"。；，、：:！？!?;,".contains(last)
            && !sentence_inside
            && self.salutation(s).is_none()
        {
            return Kind::TitleLike;
        }
        Kind::Text
    }

    /// Web furniture: a link, a line opening the lexicon lists (within its
    /// length), an HTML comment, a dateline, a photo caption, a time stamp,
    /// a menu of short labels, an entry of a list of dated links.
    pub fn is_boilerplate(&self, s: &str) -> bool {
        if has_link(s) || s.starts_with("<!--") || self.lex.furniture_opening(s) {
            return true;
        }
        // What follows is looked for in short lines only: a long line is prose.
        if s.len() > LONG_LINE {
            return false;
        }
        if self.lex.furniture_inside.within(s) {
            return true;
        }
        // A dateline: 新华社北京3月17日电.
        if self.lex.datelines.agencies.opens(s) && self.lex.datelines.ends.ends(s) {
            return true;
        }
        // A photo caption: a reporter, then the credit word or a sentence.
        let credits = &self.lex.captions.credits;
        if self.lex.captions.reporters.within(s) && (credits.ends(s) || s.contains('。')) {
            return true;
        }
        // A time stamp: "2026-01-31 07:00:44".
        if s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b':' | b'.' | b' '))
            && s.bytes().any(|b| b.is_ascii_digit())
        {
            return true;
        }
        is_dated_link(s) || is_menu(s)
    }

    /// 抄送：…, …印发: a notice's back matter.
    pub fn is_back_matter(&self, s: &str) -> bool {
        let s = s.trim_end_matches(|c: char| is_space(c) || "。.".contains(c));
        self.lex.back_matter.openings.opens(s)
            || (crate::text::chars_at_most(s, MENU_CHARS) && self.lex.back_matter.endings.ends(s))
    }

    /// 附件, 附件1, 附件2：, 附：; 【参考资料】.
    fn is_attachment_label(&self, compact: &str) -> bool {
        if self.lex.attachments.references.is(compact) {
            return true;
        }
        let Some(label) = self.lex.attachments.labels.opening(compact) else { return false };
        let number = compact[label.len()..].trim_end_matches(['：', ':']);
        // 附录A, 附录 B: a standard letters its appendices.
        let letter = {
            let mut chars = number.chars();
            chars.next().is_some_and(|c| numeral::latin(numeral::NumeralKind::LatinUpper, c).is_some())
                && chars.next().is_none()
        };
        letter
            || number
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || numeral::is_cjk_numeral_char(c))
    }

    /// A label alone on its line before another speaker's remarks: it ends
    /// with a colon and names a role (主持人：, 县委书记 李明：) or is a
    /// personal name (张建国：). A label that is neither (工作目标：, 联系人：)
    /// heads a part of the same document.
    fn is_speaker(&self, s: &str, compact: &str) -> bool {
        let Some(head) = compact.strip_suffix(['：', ':']) else { return false };
        // 王桂兰（花园村党支部书记）: a name, then who the speaker is.
        if let Some((name, role)) = head.strip_suffix(['）', ')']).and_then(|h| h.split_once(['（', '(']))
            && role.chars().count() <= LABEL_CHARS
            && role.chars().all(is_cjk_letter)
        {
            return self.is_name(name);
        }
        let chars = head.chars().count();
        if !(2..=LABEL_CHARS).contains(&chars) || !head.chars().all(is_cjk_letter) || self.salutation(s).is_some() {
            return false;
        }
        let speakers = &self.lex.speakers;
        // 县委书记　李明: a role and a name, written apart.
        let words: Vec<&str> = s.trim_end_matches(['：', ':']).split(is_space).filter(|w| !w.is_empty()).collect();
        if let [role, name] = words.as_slice() {
            return speakers.roles.ends(role) && self.is_name(name);
        }
        speakers.roles.ends(head) || speakers.roles.is(head) || self.is_name(head)
    }

    /// A personal name: a surname and one or two more characters, that is no
    /// common word (任务, 方案 start with surnames).
    pub fn is_name(&self, s: &str) -> bool {
        let speakers = &self.lex.speakers;
        let Some(surname) = speakers.surnames.opening(s) else { return false };
        let given = s[surname.len()..].chars().count();
        (1..=2).contains(&given) && !speakers.not_names.opens(s) && s.chars().all(is_cjk_letter)
    }

    /// Lines of a title block: subtitles (——在…), dates, speakers, editorial
    /// notes, document numbers.
    fn is_title_block(&self, s: &str, compact: &str) -> bool {
        if self.lex.title_block.openings.opens(s) || is_date_line(compact) {
            return true;
        }
        // 京经信发〔2022〕87号, （皖政办秘〔2021〕82号）, 电邮文号【2013】82号: a document number.
        if (compact.contains('〔') || compact.contains('【') || compact.contains('['))
            && compact.trim_end_matches(['）', ')']).ends_with('号')
            && compact.chars().count() <= 40
        {
            return true;
        }
        // 青石市教育局文件: the letterhead above a notice's title.
        // …公开招标文件 names its genre: a title, not a letterhead.
        if self.lex.title_block.issuers.ends(compact)
            && compact.chars().count() <= ISSUER_CHARS
            && !self.names_genre(compact)
        {
            return true;
        }
        // （立法院第11屆第1會期經濟委員會）, （根据录音整理）: a note in
        // parentheses, the whole line.
        if let Some(inner) = compact.strip_prefix(['（', '(']).and_then(|c| c.strip_suffix(['）', ')']))
            && !inner.is_empty()
            && !inner.contains(['（', '(', '）', ')', '。'])
            && compact.chars().count() <= TITLE_CHARS
        {
            return true;
        }
        // 2026年1月27日在…会议上: a subtitle opening with the date.
        if let Some((date, _)) = compact.split_once('在')
            && !date.is_empty()
            && is_date_line(date)
            && self.lex.title_block.meetings.within(compact)
        {
            return true;
        }
        // "人民代表大会第五次会议上": the end of a subtitle broken across lines.
        if compact.ends_with('上') && self.lex.title_block.meetings.within(compact) {
            return true;
        }
        // 国务院总理　李克强, 省长 胡玉亭: an office and a name.
        let mut words = s.split(is_space).filter(|w| !w.is_empty());
        let (Some(office), Some(name), None) = (words.next(), words.next(), words.next()) else { return false };
        // 校长　周明远（2024年9月9日）: the date of the speech after the name.
        let name = match name.find(['（', '(']) {
            Some(at) if is_date_line(&name[at..]) => &name[..at],
            _ => name,
        };
        (2..=4).contains(&name.chars().count())
            && office.chars().count() <= OFFICE_CHARS
            && self.lex.title_block.offices.ends(office)
    }

    /// Whether a title names a genre (讲话, 报告, 通知 …). A genre of one
    /// character (法, 函) counts only at the title's end (…行政许可法, before
    /// any （草案）): inside a line it is part of a word (法定, 函数).
    pub fn names_genre(&self, s: &str) -> bool {
        let end = s.trim_end_matches(is_space);
        let end = match end.strip_suffix(['）', ')']).and_then(|e| e.rfind(['（', '('])) {
            Some(open) => &end[..open],
            None => end,
        };
        self.lex.genres.iter().any(|w| if w.chars().count() == 1 { end.ends_with(w) } else { s.contains(w) })
    }

    /// 【参考资料】: appended material that is a document even without items.
    pub fn is_reference_label(&self, content: &str) -> bool {
        let compact: String = content.chars().filter(|&c| !is_space(c)).collect();
        self.lex.attachments.references.is(&compact)
    }

    /// Whether `head` names the people addressed: ends with a title (代表,
    /// 来宾) or a plural (同志们, 僑胞們), not a pronoun (我们).
    pub fn is_addressee(&self, head: &str) -> bool {
        self.lex.salutations.is_addressee(head)
    }

    /// A notice's addressee: 各…政府, 县直各单位, 有关单位.
    fn is_notice_addressee(&self, head: &str) -> bool {
        let n = &self.lex.notice_addressees;
        let last = head.rsplit(['，', ',', '、']).next().unwrap_or(head);
        let opened = n.openings.opens(head) && n.endings.ends(head);
        opened || n.phrases.ends(head) || (n.openings.opens(last) && n.endings.ends(last))
    }

    /// A notice's addressee line by its form alone (各系、实验中心，全体…教师：,
    /// 区人民政府：): it opens or ends like one, ends with a colon, and is short
    /// with no sentence in it. Believed only where a notice puts it: right
    /// under the title block.
    pub fn addressee_form(&self, s: &str) -> bool {
        let Some(head) = s.strip_suffix(['：', ':']) else { return false };
        let n = &self.lex.notice_addressees;
        (n.openings.opens(head) || n.endings.ends(head))
            && head.chars().count() <= ADDRESSEE_CHARS
            && !head.contains(crate::text::ends_sentence)
    }

    /// A salutation's head (before its punctuation): addressees, maybe after
    /// an honorific (尊敬的各位领导), not a sentence about people
    /// (我们的各级领导同志).
    fn is_speech_head(&self, head: &str, max: usize) -> bool {
        let sal = &self.lex.salutations;
        let bare = sal.honorifics.opening(head).map_or(head, |h| &head[h.len()..]);
        // Each addressee of a list opens again with an honorific (尊敬的各位领导、亲爱的同学们).
        let inner_of = bare.split(['、', '，', ',']).all(|part| {
            let part = sal.honorifics.opening(part).map_or(part, |h| &part[h.len()..]);
            !part.contains('的')
        });
        self.is_addressee(bare) && head.chars().count() <= max && inner_of
    }

    /// If `s` starts with a salutation, its length in bytes (with its
    /// punctuation) and how it ends.
    pub fn salutation(&self, s: &str) -> Option<(usize, Term)> {
        let clean = strip_pinyin(s);
        let (at, term) = clean
            .char_indices()
            .find(|(_, c)| matches!(c, '：' | ':' | '！' | '!' | '。' | '；' | '？' | '?' | '，' | ','))
            .map_or((clean.len(), Term::End), |(at, c)| {
                let term = match c {
                    '：' | ':' => Term::Colon,
                    '！' | '!' => Term::Exclaim,
                    '，' | ',' => Term::Comma,
                    _ => Term::End,
                };
                (at, term)
            });
        let head = clean[..at].trim_matches(|c: char| is_space(c) || c == '*' || c == '#');
        let n = head.chars().count();
        let speech = self.is_speech_head(head, SALUTATION_CHARS);
        let notice = term == Term::Colon && n <= ADDRESSEE_CHARS && self.is_notice_addressee(head);
        // 女士们，先生们，同志们： and 各区政府,各相关单位：— commas inside a list of addressees.
        if term == Term::Comma
            && let Some(colon) = clean.find(['：', ':'])
        {
            let head = clean[..colon].trim_matches(|c: char| is_space(c) || c == '*' || c == '#');
            let listed = !crate::text::has_full_stop(head);
            let speech = self.is_speech_head(head, SALUTATION_CHARS);
            let notice = head.chars().count() <= ADDRESSEE_CHARS && self.is_notice_addressee(head);
            if listed && (speech || notice) {
                let end = colon + clean[colon..].chars().next().map_or(0, char::len_utf8);
                return Some((byte_len_in(s, &clean, end), Term::Colon));
            }
        }
        match term {
            Term::Colon | Term::Exclaim if speech || notice => {}
            // 同志们，今天… : only the short forms, at the very start of a paragraph.
            Term::Comma if speech && n <= COMMA_SALUTATION_CHARS && !head.contains('、') => {}
            _ => {
                // "各位友邦的元首與貴賓、…全體國人同胞，大家好": a whole line of greeting.
                let whole = clean.trim_end_matches(|c: char| "！!。".contains(c) || is_space(c));
                let greeting = self.lex.salutations.greetings.ends(whole);
                return (greeting && crate::text::chars_at_most(whole, GREETING_CHARS)).then_some((s.len(), Term::End));
            }
        }
        let end = if term == Term::End { at } else { at + clean[at..].chars().next().map_or(0, char::len_utf8) };
        let end = if term == Term::Comma { at } else { end };
        Some((byte_len_in(s, &clean, end), term))
    }

    /// 各位代表！…: a salutation that closes the current sub-level. Cheap for
    /// the common case, a paragraph with no exclamation mark near its start.
    pub fn is_break(&self, s: &str) -> bool {
        exclaims_early(s.as_bytes()) && self.salutation(s).is_some_and(|(_, t)| t == Term::Exclaim)
    }

    /// A closing line: thanks (谢谢大家！), or a call on the audience or a
    /// wish (同志们，让我们…！, 最后，祝大家…！) that ends the text.
    pub fn is_closing(&self, s: &str) -> bool {
        let s = s.trim_matches(|c: char| c == '*' || is_space(c));
        let closings = &self.lex.closings;
        if closings.thanks.iter().any(|p| s.strip_prefix(p).is_some_and(|r| r.chars().all(|c| "！!。.".contains(c))))
        {
            return true;
        }
        // A call: short enough to be one sentence or two, ending ！ or 。, the
        // call word opening it or its second clause after a vocative or a
        // short word (同志们，让我们…; 最后，祝大家…).
        let ends = s.ends_with(['！', '!']) || s.ends_with('。');
        if !ends || s.chars().count() > CALL_CHARS {
            return false;
        }
        if closings.calls.opens(s) {
            return true;
        }
        let Some((first, rest)) = s.split_once(['，', ',']) else { return false };
        let vocative = self.is_addressee(first) || first.chars().count() <= CALL_LEAD_CHARS;
        vocative && closings.calls.opens(rest.trim_start_matches(is_space))
    }
}

/// The longest word before a closing call that is no vocative (最后, 在此).
const CALL_LEAD_CHARS: usize = 4;

/// The longest closing paragraph, in characters.
const CALL_CHARS: usize = 200;

/// Finds ！ (EF BC 81): built once, used on every line.
static BANG: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("！".as_bytes()));

/// Whether a sentence ends inside `s`, before its last character.
fn has_sentence_inside(s: &str) -> bool {
    let body = s.trim_end_matches(|c: char| is_space(c) || c == '*' || c == '\r');
    let body = body.char_indices().next_back().map_or("", |(at, _)| &body[..at]);
    crate::text::has_full_stop(body)
}

/// How far into a paragraph the exclamation mark of a salutation that
/// breaks it (各位代表！) is looked for, in bytes.
const BREAK_REACH: usize = 120;

/// Whether an exclamation mark stands within [`BREAK_REACH`] bytes of the
/// start of `s` (bytes of a line's content: a caller may pass them without
/// making the line a `str`, which reads its end).
pub(crate) fn exclaims_early(s: &[u8]) -> bool {
    let head = &s[..s.len().min(BREAK_REACH)];
    memchr::memchr(b'!', head).is_some() || BANG.find(head).is_some()
}

/// Whether `s` holds a URL. One pass of `memchr` for the letters a link
/// starts with, then a look at each hit (most lines have none).
fn has_link(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'h', b'w', b'W', b).any(|i| {
        let rest = &b[i..];
        rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www.")
            || rest.starts_with(b"WWW.")
    }) || memchr::memchr_iter(b'H', b).any(|i| b[i..].starts_with(b"HTTP"))
}

/// An entry of a list of links to other articles: a short line that ends
/// with a numeric date (…工作会议召开 [03-11], …通知 2024-03-11). An
/// article's own date is written in words or stands on its own line.
fn is_dated_link(s: &str) -> bool {
    let t = s.trim_end_matches([']', '】', ')', '）']).trim_end_matches(is_space);
    // Most lines end in an ideograph or a stop: no date, nothing to count.
    if !t.ends_with(|c: char| c.is_ascii_digit()) || !crate::text::chars_at_most(s, MENU_CHARS) {
        return false;
    }
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let date: &str = t.rsplit(|c: char| is_space(c) || "[【(（".contains(c)).next().unwrap_or("");
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let dated = match parts.as_slice() {
        [m, d] => digits(m) && digits(d) && m.len() <= 2 && d.len() <= 2,
        [y, m, d] => digits(y) && y.len() == 4 && digits(m) && digits(d) && m.len() <= 2 && d.len() <= 2,
        _ => false,
    };
    // Something stands before the date: a linked title.
    dated && t.len() > date.len() + 3
}

/// A menu: three or more short labels on one line, apart (首页 机构概况
/// 政务公开 新闻中心, or with | between them).
fn is_menu(s: &str) -> bool {
    let apart = |c: char| is_space(c) || matches!(c, '|' | '｜' | '·' | '•' | '/');
    // Most lines are long or have no such separator: nothing to split.
    if !crate::text::chars_at_most(s, MENU_CHARS) || !s.contains(apart) {
        return false;
    }
    let mut labels = s.split(apart).filter(|w| !w.is_empty());
    let mut n = 0;
    let short = labels.all(|w| {
        n += 1;
        w.chars().count() <= 6 && !w.contains(['。', '，', '：'])
    });
    n >= 3 && short
}

/// （2024年3月5日）, 2013年5月17日, （一九四二年二月八日）, 二○一七年一月十日.
pub(crate) fn is_date_line(s: &str) -> bool {
    if s.len() > 96 {
        return false;
    }
    let inner = s
        .trim_matches(|c: char| is_space(c) || c == '*')
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim_matches(is_space);
    let mut chars = inner.chars().filter(|&c| !is_space(c)).peekable();
    let first_ok = chars.peek().is_some_and(|&c| c.is_ascii_digit() || "〇○零一二".contains(c));
    let (mut n, mut year, mut month) = (0, false, false);
    for c in chars {
        n += 1;
        year |= c == '年';
        month |= c == '月';
        if !(c.is_ascii_digit() || "〇○零一二三四五六七八九十年月日".contains(c)) {
            return false;
        }
    }
    first_ok && n <= 24 && year && month
}

/// Page furniture left by a scraper: one- or two-character menu entries
/// (大, 中, 小, 】) and labels with nothing after them (分享：, 来源:).
pub(crate) fn is_furniture(content: &str) -> bool {
    let n = content.chars().count();
    n <= 2 || (n <= 6 && (content.ends_with('：') || content.ends_with(':')))
}

/// Removes the `(qū)` pinyin annotations that converted web pages carry.
pub(crate) fn strip_pinyin(s: &str) -> Cow<'_, str> {
    if !s.contains('(') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close) if close > 0 && after[..close].chars().all(is_pinyin_letter) => rest = &after[close + 1..],
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// Text without punctuation, brackets and spaces, for comparing titles.
pub(crate) fn normalize(s: &str) -> String {
    strip_pinyin(s).chars().filter(|c| c.is_alphanumeric() && !('\u{ff01}'..='\u{ff0f}').contains(c)).collect()
}

/// Maps a byte length in the pinyin-stripped `clean` back to the original `s`.
fn byte_len_in(s: &str, clean: &str, len: usize) -> usize {
    if s.len() == clean.len() {
        return len;
    }
    // Walk both strings: skip annotations in `s` that `clean` does not have.
    let target = &clean[..len];
    let mut si = 0;
    let mut matched = 0;
    let sb = s.as_bytes();
    let tb = target.as_bytes();
    while matched < tb.len() && si < sb.len() {
        if sb[si] == tb[matched] {
            si += 1;
            matched += 1;
        } else {
            si += 1;
        }
    }
    si
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(f: impl FnOnce(Classifier<'_>) -> T) -> T {
        let lex = Lexicon::built_in().unwrap();
        f(Classifier { lex: &lex })
    }

    #[test]
    fn salutations() {
        with(|c| {
            assert_eq!(c.salutation("各位代表："), Some(("各位代表：".len(), Term::Colon)));
            assert_eq!(c.salutation("同志们：今天"), Some(("同志们：".len(), Term::Colon)));
            assert_eq!(c.salutation("各位代表！我们要"), Some(("各位代表！".len(), Term::Exclaim)));
            assert_eq!(c.salutation("同志们，今天我想讲的"), Some(("同志们".len(), Term::Comma)));
            assert_eq!(
                c.salutation("女士们，先生们，同志们：今天"),
                Some(("女士们，先生们，同志们：".len(), Term::Colon))
            );
            assert_eq!(
                c.salutation("各區(qū)政府,各相關單位："),
                Some(("各區(qū)政府,各相關單位：".len(), Term::Colon))
            );
            assert!(c.salutation("各位領(lǐng)導(dǎo)、同志們:").is_some());
            assert!(c.salutation("尊敬的各位领导、各位来宾：").is_some());
            assert!(c.salutation("尊敬的各位老师：").is_some());
            assert!(c.salutation("尊敬的各位老师，亲爱的同学们：").is_some());
            assert!(c.salutation("各乡镇人民政府，县直各单位：").is_some());
            assert_eq!(c.salutation("全省各级政府要增强大局观："), None);
            assert_eq!(c.salutation("我们的各级领导同志："), None);
            assert_eq!(c.salutation("一、总体要求"), None);
        });
    }

    #[test]
    fn kinds() {
        with(|c| {
            assert_eq!(c.kind("注　　释"), Kind::Notes);
            assert_eq!(c.kind("名词解释"), Kind::Notes);
            assert_eq!(c.kind("附件1"), Kind::Attachment);
            assert_eq!(c.kind("附："), Kind::Attachment);
            assert_eq!(c.kind("徐直军："), Kind::Speaker);
            assert_eq!(c.kind("主持人："), Kind::Speaker);
            assert_eq!(c.kind("县委书记　李明："), Kind::Speaker);
            assert_eq!(c.kind("工作目标："), Kind::Text);
            assert_eq!(c.kind("联系人："), Kind::BackMatter);
            assert_eq!(c.kind("任务分工："), Kind::Text);
            assert_eq!(c.kind("——2026年1月27日在吉林省第十四届人民代表大会第五次会议上"), Kind::TitleBlock);
            assert_eq!(c.kind("（一九四二年二月八日）"), Kind::TitleBlock);
            assert_eq!(c.kind("省长 胡玉亭"), Kind::TitleBlock);
            assert_eq!(c.kind("來源: 工作計劃 點擊:"), Kind::Boilerplate);
            assert_eq!(c.kind("發(fā)布時間:2020-09-16 來源: 工作計劃 點擊:"), Kind::Boilerplate);
            assert_eq!(c.kind("首页 机构概况 政务公开 新闻中心"), Kind::Boilerplate);
            assert_eq!(c.kind("我市召开春季农业生产工作会议 [03-11]"), Kind::Boilerplate);
            assert_eq!(c.kind("关闭落后产能企业30家，淘汰落后生产线12条。"), Kind::Text);
            assert_eq!(c.kind("抄送：县委办，县人大办。"), Kind::BackMatter);
            assert_eq!(c.kind("在區(qū)委政協(xié)工作會議上的講話"), Kind::TitleLike);
        });
    }

    #[test]
    fn closings() {
        with(|c| {
            assert!(c.is_closing("谢谢大家！"));
            assert!(c.is_closing("同志们，让我们更加紧密地团结起来，为建设美丽乡村而努力奋斗！"));
            assert!(c.is_closing("最后，祝大家新春愉快、身体健康、工作顺利！"));
            assert!(c.is_closing("预祝本次大会圆满成功！"));
            assert!(!c.is_closing("我们要让群众得到实惠，让我们的工作经得起检验。"));
        });
    }

    #[test]
    fn pinyin() {
        assert_eq!(strip_pinyin("區(qū)委(擴大)會議"), "區委(擴大)會議");
    }
}
