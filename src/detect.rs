//! Profile auto-selection: which built-in profile fits a text.
//!
//! Runs before the grammar, so it looks at lines with a few cheap tests of its
//! own: a run of line-start articles (第一条　… / 第 1 條) makes a law, in
//! traditional script a Taiwan law; 壹、 at a line start is the Taiwan
//! hierarchy; a speech salutation (同志们：) keeps a text that quotes a few
//! articles a speech. Anything else is read with the default, `speech`.
//!
//! `gongwen` is never chosen: its families are a subset of `speech`'s (GB/T
//! 9704 numbering only), and on the corpus's notices it finds nothing that
//! `speech` misses while missing what notices borrow from speeches (一是…,
//! "1 标题"). It is there for users who want the stricter reading.

use crate::blocks;
use crate::grammar::{is_space, numeral};

/// How much of a text is looked at: every signal shows in its first pages,
/// and a 100 MB input must not be read twice.
const SAMPLE: usize = 64 * 1024;

/// Line-start articles needed before a text counts as a law.
const MIN_ARTICLES: usize = 3;

/// Different fixed clauses of a standard (范围, 规范性引用文件, 术语和定义)
/// numbered at line starts before a text counts as a standard: 范围 alone
/// is a common heading of notices and plans.
const MIN_STANDARD_CLAUSES: usize = 2;

/// The built-in profile chosen for a text, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Name of a built-in profile: `speech`, `law` or `taiwan`.
    pub profile: &'static str,
    /// What decided it, in a few words (for `--verbose` style reports and tests).
    pub reason: &'static str,
}

/// What the sample shows.
#[derive(Debug, Default)]
struct Signals {
    /// Line-start articles (第一条 then a space, a colon or the line end)
    /// numbered one more than the article before: a law's run, not a
    /// speech's quoted rules (第一条：“…” 第二条：“…” 第四条：“…”).
    articles: usize,
    /// Lines that amend articles (将刑法第一百四十五条修改为：, 增加一款): an
    /// amendment decision numbers its changes 一、 二、 but is a law.
    amendments: usize,
    /// Lines that start with 壹、 (or 貳、).
    capital_headings: usize,
    /// Numbered lines that name a standard's fixed clauses (1 范围, 2
    /// 规范性引用文件, 3 术语和定义): how many different ones.
    standard_clauses: usize,
    /// Lines that are a speech salutation (同志们：, 各位代表：).
    salutations: usize,
    /// Characters that exist only in traditional script (條 國 會 …).
    traditional: usize,
    /// Their simplified counterparts (条 国 会 …).
    simplified: usize,
}

/// Chooses the built-in profile for `text`.
pub fn choose(text: &str) -> Choice {
    let s = signals(text);
    let traditional = s.traditional >= 20 && s.traditional > 2 * s.simplified;
    let (profile, reason) = if s.capital_headings > 0 && traditional {
        ("taiwan", "壹、 headings in traditional script")
    } else if s.articles >= MIN_ARTICLES && traditional {
        ("taiwan", "a run of line-start articles in traditional script")
    } else if s.articles >= MIN_ARTICLES && s.salutations == 0 {
        ("law", "a run of line-start articles")
    } else if s.amendments >= MIN_ARTICLES && s.salutations == 0 {
        ("law", "amendments to articles")
    } else if s.standard_clauses >= MIN_STANDARD_CLAUSES && s.salutations == 0 {
        ("standard", "the numbered fixed clauses of a standard")
    } else if s.salutations > 0 {
        ("speech", "a speech salutation")
    } else {
        ("speech", "the default")
    };
    Choice { profile, reason }
}

fn signals(text: &str) -> Signals {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut s = Signals::default();
    let (traditional, simplified) = script_tables();
    for c in sample.chars().filter(|&c| c >= '\u{4e00}') {
        if traditional.binary_search(&c).is_ok() {
            s.traditional += 1;
        } else if simplified.binary_search(&c).is_ok() {
            s.simplified += 1;
        }
    }
    let mut non_blank = 0usize;
    let mut last_article = 0;
    let mut clauses: Vec<&str> = Vec::new();
    for line in sample.split(blocks::is_line_end) {
        let content = blocks::strip_prefixes(line.trim_start_matches(is_space)).trim_end_matches(['\r', ' ']);
        if content.is_empty() {
            continue;
        }
        non_blank += 1;
        if let Some(n) = article_number(content) {
            // 第十条之一 after 第十条 continues the run as well.
            if n == last_article + 1 || (n == last_article && n > 0) {
                s.articles += 1;
            }
            last_article = n;
        }
        if is_amendment(content) {
            s.amendments += 1;
        }
        if content.starts_with("壹、") || content.starts_with("貳、") {
            s.capital_headings += 1;
        }
        if let Some(clause) = standard_clause(content)
            && !clauses.contains(&clause)
        {
            clauses.push(clause);
        }
        // Salutations stand near the top.
        if non_blank <= 40 && is_salutation(content) {
            s.salutations += 1;
        }
    }
    // A table of contents lists them too: only the clauses count, once each.
    s.standard_clauses = clauses.len();
    s
}

/// The fixed clause of a standard a line numbers (1 范围, ## 2 规范性引用文件),
/// if it is one: a number, space, and a word of the lexicon's
/// `standard-clauses` ending the line.
fn standard_clause(line: &str) -> Option<&'static str> {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    if !(1..=2).contains(&line.chars().take_while(|&c| digit(c)).count()) {
        return None;
    }
    let rest = line.trim_start_matches(digit);
    if !rest.starts_with(is_space) {
        return None;
    }
    let word = rest.trim_matches(|c: char| is_space(c) || c == '*');
    crate::lexicon::base().standard_clauses.iter().find(|&w| w == word)
}

/// The number of a line-start article: 第一条　…, 第 1 條, 第十条之一 …: 第, a
/// numeral, 条/條, then a space, a colon (not before a quotation) or the line
/// end. "第一条，" and "第一条是" open a speech's points instead.
fn article_number(line: &str) -> Option<u32> {
    let rest = line.strip_prefix('第')?.trim_start_matches(is_space);
    let numeral_end = rest
        .find(|c: char| !(numeral::is_cjk_numeral_char(c) || numeral::arabic_digit(c).is_some()))
        .unwrap_or(rest.len());
    let number = numeral::cjk(&rest[..numeral_end]).or_else(|| numeral::arabic(&rest[..numeral_end]))?;
    let rest = rest[numeral_end..].trim_start_matches(is_space).strip_prefix(['条', '條'])?;
    let rest = rest.strip_prefix("之").map_or(rest, |r| r.trim_start_matches(numeral::is_cjk_numeral_char));
    let rest =
        rest.strip_prefix(['：', ':']).map_or(Some(rest), |r| (!r.starts_with(['“', '"', '「'])).then_some(r))?;
    rest.chars().next().is_none_or(is_space).then_some(number)
}

/// Whether a line amends an article: 将刑法第一百四十五条修改为：“…,
/// 在第一百五十二条中增加一款作为第二款：, 删去第十条.
fn is_amendment(line: &str) -> bool {
    let names_article = line.find('第').is_some_and(|at| line[at..].contains(['条', '條']));
    names_article
        && (line.contains("修改为") || line.contains("增加一款") || line.contains("增加一条") || line.contains("删去"))
}

/// Whether a line is a speech salutation: 同志们：, 各位代表、各位来宾：.
fn is_salutation(line: &str) -> bool {
    let Some(colon) = line.find(['：', ':', '！', '!']) else { return false };
    let head = line[..colon].trim_matches(|c: char| is_space(c) || c == '*');
    let last = head.rsplit(['，', ',', '、']).next().unwrap_or(head);
    head.chars().count() <= 60
        && !head.contains(['。', '；', '？', '的'])
        && crate::lexicon::base().salutations.is_addressee(last)
}

/// [`TRADITIONAL`] and [`SIMPLIFIED`] as sorted arrays: a binary search per
/// character instead of a scan of the string.
fn script_tables() -> &'static (Vec<char>, Vec<char>) {
    static TABLES: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v
        };
        (sorted(TRADITIONAL), sorted(SIMPLIFIED))
    })
}

/// Common characters written differently in the two scripts, pair by pair.
const TRADITIONAL: &str =
    "條國會與為應關機辦項規說這們對時經務發來從個當實區體點開現間產義動頭長門問題無業際樣處稱將類權員";
const SIMPLIFIED: &str =
    "条国会与为应关机办项规说这们对时经务发来从个当实区体点开现间产义动头长门问题无业际样处称将类权员";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(article_number("第一条　为了规范社会保险关系"), Some(1));
        assert_eq!(article_number("第 1 條"), Some(1));
        assert_eq!(article_number("第十条之一 本条"), Some(10));
        assert_eq!(article_number("第一百二十三条："), Some(123));
        assert_eq!(article_number("第一条：“留心各样的事情”"), None);
        assert_eq!(article_number("第一条，要加强学习"), None);
        assert_eq!(article_number("第一条是坚持"), None);
        assert_eq!(article_number("第七条教训是"), None);
        assert_eq!(article_number("第一章 总则"), None);
    }

    #[test]
    fn amendment_decisions_are_laws() {
        let amendment = "刑法修正案\n一、将刑法第一百四十五条修改为：“生产”\n二、在第一百五十二条中增加一款作为第二款：“逃避”\n三、将刑法第一百五十五条修改为：“下列”\n";
        assert_eq!(choose(amendment).profile, "law");
    }

    #[test]
    fn numbered_fixed_clauses_make_a_standard() {
        let standard = "指南\n前言\n1 范围\n本文件规定了…\n2 规范性引用文件\n下列文件…\n3 术语和定义\n";
        assert_eq!(choose(standard).profile, "standard");
        // 范围 alone heads many a plan; a table of contents counts once.
        assert_eq!(choose("方案\n1 范围\n本方案适用于…\n2 目标\n").profile, "speech");
        assert_eq!(choose("目录\n1 范围\n1 范围\n").profile, "speech");
    }

    #[test]
    fn quoted_rules_are_not_a_law() {
        let speech = "反对党八股\n第一条：“留心各样的事情”\n第二条：“写不出的时候不硬写”\n第四条：“写完后至少看两遍”\n第六条：“不生造”\n";
        assert_eq!(choose(speech).profile, "speech");
    }

    #[test]
    fn choices() {
        let law = "中华人民共和国某法\n第一章 总则\n第一条　为了\n第二条　本法\n第三条　国家\n";
        assert_eq!(choose(law).profile, "law");
        let taiwan = "行政程序法\n第 1 條\n為使行政行為遵循公正、公開與民主之程序，確保依法行政之原則，以保障人民權益，提高行政效能，增進人民對行政之信賴，特制定本法。\n第 2 條\n本法所稱行政程序，係指行政機關作成行政處分、締結行政契約、訂定法規命令與行政規則、確定行政計畫、實施行政指導及處理陳情等行為之程序。\n第 3 條\n行政機關為行政行為時，除法律另有規定外，應依本法規定為之。\n";
        assert_eq!(choose(taiwan).profile, "taiwan");
        assert_eq!(choose("讲话\n同志们：\n一、形势\n").profile, "speech");
        assert_eq!(
            choose("关于做好工作的通知\n国办发〔2020〕12号\n各省、自治区、直辖市人民政府：\n一、总体要求\n").profile,
            "speech"
        );
        assert_eq!(choose("一、形势\n二、任务\n").profile, "speech");
    }
}
