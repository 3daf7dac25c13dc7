//! The lexicon: the words the document frame and the checks rely on
//! (salutations, closings, web furniture, speaker roles, back matter, genre
//! words, announced counts), as data.
//!
//! `grammar/lexicon.yaml` is read first by every profile; a profile's own
//! `lexicon:` section adds to each list (see [`Lexicon::extend`]), so that a
//! user profile can teach tigang a salutation, a closing or a line of web
//! furniture. The code that uses these words (`structure::classify`) holds
//! none of its own.

use serde::{Deserialize, Serialize};

/// The lexicon every profile starts from.
pub(crate) const BUILT_IN: &str = include_str!("../grammar/lexicon.yaml");

/// A list of words, with the tests the frame asks of it.
///
/// The frame asks these questions of every line, so the words are indexed
/// once by their first and their last character: a line whose first (or
/// last) character opens (or ends) no word is answered by one binary search,
/// and only the few words sharing that character are compared.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(from = "Vec<String>", into = "Vec<String>")]
pub struct Words {
    list: Vec<String>,
    /// Word indices grouped by first character, ordered by that character.
    by_first: CharIndex,
    /// Word indices grouped by last character.
    by_last: CharIndex,
    /// A bit per first character (its code modulo [`FIRST_CHAR_BITS`]): most
    /// characters of a line open no word, and one bit test says so.
    first_chars: [u64; FIRST_CHAR_BITS / 64],
    /// For a short list, a vectorised searcher per word: quicker than
    /// testing every character of a line when there are few words.
    finders: Vec<memchr::memmem::Finder<'static>>,
}

/// Lists of at most this many words are searched word by word by
/// [`Words::within`] (one vectorised pass each); longer ones character by
/// character against the first-character index.
const WITHIN_FINDERS: usize = 8;

/// The size of [`Words::first_chars`]: with the hundred-odd distinct first
/// characters of the longest lists, about one character in ten passes the
/// bit test without opening a word.
const FIRST_CHAR_BITS: usize = 1024;

/// Word indices grouped by one character of each word: `keys[k]` owns
/// `ids[starts[k]..starts[k + 1]]`.
#[derive(Clone, Debug, Default)]
struct CharIndex {
    keys: Vec<char>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl CharIndex {
    fn new(words: &[String], key: impl Fn(&str) -> Option<char>) -> Self {
        let mut pairs: Vec<(char, u32)> =
            words.iter().enumerate().filter_map(|(i, w)| Some((key(w)?, u32::try_from(i).ok()?))).collect();
        pairs.sort_unstable();
        let mut index = CharIndex::default();
        for (i, &(c, id)) in pairs.iter().enumerate() {
            if index.keys.last() != Some(&c) {
                index.keys.push(c);
                index.starts.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
            index.ids.push(id);
        }
        index.starts.push(u32::try_from(pairs.len()).unwrap_or(u32::MAX));
        index
    }

    /// The indices of the words keyed by `c`.
    fn get(&self, c: char) -> &[u32] {
        match self.keys.binary_search(&c) {
            Ok(k) => &self.ids[self.starts[k] as usize..self.starts[k + 1] as usize],
            Err(_) => &[],
        }
    }
}

impl From<Vec<String>> for Words {
    fn from(words: Vec<String>) -> Self {
        let by_first = CharIndex::new(&words, |w| w.chars().next());
        let by_last = CharIndex::new(&words, |w| w.chars().next_back());
        let mut first_chars = [0; FIRST_CHAR_BITS / 64];
        for &c in &by_first.keys {
            let bit = c as usize % FIRST_CHAR_BITS;
            first_chars[bit / 64] |= 1 << (bit % 64);
        }
        let finders = if words.len() <= WITHIN_FINDERS {
            words.iter().map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned()).collect()
        } else {
            Vec::new()
        };
        Words { list: words, by_first, by_last, first_chars, finders }
    }
}

impl From<Words> for Vec<String> {
    fn from(words: Words) -> Self {
        words.list
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Eq for Words {}

impl Words {
    fn may_open(&self, c: char) -> bool {
        let bit = c as usize % FIRST_CHAR_BITS;
        self.first_chars[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The words whose first character is the first of `s`, with their
    /// positions in the list.
    fn starting(&self, s: &str) -> impl Iterator<Item = (usize, &str)> {
        let ids = s.chars().next().filter(|&c| self.may_open(c)).map_or(&[][..], |c| self.by_first.get(c));
        ids.iter().map(|&i| (i as usize, self.list[i as usize].as_str()))
    }

    /// The positions in the list of the words `s` starts with.
    pub(crate) fn opening_positions(&self, s: &str) -> impl Iterator<Item = usize> {
        self.starting(s).filter(move |(_, w)| s.starts_with(w)).map(|(i, _)| i)
    }

    /// Whether `s` is one of the words.
    pub fn is(&self, s: &str) -> bool {
        self.starting(s).any(|(_, w)| w == s)
    }

    /// The longest word `s` starts with.
    pub fn opening(&self, s: &str) -> Option<&str> {
        self.starting(s).map(|(_, w)| w).filter(|w| s.starts_with(w)).max_by_key(|w| w.len())
    }

    /// Whether some word starts with `c`.
    pub fn opens_with(&self, c: char) -> bool {
        self.may_open(c) && !self.by_first.get(c).is_empty()
    }

    /// Whether `s` starts with one of the words.
    pub fn opens(&self, s: &str) -> bool {
        self.starting(s).any(|(_, w)| s.starts_with(w))
    }

    /// Whether `s` ends with one of the words.
    pub fn ends(&self, s: &str) -> bool {
        let ids = s.chars().next_back().map_or(&[][..], |c| self.by_last.get(c));
        ids.iter().any(|&i| s.ends_with(self.list[i as usize].as_str()))
    }

    /// Whether one of the words stands anywhere in `s`.
    pub fn within(&self, s: &str) -> bool {
        if self.finders.len() == self.list.len() {
            return self.finders.iter().any(|f| f.find(s.as_bytes()).is_some());
        }
        s.char_indices().any(|(at, c)| self.may_open(c) && self.opens(&s[at..]))
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(String::as_str)
    }

    fn extend(&mut self, other: Words) {
        let mut words = std::mem::take(&mut self.list);
        for w in other.list {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        *self = Words::from(words);
    }

    fn check(&self, field: &str) -> Result<(), String> {
        match self.list.iter().find(|w| w.trim().is_empty()) {
            Some(_) => Err(format!("lexicon: `{field}` holds an empty word")),
            None => Ok(()),
        }
    }
}

/// Salutations (称谓): the line, or the opening of a paragraph, that
/// addresses the audience (同志们：, 尊敬的各位领导、各位来宾：).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Salutations {
    /// An addressee ends with one of these (代表, 来宾) …
    pub addressees: Words,
    /// … or with one of these plural endings (们).
    pub plurals: Words,
    /// Plurals that are pronouns, not addressees (我们).
    pub pronouns: Words,
    /// Words that may open a salutation before its addressees (尊敬的).
    pub honorifics: Words,
    /// Words that make any short noun after them an addressee (各位老师,
    /// 各位家长): at most four characters follow.
    pub collectives: Words,
    /// A whole line of greeting, whatever addresses it (大家好).
    pub greetings: Words,
}

impl Salutations {
    /// Whether `head` names the people addressed: ends with a title (代表,
    /// 来宾) or a plural (同志们, 僑胞們), not a pronoun (我们).
    pub fn is_addressee(&self, head: &str) -> bool {
        // A list (主席、各位委員、各位先進) is judged by its last addressee.
        let last = head.rsplit(['、', '，', ',']).next().unwrap_or(head);
        if last.len() < head.len() && self.is_addressee(last) {
            return true;
        }
        let plural = self.plurals.ends(head) && !self.pronouns.ends(head);
        let collective = self
            .collectives
            .opening(head)
            .is_some_and(|w| (1..=COLLECTIVE_NOUN_CHARS).contains(&head[w.len()..].chars().count()));
        plural || collective || self.addressees.ends(head)
    }
}

/// The longest noun after 各位 in an addressee: 各位老师, 各位企业家; a
/// longer run is a sentence (各位老师要认真学习).
const COLLECTIVE_NOUN_CHARS: usize = 4;

/// A notice's addressee line (主送机关): 各乡镇人民政府，县直各单位：
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct NoticeAddressees {
    /// The line opens with one of these (各, 县直).
    pub openings: Words,
    /// Its last addressee ends with one of these (政府, 单位).
    pub endings: Words,
    /// Addressees that need no opening (有关单位).
    pub phrases: Words,
}

/// The furniture openings, indexed by their texts (the frame tests every
/// line against them).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(from = "Vec<Furniture>", into = "Vec<Furniture>")]
pub struct FurnitureList {
    entries: Vec<Furniture>,
    texts: Words,
}

impl From<Vec<Furniture>> for FurnitureList {
    fn from(entries: Vec<Furniture>) -> Self {
        let texts = Words::from(entries.iter().map(|f| f.text.clone()).collect::<Vec<_>>());
        FurnitureList { entries, texts }
    }
}

impl From<FurnitureList> for Vec<Furniture> {
    fn from(list: FurnitureList) -> Self {
        list.entries
    }
}

impl PartialEq for FurnitureList {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for FurnitureList {}

impl FurnitureList {
    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Furniture> {
        self.entries.iter()
    }

    /// The longest line each entry that `s` starts with allows.
    fn max_chars_opening(&self, s: &str) -> impl Iterator<Item = usize> {
        self.texts.opening_positions(s).map(|i| self.entries[i].max_chars)
    }
}

/// Closings (结束语) after the last item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Closings {
    /// A line that is nothing but thanks (谢谢大家！).
    pub thanks: Words,
    /// A last paragraph that calls on the audience or wishes it well
    /// (让我们, 祝大家, 预祝), ending with ！ or 。
    pub calls: Words,
}

/// A line opening that marks web furniture, and the longest line it may be.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Furniture {
    /// The opening (来源, 首页, 关闭).
    pub text: String,
    /// The longest line (in characters) that it makes furniture: a menu
    /// label is short, a sentence that starts with the same word is not.
    pub max_chars: usize,
}

/// A news dateline: an agency, a place and a date, and the word that ends
/// it (新华社北京3月17日电).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Datelines {
    /// News agencies opening a dateline (新华社).
    pub agencies: Words,
    /// Words that end it (电).
    pub ends: Words,
}

/// A photo caption: names a reporter and ends with a credit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Captions {
    /// Words for a reporter (记者).
    pub reporters: Words,
    /// Words a photo credit ends with (摄).
    pub credits: Words,
}

/// Attachment labels (附件1, 附件：) and appended material.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Attachments {
    /// Label words, followed by nothing but a number and a colon (附件, 附录).
    pub labels: Words,
    /// Whole lines that announce appended material (【参考资料】).
    pub references: Words,
}

/// The back matter of a notice (抄送, 印发).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BackMatter {
    /// Lines that open with these (抄送：…).
    pub openings: Words,
    /// Lines that end with these (…2024年5月8日印发).
    pub endings: Words,
}

/// Speaker labels (主持人：, 张建国：).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Speakers {
    /// Role words: a label that ends with one names a speaker.
    pub roles: Words,
    /// Surnames: a label of a surname and one or two more characters is a
    /// personal name.
    pub surnames: Words,
    /// Words that start with a surname but name no one (任务, 方案).
    pub not_names: Words,
}

/// Title-block lines under a title.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct TitleBlock {
    /// Openings of title-block lines however long (——, 编者按).
    pub openings: Words,
    /// Meeting words: the end of a broken subtitle names one and ends with 上.
    pub meetings: Words,
    /// Endings of an office before a speaker's name (理 of 总理).
    pub offices: Words,
    /// Endings of an issuer's mark above a notice's title (青石市教育局文件,
    /// GB/T 9704 §7.2.2): the letterhead, not the title.
    pub issuers: Words,
}

/// Announced counts (讲三点意见) for `count-mismatch`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Announcements {
    /// Verbs before the number (讲, 强调, 主要有).
    pub triggers: Words,
    /// Measure words after it, longest first (个方面, 点).
    pub measures: Words,
    /// Nouns after the measure word (意见, 要求).
    pub nouns: Words,
    /// Measure words that count only with a noun (个).
    pub needs_noun: Words,
}

/// The words of the frame and the checks. Every field is documented in
/// `grammar/lexicon.yaml` with examples.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Lexicon {
    /// Salutations of speeches.
    pub salutations: Salutations,
    /// Addressee lines of notices.
    pub notice_addressees: NoticeAddressees,
    /// Closing lines and calls.
    pub closings: Closings,
    /// Web furniture by line opening.
    pub furniture: FurnitureList,
    /// Phrases that make a short line furniture wherever they stand.
    pub furniture_inside: Words,
    /// Datelines (新华社北京3月17日电).
    pub datelines: Datelines,
    /// Photo captions.
    pub captions: Captions,
    /// Headings of a notes section (注释).
    pub notes: Words,
    /// Attachment labels.
    pub attachments: Attachments,
    /// A notice's back matter.
    pub back_matter: BackMatter,
    /// Speaker labels.
    pub speakers: Speakers,
    /// Title-block lines.
    pub title_block: TitleBlock,
    /// Genre words of titles (讲话, 通知).
    pub genres: Words,
    /// Announced counts.
    pub announcements: Announcements,
    /// Labels of numbered lists that are no outline items.
    pub list_labels: ListLabels,
    /// The fixed clauses a standard numbers (1 范围, 2 规范性引用文件):
    /// profile detection chooses `standard` for a text that numbers them.
    pub standard_clauses: Words,
}

/// Labels of numbered lists that are no part of the outline: notes and
/// attachments (注：1.…), links to other pages (相关推荐：).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ListLabels {
    /// A label followed on its line by the list's first entry (注：1.…).
    pub inline: Words,
    /// A label on a line of its own, maybe with a colon (相关推荐：).
    pub alone: Words,
}

impl ListLabels {
    /// Whether the line `content` opens such a list.
    pub fn opens_list(&self, content: &str) -> bool {
        // 注：1.… on one line, or 附件： alone with its entries on the lines
        // below: either way the numbered lines are the list's.
        self.inline.opens(content.trim()) || self.alone.is(content.trim().trim_end_matches(['：', ':']))
    }
}

impl Lexicon {
    /// The built-in lexicon (`grammar/lexicon.yaml`).
    ///
    /// # Errors
    /// A description of what is wrong, were the embedded file invalid (the
    /// tests rule that out).
    pub fn built_in() -> Result<Lexicon, String> {
        let lexicon: Lexicon = serde_yaml::from_str(BUILT_IN).map_err(|e| e.to_string())?;
        lexicon.validate()?;
        Ok(lexicon)
    }

    /// Adds the words of `other` to each list (a profile's additions to the
    /// built-in lexicon).
    pub fn extend(&mut self, other: Lexicon) {
        let Lexicon {
            salutations,
            notice_addressees,
            closings,
            furniture,
            furniture_inside,
            datelines,
            captions,
            notes,
            attachments,
            back_matter,
            speakers,
            title_block,
            genres,
            announcements,
            list_labels,
            standard_clauses,
        } = other;
        self.salutations.addressees.extend(salutations.addressees);
        self.salutations.plurals.extend(salutations.plurals);
        self.salutations.pronouns.extend(salutations.pronouns);
        self.salutations.honorifics.extend(salutations.honorifics);
        self.salutations.collectives.extend(salutations.collectives);
        self.salutations.greetings.extend(salutations.greetings);
        self.list_labels.inline.extend(list_labels.inline);
        self.list_labels.alone.extend(list_labels.alone);
        self.standard_clauses.extend(standard_clauses);
        self.notice_addressees.openings.extend(notice_addressees.openings);
        self.notice_addressees.endings.extend(notice_addressees.endings);
        self.notice_addressees.phrases.extend(notice_addressees.phrases);
        self.closings.thanks.extend(closings.thanks);
        self.closings.calls.extend(closings.calls);
        let mut entries = std::mem::take(&mut self.furniture.entries);
        for f in furniture.entries {
            if !entries.contains(&f) {
                entries.push(f);
            }
        }
        self.furniture = FurnitureList::from(entries);
        self.furniture_inside.extend(furniture_inside);
        self.datelines.agencies.extend(datelines.agencies);
        self.datelines.ends.extend(datelines.ends);
        self.captions.reporters.extend(captions.reporters);
        self.captions.credits.extend(captions.credits);
        self.notes.extend(notes);
        self.attachments.labels.extend(attachments.labels);
        self.attachments.references.extend(attachments.references);
        self.back_matter.openings.extend(back_matter.openings);
        self.back_matter.endings.extend(back_matter.endings);
        self.speakers.roles.extend(speakers.roles);
        self.speakers.surnames.extend(speakers.surnames);
        self.speakers.not_names.extend(speakers.not_names);
        self.title_block.openings.extend(title_block.openings);
        self.title_block.meetings.extend(title_block.meetings);
        self.title_block.offices.extend(title_block.offices);
        self.title_block.issuers.extend(title_block.issuers);
        self.genres.extend(genres);
        self.announcements.triggers.extend(announcements.triggers);
        self.announcements.measures.extend(announcements.measures);
        self.announcements.nouns.extend(announcements.nouns);
        self.announcements.needs_noun.extend(announcements.needs_noun);
        // Longest first, whatever order the additions came in.
        let mut measures = std::mem::take(&mut self.announcements.measures.list);
        measures.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
        self.announcements.measures = Words::from(measures);
    }

    /// Checks what serde cannot: no empty word, no furniture without length.
    ///
    /// # Errors
    /// What is wrong, naming the field.
    pub fn validate(&self) -> Result<(), String> {
        let lists: [(&str, &Words); 33] = [
            ("standard-clauses", &self.standard_clauses),
            ("salutations.addressees", &self.salutations.addressees),
            ("salutations.plurals", &self.salutations.plurals),
            ("salutations.pronouns", &self.salutations.pronouns),
            ("salutations.honorifics", &self.salutations.honorifics),
            ("salutations.collectives", &self.salutations.collectives),
            ("salutations.greetings", &self.salutations.greetings),
            ("notice-addressees.openings", &self.notice_addressees.openings),
            ("notice-addressees.endings", &self.notice_addressees.endings),
            ("notice-addressees.phrases", &self.notice_addressees.phrases),
            ("closings.thanks", &self.closings.thanks),
            ("closings.calls", &self.closings.calls),
            ("furniture-inside", &self.furniture_inside),
            ("datelines.agencies", &self.datelines.agencies),
            ("datelines.ends", &self.datelines.ends),
            ("captions.reporters", &self.captions.reporters),
            ("captions.credits", &self.captions.credits),
            ("notes", &self.notes),
            ("attachments.labels", &self.attachments.labels),
            ("attachments.references", &self.attachments.references),
            ("back-matter.openings", &self.back_matter.openings),
            ("back-matter.endings", &self.back_matter.endings),
            ("speakers.roles", &self.speakers.roles),
            ("speakers.surnames", &self.speakers.surnames),
            ("speakers.not-names", &self.speakers.not_names),
            ("title-block.openings", &self.title_block.openings),
            ("title-block.meetings", &self.title_block.meetings),
            ("title-block.offices", &self.title_block.offices),
            ("title-block.issuers", &self.title_block.issuers),
            ("genres", &self.genres),
            ("list-labels.inline", &self.list_labels.inline),
            ("list-labels.alone", &self.list_labels.alone),
            ("announcements.triggers", &self.announcements.triggers),
        ];
        for (field, words) in lists {
            words.check(field)?;
        }
        for f in self.furniture.iter() {
            if f.text.trim().is_empty() || f.max_chars == 0 {
                return Err(format!("lexicon: furniture {:?} needs a text and a max-chars above 0", f.text));
            }
        }
        self.announcements.measures.check("announcements.measures")?;
        self.announcements.nouns.check("announcements.nouns")?;
        self.announcements.needs_noun.check("announcements.needs-noun")
    }

    /// Whether a line (trimmed) is web furniture by its opening, within the
    /// length that opening allows.
    pub fn furniture_opening(&self, line: &str) -> bool {
        let chars = || line.chars().count();
        // Sites wrap their labels in brackets as often as not: （责任编辑：…）,
        // 【来源：…】.
        let label = line.trim_start_matches(['（', '(', '【', '[', '〔']);
        let bracketed = label.len() < line.len();
        self.furniture.max_chars_opening(label).any(|m| chars() <= m)
            || bracketed && self.furniture.max_chars_opening(line).any(|m| chars() <= m)
    }
}

/// The built-in lexicon, read once: profile detection uses it, and every
/// profile starts from a copy (reading the YAML again costs more than
/// parsing a speech).
///
/// # Errors
/// Why the embedded lexicon does not read (which the tests rule out).
pub(crate) fn shared() -> Result<&'static Lexicon, &'static str> {
    static SHARED: std::sync::OnceLock<Result<Lexicon, String>> = std::sync::OnceLock::new();
    SHARED.get_or_init(Lexicon::built_in).as_ref().map_err(String::as_str)
}

/// The built-in lexicon (for what runs before a profile is chosen: profile
/// detection).
pub(crate) fn base() -> &'static Lexicon {
    static EMPTY: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    // The embedded file is checked by the tests; were it broken, an empty
    // lexicon still reads texts (with no frame words).
    shared().unwrap_or_else(|_| EMPTY.get_or_init(Lexicon::default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_reads_and_validates() {
        let l = Lexicon::built_in().unwrap();
        assert!(l.salutations.addressees.is("代表"));
        assert!(l.furniture_opening("关闭"));
        assert!(!l.furniture_opening("关闭落后产能企业30家，淘汰落后生产线12条"));
    }

    #[test]
    fn extending_adds_without_repeating() {
        let mut l = Lexicon::built_in().unwrap();
        let before = l.salutations.addressees.iter().count();
        let extra: Lexicon = serde_yaml::from_str("salutations: {addressees: [代表, 校友]}").unwrap();
        l.extend(extra);
        assert_eq!(l.salutations.addressees.iter().count(), before + 1);
        assert!(l.salutations.addressees.is("校友"));
    }
}
