//! Hostile use and hostile bytes: each test reproduces a defect found by
//! trying tigang as a careful user and as an attacker would (the issue
//! "Nothing destroyed, nothing lost, nothing slow"), numbered as there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn tigang_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tigang runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("tigang finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tigang-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const DOC: &str = "关于做好防汛工作的通知\n一、总体要求\n坚持人民至上。\n二、主要任务\n（一）排查隐患。\n";

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.is_symlink() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

// 1. Data loss: the output must never replace an input.

#[test]
fn output_naming_the_input_is_refused_and_the_input_kept() {
    let dir = scratch("same");
    std::fs::write(dir.join("f.txt"), DOC).unwrap();
    let o = tigang_in(&dir, &["f.txt", "-o", "f.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o f.txt: it is an input"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("f.txt")).unwrap(), DOC);
    // Through another spelling of the same path, and through a link.
    let o = tigang_in(&dir, &["f.txt", "-o", "./sub/../f.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    std::os::unix::fs::symlink(dir.join("f.txt"), dir.join("link.txt")).unwrap();
    let o = tigang_in(&dir, &["f.txt", "-o", "link.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("f.txt")).unwrap(), DOC);
}

#[test]
fn output_folder_that_is_the_input_folder_is_refused() {
    let dir = scratch("samedir");
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/x.txt"), DOC).unwrap();
    std::fs::write(dir.join("d/y.md"), DOC).unwrap();
    for format in ["yaml", "md"] {
        let o = tigang_in(&dir, &["-o", "d", "d", "--format", format], None);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("-o d: it is an input folder"), "{}", stderr(&o));
        assert_eq!(files(&dir.join("d")), ["x.txt", "y.md"]);
    }
}

#[test]
fn outlines_in_a_folder_inside_the_input_are_not_read_as_documents() {
    let dir = scratch("inside");
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/x.txt"), DOC).unwrap();
    for _ in 0..2 {
        let o = tigang_in(&dir, &["d", "-o", "d/out", "--format", "text"], None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(files(&dir.join("d")), ["out/x.txt", "x.txt"], "no out/out/x.txt: the outline was not outlined");
}

#[test]
fn an_output_replacing_one_input_in_a_batch_is_refused_alone() {
    let dir = scratch("mdin");
    std::fs::create_dir(dir.join("in")).unwrap();
    std::fs::write(dir.join("in/a.md"), DOC).unwrap();
    std::fs::write(dir.join("in/b.txt"), DOC).unwrap();
    // Writing Markdown next to the inputs: a.md would be replaced by its outline.
    let o = tigang_in(&dir, &["in/a.md", "in/b.txt", "-o", "in", "--format", "md"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("in/a.md: not written: its outline in/a.md would overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(dir.join("in/a.md")).unwrap(), DOC);
    assert!(std::fs::read_to_string(dir.join("in/b.md")).unwrap().contains("总体要求"));
}

#[test]
fn outputs_are_written_whole_through_a_temporary_file() {
    let dir = scratch("atomic");
    std::fs::write(dir.join("f.txt"), DOC).unwrap();
    // A bad input leaves no output file at all, not an empty or partial one.
    std::fs::write(dir.join("bad.txt"), b"\x00\x01binary").unwrap();
    let o = tigang_in(&dir, &["bad.txt", "-o", "out.yaml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(files(&dir), ["bad.txt", "f.txt"], "no out.yaml and no temporary file left");
    let o = tigang_in(&dir, &["f.txt", "-o", "out.yaml"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(files(&dir), ["bad.txt", "f.txt", "out.yaml"]);
}

// 2. Batch outputs never collide.

#[test]
fn colliding_outputs_keep_their_extension_or_are_refused_by_name() {
    let dir = scratch("collide");
    for p in ["a/doc.txt", "b/doc.txt", "x.txt", "x.md", "y.txt"] {
        std::fs::create_dir_all(dir.join(p).parent().unwrap()).unwrap();
        std::fs::write(dir.join(p), DOC).unwrap();
    }
    let o = tigang_in(&dir, &["a/doc.txt", "b/doc.txt", "x.txt", "x.md", "y.txt", "-o", "out"], None);
    assert_eq!(o.status.code(), Some(2), "two inputs could not be written");
    let err = stderr(&o);
    assert!(err.contains("a/doc.txt: not written: its outline would have the same name as that of b/doc.txt"), "{err}");
    assert!(err.contains("b/doc.txt: not written: its outline would have the same name as that of a/doc.txt"), "{err}");
    assert!(err.contains("3 files written") && err.contains("2 errors"), "{err}");
    assert_eq!(files(&dir.join("out")), ["x.md.yaml", "x.txt.yaml", "y.yaml"]);
}

#[test]
fn a_folder_tree_is_mirrored() {
    let dir = scratch("mirror");
    for p in ["in/a/doc.txt", "in/b/doc.txt", "in/x.txt", "in/x.md"] {
        std::fs::create_dir_all(dir.join(p).parent().unwrap()).unwrap();
        std::fs::write(dir.join(p), DOC).unwrap();
    }
    let o = tigang_in(&dir, &["in", "-o", "out"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(files(&dir.join("out")), ["a/doc.yaml", "b/doc.yaml", "x.md.yaml", "x.txt.yaml"]);
    assert!(stderr(&o).contains("4 files written"), "{}", stderr(&o));
}

// 3. Text that is mostly UTF-8 is UTF-8.

#[test]
fn one_bad_byte_in_utf8_is_an_error_naming_offset_and_line_not_mojibake() {
    let dir = scratch("badbyte");
    let text = "三、保障措施";
    let mut bytes = DOC.as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(0xff);
    bytes.push(b'\n');
    let truncated = {
        let mut b = DOC.as_bytes().to_vec();
        b.extend_from_slice(&"三".as_bytes()[..2]);
        b
    };
    let (gbk, _, _) = encoding_rs::GB18030.encode("四、后续工作安排\n（一）由县应急管理局负责。\n");
    let mut half = DOC.as_bytes().to_vec();
    half.extend_from_slice(&gbk);
    for (name, bytes, line) in [("stray.txt", &bytes, 6), ("truncated.txt", &truncated, 6), ("half.txt", &half, 6)] {
        std::fs::write(dir.join(name), bytes).unwrap();
        let o = tigang_in(&dir, &[name], None);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.contains(&format!("{name}: not valid utf-8: undecodable bytes at offset")), "{err}");
        assert!(err.contains(&format!(", line {line} (")), "{name}: {err}");
        // With --lossy: U+FFFD and a diagnostic, and the Chinese text intact.
        let o = tigang_in(&dir, &[name, "--lossy", "--format", "json"], None);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["source"]["encoding"], "utf-8");
        assert_eq!(v["diagnostics"][0]["code"], "undecodable-bytes", "{name}");
        assert_eq!(v["diagnostics"][0]["line"], line, "{name}");
        assert_eq!(v["documents"][0]["items"][0]["title"], "总体要求", "{name}");
    }
}

#[test]
fn legacy_encodings_are_still_detected() {
    let dir = scratch("legacy");
    let (gbk, _, _) = encoding_rs::GB18030.encode(DOC);
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    let o = tigang_in(&dir, &["gbk.txt", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"]["encoding"], "gb18030");
    assert_eq!(v["documents"][0]["items"][1]["title"], "主要任务");
}

// 10. Folders: loops and unreadable parts.

#[test]
fn a_symbolic_link_loop_is_not_followed() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("L/sub")).unwrap();
    std::fs::write(dir.join("L/a.txt"), DOC).unwrap();
    std::fs::write(dir.join("L/sub/b.txt"), DOC).unwrap();
    std::os::unix::fs::symlink("..", dir.join("L/sub/up")).unwrap();
    let o = tigang_in(&dir, &["L", "-o", "outL"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("L/sub/up: skipped: a symbolic link to a folder that contains it"), "{}", stderr(&o));
    assert_eq!(files(&dir.join("outL")), ["a.yaml", "sub/b.yaml"]);
}

#[test]
fn an_unreadable_subfolder_is_named_and_the_rest_goes_through() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    std::fs::create_dir_all(dir.join("in/locked")).unwrap();
    std::fs::write(dir.join("in/a.txt"), DOC).unwrap();
    std::fs::write(dir.join("in/locked/b.txt"), DOC).unwrap();
    std::fs::set_permissions(dir.join("in/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(dir.join("in/locked")).is_ok() {
        // Running as root: permissions do not lock anything; nothing to reproduce.
        eprintln!("skipped: permissions are not enforced for this user");
        std::fs::set_permissions(dir.join("in/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let o = tigang_in(&dir, &["in", "-o", "out"], None);
    std::fs::set_permissions(dir.join("in/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("in/locked: cannot read directory"), "{}", stderr(&o));
    assert_eq!(files(&dir.join("out")), ["a.yaml"]);
}

// 14. Small things a user meets.

#[test]
fn an_empty_folder_says_so() {
    let dir = scratch("empty");
    std::fs::create_dir(dir.join("e")).unwrap();
    let o = tigang_in(&dir, &["e"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("e: no input files"), "{}", stderr(&o));
}

#[test]
fn quiet_silences_the_check_summary() {
    let dir = scratch("quiet");
    std::fs::write(dir.join("f.txt"), DOC).unwrap();
    let o = tigang_in(&dir, &["--check", "-q", "f.txt"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn summaries_count_in_words() {
    let dir = scratch("plural");
    std::fs::write(dir.join("f.txt"), DOC).unwrap();
    std::fs::write(dir.join("bad.txt"), b"\x00").unwrap();
    let o = tigang_in(&dir, &["f.txt", "bad.txt", "-o", "out"], None);
    let err = stderr(&o);
    assert!(err.contains("1 file written, 3 items, 1 error,"), "{err}");
}

#[test]
fn a_bad_rank_says_what_is_expected() {
    let dir = scratch("rank");
    std::fs::write(
        dir.join("p.yaml"),
        "name: p\nfamilies:\n  - id: dun\n    rank: one\n    shape: affixed\n    numeral: [cjk]\n    suffix: [\"、\"]\n    position: line-start\n",
    )
    .unwrap();
    std::fs::write(dir.join("f.txt"), DOC).unwrap();
    let o = tigang_in(&dir, &["--profile", "p.yaml", "f.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("p.yaml: invalid profile: line 4"), "{err}");
    assert!(err.contains("expected a rank: a number from 0 (the highest) to 254, or `rel`"), "{err}");
}

#[test]
fn output_naming_a_file_with_several_inputs_says_not_a_directory() {
    let dir = scratch("notdir");
    std::fs::write(dir.join("a.txt"), DOC).unwrap();
    std::fs::write(dir.join("b.txt"), DOC).unwrap();
    std::fs::write(dir.join("existing.yaml"), "keep").unwrap();
    let o = tigang_in(&dir, &["a.txt", "b.txt", "-o", "existing.yaml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o existing.yaml: not a directory"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("existing.yaml")).unwrap(), "keep");
}

#[test]
fn full_text_shows_bodies() {
    let dir = scratch("fulltext");
    let o = tigang_in(&dir, &["--full", "--format", "text"], Some(DOC.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("一、总体要求") && out.contains("\n  坚持人民至上。\n"), "{out}");
}

// 6. Page breaks and Unicode line separators.

/// (marker, line) of every item, depth first.
fn markers(text: &str) -> Vec<(String, usize)> {
    tigang::parse(text).items().map(|i| (i.item.marker.to_string(), i.item.line)).collect()
}

#[test]
fn form_feed_vertical_tab_and_nel_at_a_line_start_hide_no_marker() {
    for sep in ["\u{c}", "\u{b}", "\u{c}\u{3000}"] {
        let text = format!("一、标题\n{sep}二、标题二\n三、标题三\n");
        assert_eq!(markers(&text), [("一、".into(), 1), ("二、".into(), 2), ("三、".into(), 3)], "{sep:?}");
    }
}

#[test]
fn unicode_line_separators_end_lines() {
    for sep in ["\u{2028}", "\u{2029}", "\u{85}"] {
        let text = format!("一、标题{sep}（一）内容。{sep}二、标题二{sep}三、标题三");
        let got = markers(&text);
        assert_eq!(got, [("一、".into(), 1), ("（一）".into(), 2), ("二、".into(), 3), ("三、".into(), 4)], "{sep:?}");
    }
}

// 7. Bare carriage returns (old Mac files, some Word exports).

#[test]
fn bare_carriage_returns_lose_no_item() {
    let text = "一、标题\r（一）内容。\r二、标题二\r（一）内容。\r（二）内容二。\r";
    let got: Vec<(String, usize, usize)> =
        tigang::parse(text).items().map(|i| (i.item.marker.to_string(), i.item.line, i.depth)).collect();
    let want = [("一、", 1, 1), ("（一）", 2, 2), ("二、", 3, 1), ("（一）", 4, 2), ("（二）", 5, 2)];
    assert_eq!(got, want.map(|(m, l, d)| (m.to_string(), l, d)));
    // And the same text with \n gives the same outline.
    let unix = text.replace('\r', "\n");
    let again: Vec<(String, usize, usize)> =
        tigang::parse(&unix).items().map(|i| (i.item.marker.to_string(), i.item.line, i.depth)).collect();
    assert_eq!(got, again);
}

// 4. `--full` loses nothing: its spans give the input back.

/// The spans of a `--full` JSON outline in output order.
fn json_spans(v: &serde_json::Value) -> Vec<(usize, usize)> {
    fn span(v: &serde_json::Value) -> Option<(usize, usize)> {
        let a = v.as_array()?;
        Some((usize::try_from(a[0].as_u64()?).ok()?, usize::try_from(a[1].as_u64()?).ok()?))
    }
    fn items(list: &serde_json::Value, out: &mut Vec<(usize, usize)>) {
        for it in list.as_array().into_iter().flatten() {
            out.extend(span(&it["span"]));
            out.extend(span(&it["body_span"]));
            items(&it["children"], out);
        }
    }
    let mut out = Vec::new();
    for d in v["documents"].as_array().unwrap() {
        out.extend(span(&d["head_span"]));
        out.extend(span(&d["preamble_span"]));
        items(&d["items"], &mut out);
        out.extend(span(&d["tail_span"]));
    }
    out
}

#[test]
fn every_corpus_file_is_rebuilt_from_its_full_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["tests/corpus", "tests/corpus/encoded", "tests/probes", "tests/profiles"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "yaml" && e != "snap"))
            .collect();
        paths.sort();
        for path in paths {
            let o = tigang_in(root, &["--full", "--format", "json", path.to_str().unwrap()], None);
            assert_eq!(o.status.code(), Some(0), "{}: {}", path.display(), stderr(&o));
            let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let decoded = tigang::decode::decode("x", &bytes, tigang::decode::DecodeOptions::default()).unwrap();
            let rebuilt: String = json_spans(&v).iter().map(|&(a, b)| &decoded.text[a..b]).collect();
            assert!(rebuilt == decoded.text, "{} is not rebuilt from its spans", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} files");
}

#[test]
fn the_title_terminator_and_a_url_title_are_kept() {
    let text = "一、http://x.cn/a?b=1\n二、总体要求：坚持稳中求进。\n三、主要任务。\n";
    let o = tigang::Parser::new().full(true).parse(text);
    let items = &o.documents[0].items;
    assert_eq!(items[0].title, "http://x.cn/a?b=1");
    assert_eq!(items[1].title, "总体要求");
    assert_eq!(items[1].body.as_deref(), Some("坚持稳中求进。"));
    // The ： is in the body's bytes, not lost between title and body.
    assert_eq!(&text[items[1].span.end..items[1].body_span.unwrap().end], "：坚持稳中求进。\n");
}

#[test]
fn bodies_keep_markup_and_escapes_as_text() {
    let text = "一、总则\n## 本节说明\n> 引文\n**重点**<U+00A0>内容\n二、分则\n";
    let o = tigang::Parser::new().full(true).parse(text);
    assert_eq!(o.documents[0].items[0].body.as_deref(), Some("## 本节说明\n> 引文\n**重点**<U+00A0>内容"));
}

// 8. The preamble span starts where the body does, before a table of contents.

#[test]
fn preamble_span_starts_at_the_body_before_a_table_of_contents() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/profiles/toc-law.txt")).unwrap();
    let o = tigang::Parser::new().full(true).parse(&text);
    let d = &o.documents[0];
    let preamble = d.preamble_span.unwrap();
    // The law's note under its title (题注) is part of the title block.
    let note = text.find("（2003年8月27日").unwrap();
    let head = d.head_span.unwrap();
    assert!(head.start <= note && note < head.end, "{head:?} covers the note at {note}");
    assert_eq!(preamble.start, head.end, "the preamble starts where the head ends");
    assert!(preamble.of(&text).contains("目　　录"), "the table of contents lies in the preamble's bytes");
    assert!(!d.preamble.as_deref().unwrap_or("").contains("目　　录"), "but not in its text");
}
