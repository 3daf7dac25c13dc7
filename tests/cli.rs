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

#[test]
fn non_utf8_input_is_refused_with_the_reason() {
    let gbk = b"\xd2\xbb\xa1\xa2\xd7\xdc\xd4\xf2\n"; // 一、总则 in GBK
    let dir = std::env::temp_dir().join(format!("tigang-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gbk.txt");
    std::fs::write(&path, gbk).unwrap();
    let o = tigang(&[path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("gbk.txt") && err.contains("not valid UTF-8") && err.contains("offset 2"), "{err}");
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
