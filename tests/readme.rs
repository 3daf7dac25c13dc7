//! The README's command examples are true: every ```text block that starts
//! with `$ tigang …` shows that command's exact output, and every block whose
//! caption says "(`tigang …`, lines A–B" shows those lines of its output.

use std::process::Command;

fn run(command: &str) -> String {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("tigang runs");
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The ```text blocks of the README, each with the paragraph before it.
fn blocks(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut before = String::new();
    let mut ended = false;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line == "```text" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            out.push((std::mem::take(&mut before), body.join("\n")));
        } else if line.is_empty() {
            ended = true;
        } else {
            if ended {
                before.clear();
                ended = false;
            }
            before.push_str(line);
            before.push(' ');
        }
    }
    out
}

#[test]
fn readme_examples_show_real_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut checked = 0;
    for (caption, body) in blocks(&readme) {
        if let Some(command) = body.lines().next().filter(|l| l.starts_with("$ tigang ")) {
            let expected: Vec<&str> = body.lines().skip(1).collect();
            let actual = run(&command[2..]);
            assert_eq!(actual.trim_end().lines().collect::<Vec<_>>(), expected, "README: {command}");
            checked += 1;
        } else if let Some(at) = caption.find("(`tigang ") {
            let rest = &caption[at + 2..];
            let command = &rest[..rest.find('`').unwrap()];
            let range = rest.split("lines ").nth(1).expect("a line range");
            let (from, to) = range.split_once('–').expect("A–B");
            let from: usize = from.parse().unwrap();
            let to: usize = to.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap();
            let actual = run(command);
            let excerpt: Vec<&str> = actual.lines().skip(from - 1).take(to + 1 - from).collect();
            assert_eq!(excerpt, body.lines().collect::<Vec<_>>(), "README: {command}, lines {from}–{to}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "only {checked} README examples found");
}
