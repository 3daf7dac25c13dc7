//! The command line: outputs, exit codes and messages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tigang(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn seed_outline_has_both_speeches_nested() {
    let o = tigang(&["tests/corpus/seed.txt", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    // 三、 > 二要 > ① in the second speech.
    let san = &docs[1]["items"].as_array().unwrap().iter().find(|i| i["marker"] == "三、").unwrap();
    let eryao = san["children"].as_array().unwrap().iter().find(|i| i["marker"] == "二要").unwrap();
    assert_eq!(eryao["children"][0]["marker"], "①");
    assert_eq!(eryao["children"][0]["line"], 185);
}

#[test]
fn yaml_is_the_default() {
    let o = tigang(&["tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("version: 1\n"), "{out}");
    assert!(out.contains("path: tests/corpus/seed.txt"));
}

#[test]
fn reads_standard_input() {
    let o = tigang(&["--format", "json"], Some("一、总则\n\n二、分则\n".as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"]["path"], serde_json::Value::Null);
    assert_eq!(v["documents"][0]["items"][1]["marker"], "二、");
}

#[test]
fn full_adds_bodies() {
    let o = tigang(&["--full", "--format", "json"], Some("一、总则\n正文一。\n二、分则\n正文二。\n".as_bytes()));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["documents"][0]["items"][0]["body"], "正文一。");
    assert_eq!(v["documents"][0]["items"][1]["body"], "正文二。");
}

#[test]
fn missing_file_is_named_and_others_still_go_through() {
    let o = tigang(&["no/such/file.txt", "tests/corpus/007.txt", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no/such/file.txt") && err.contains("cannot read"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("the good file is still printed");
    assert_eq!(v[0]["source"]["path"], "tests/corpus/007.txt");
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tigang-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn gbk_input_is_decoded_and_named() {
    let dir = scratch("gbk");
    let (gbk, _, _) = encoding_rs::GB18030.encode("一、总体要求\n\n二、主要任务\n");
    let path = dir.join("gbk.txt");
    std::fs::write(&path, &gbk).unwrap();
    let o = tigang(&[path.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"]["encoding"], "gb18030");
    assert_eq!(v["documents"][0]["items"][1]["title"], "主要任务");
    // Forced to UTF-8, the same bytes are refused with the encoding and the offset.
    let o = tigang(&[path.to_str().unwrap(), "--encoding", "utf-8"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("gbk.txt: not valid utf-8: undecodable bytes at offset 2"), "{err}");
    // With --lossy it goes through, with a diagnostic.
    let o = tigang(&[path.to_str().unwrap(), "--encoding", "utf-8", "--lossy", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "undecodable-bytes");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn binary_files_are_refused_with_what_they_look_like() {
    let dir = scratch("bin");
    let pdf = dir.join("some.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").unwrap();
    let o = tigang(&[pdf.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("some.pdf: looks like a PDF: tigang reads plain text"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    let exe = std::env::current_exe().unwrap();
    let o = tigang(&[exe.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("looks like an ELF executable"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn batch_writes_good_files_and_reports_bad_ones() {
    let dir = scratch("batch");
    let bad = dir.join("bad.bin");
    std::fs::write(&bad, b"\x00\x01\x02binary").unwrap();
    let out = dir.join("out");
    let o = tigang(
        &["tests/corpus/007.txt", bad.to_str().unwrap(), "tests/corpus/014.txt", "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.bin: looks like binary data"), "{}", stderr(&o));
    assert!(out.join("007.yaml").is_file() && out.join("014.yaml").is_file());
    assert!(!out.join("bad.yaml").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_directory_is_read_recursively() {
    let dir = scratch("dir");
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    std::fs::copy("tests/corpus/007.txt", dir.join("in/a.txt")).unwrap();
    std::fs::copy("tests/corpus/014.txt", dir.join("in/sub/b.txt")).unwrap();
    std::fs::write(dir.join("in/picture.png"), b"\x89PNG\r\n").unwrap();
    let out = dir.join("out");
    let o = tigang(&[dir.join("in").to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("a.json").is_file() && out.join("sub/b.json").is_file());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_usage_exits_2() {
    let o = tigang(&["--format", "xml", "tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("xml"));
}

#[test]
fn several_files_make_one_yaml_stream() {
    let o = tigang(&["tests/corpus/007.txt", "tests/corpus/014.txt"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.matches("\n---\n").count() + usize::from(out.starts_with("---\n")), 2, "{out}");
}

#[test]
fn output_file() {
    let dir = std::env::temp_dir().join(format!("tigang-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("seed.yaml");
    let o = tigang(&["tests/corpus/seed.txt", "-o", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("version: 1"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_reports_like_a_compiler_and_exits_1() {
    let o = tigang(&["--check", "tests/check/skipped-ordinal.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "tests/check/skipped-ordinal.txt:15:1: warning[skipped-ordinal]: 四、 follows 二、; expected 三、\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("15 | 四、加强应急值守和信息报送\n   | ^^^^\n"),
        "caret under the marker, two columns per CJK character: {out}"
    );
    assert!(out.ends_with("1 file checked: 1 warning\n"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when stdout is not a terminal");
}

#[test]
fn check_of_a_correct_document_exits_0() {
    let o = tigang(&["--check", "tests/corpus/seed.txt", "tests/corpus/047.txt"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).ends_with("2 files checked: 1 note\n"), "{}", stdout(&o));
}

#[test]
fn check_as_json_for_editors() {
    let o = tigang(&["--check", "--format", "json", "tests/check/count-mismatch.txt"], None);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["path"], "tests/check/count-mismatch.txt");
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("count-mismatch"), Some(5), Some(37))
    );
    assert_eq!(d["help"], "found 4: 一、 二、 三、 四、");
}

#[test]
fn check_with_an_unreadable_file_exits_2() {
    let o = tigang(&["--check", "no/such.txt", "tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such.txt"));
    assert!(stdout(&o).ends_with("1 file checked: 1 note\n"));
}

#[test]
fn every_format_prints_the_seed() {
    for (format, needle) in [
        ("md", "### (一)在服務"),
        ("opml", "<outline text=\"二要強化自身建設"),
        ("text", "①抓好制度建設"),
        ("html", "<svg id=\"mindmap\""),
    ] {
        let o = tigang(&["tests/corpus/seed.txt", "--format", format], None);
        assert_eq!(o.status.code(), Some(0), "{format}");
        assert!(stdout(&o).contains(needle), "{format}: {needle}");
    }
}

#[test]
fn a_folder_to_a_folder_is_deterministic() {
    let dir = scratch("folder");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        let o = tigang(&["tests/corpus", "-o", out.to_str().unwrap(), "--format", "json"], None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("files written,") && err.contains("items") && err.contains("MB/s"), "summary line: {err}");
    }
    // Sub-folders mirror the input's (tests/corpus/encoded).
    assert!(a.join("encoded").join("102.big5.json").is_file());
    let mut names: Vec<_> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 60, "one output per document");
    for n in names {
        assert_eq!(
            std::fs::read(a.join(&n)).unwrap(),
            std::fs::read(b.join(&n)).unwrap(),
            "{n:?} differs between runs"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn opml_and_html_need_a_folder_for_several_inputs() {
    let o = tigang(&["tests/corpus/007.txt", "tests/corpus/014.txt", "--format", "html"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o DIR"), "{}", stderr(&o));
}

#[test]
fn a_broken_profile_says_where_and_what_and_exits_2() {
    let o = tigang(&["--profile", "tests/profiles/broken.yaml", "tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "no outline with a broken profile");
    let e = stderr(&o);
    assert!(e.contains("tests/profiles/broken.yaml: invalid profile: line 10: duplicate family \"dun\""), "{e}");
}

#[test]
fn profiles_by_name_file_or_auto() {
    let o = tigang(&["tests/profiles/toc-law.txt"], None);
    assert!(stdout(&o).contains("\nprofile: law (auto)\n"), "{}", stdout(&o));
    let o = tigang(&["--profile", "speech", "tests/profiles/toc-law.txt"], None);
    assert!(stdout(&o).contains("\nprofile: speech\n"));
    assert!(!stdout(&o).contains("family: kuan"), "speech has no 款");
    let o =
        tigang(&["--profile", "examples/company-rules.yaml", "examples/company-rules.txt", "--format", "text"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("      a. 迟到或者早退累计三次以上的"), "{}", stdout(&o));
    let o = tigang(&["--profile", "statute", "tests/profiles/toc-law.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no built-in profile has that name (speech, gongwen, law, taiwan, standard)"),
        "{}",
        stderr(&o)
    );
    let o = tigang(&["--profile", "tests/profiles/missing.yaml", "tests/profiles/toc-law.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tests/profiles/missing.yaml: cannot read profile"), "{}", stderr(&o));
}

#[test]
fn chunks_are_json_lines_with_heading_paths() {
    let o = tigang(&["--format", "chunks", "--max-chars", "150", "tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> =
        stdout(&o).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert!(lines.len() > 40);
    for v in &lines {
        assert_eq!(v["file"], "tests/corpus/seed.txt");
        assert_eq!(v["path"].as_array().unwrap().len(), v["markers"].as_array().unwrap().len());
        assert!(v["text"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).count() <= 150);
    }
    let nested =
        lines.iter().find(|v| v["markers"] == serde_json::json!(["三、", "二要", "①"])).expect("三、 > 二要 > ①");
    assert!(nested["path"][2].as_str().unwrap().starts_with("①抓好制度建設(shè)"), "{nested}");
    let o = tigang(&["--max-chars", "100", "tests/corpus/seed.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--max-chars goes with --format chunks"));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = tigang(&["completions", shell], None);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        // Every option and the formats are offered.
        let long = |name: &str| if shell == "fish" { format!("-l {name}") } else { format!("--{name}") };
        for word in [long("format"), long("check"), long("profile"), "chunks".into()] {
            assert!(script.contains(&word), "{shell} completion lacks {word}");
        }
    }
    let o = tigang(&["completions", "nosh"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("possible values: bash"), "{}", stderr(&o));
}

#[test]
fn bash_completion_is_valid_bash_and_completes_formats() {
    let script = stdout(&tigang(&["completions", "bash"], None));
    let path = scratch("completion").join("tigang.bash");
    std::fs::write(&path, &script).unwrap();
    let probe = format!(
        "source {}; COMP_WORDS=(tigang --format ''); COMP_CWORD=2; _tigang tigang '' --format; echo \"${{COMPREPLY[*]}}\"",
        path.display()
    );
    let Ok(o) = Command::new("bash").args(["-c", &probe]).output() else { return }; // no bash here
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let offered = String::from_utf8_lossy(&o.stdout);
    assert!(offered.contains("yaml") && offered.contains("chunks"), "offered: {offered}");
}

#[test]
fn man_page_is_roff_with_options_and_exit_codes() {
    let o = tigang(&["man"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH tigang 1"), "{page}");
    for needle in ["\\-\\-check", "\\-\\-format", "Exit codes:", "tigang\\-completions"] {
        assert!(page.contains(needle), "man page lacks {needle}");
    }
    // Rendered by man itself where it is installed.
    let path = scratch("man").join("tigang.1");
    std::fs::write(&path, &page).unwrap();
    let shown = Command::new("man").arg("-l").arg(&path).env("MANPAGER", "cat").env("MANWIDTH", "100").output();
    if let Some(o) = shown.ok().filter(|o| o.status.success()) {
        let shown = String::from_utf8_lossy(&o.stdout);
        assert!(shown.contains("--check") && shown.contains("Exit codes"), "{shown}");
    }
}

#[test]
fn help_ends_with_exit_codes_and_examples() {
    let o = tigang(&["--help"], None);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("Exit codes:\n  0  success"), "{help}");
    assert!(help.contains("Examples:\n  tigang speech.txt"), "{help}");
}

#[test]
fn color_always_never_and_auto_in_a_pipe() {
    let colored = |args: &[&str]| stdout(&tigang(args, None)).contains("\u{1b}[");
    let file = "tests/check/count-mismatch.txt";
    assert!(colored(&["--check", "--color", "always", file]));
    assert!(!colored(&["--check", "--color", "never", file]));
    // Standard output is a pipe here: auto means no colour.
    assert!(!colored(&["--check", file]));
    let o = tigang(&["--check", "--color", "sometimes", file], None);
    assert_eq!(o.status.code(), Some(2));
}
