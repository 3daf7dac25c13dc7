//! `tigang diff OLD NEW`: two documents, two outlines tigang wrote, or two
//! folders of either.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use tigang::render::{DiffStyle, diff_markdown, diff_summary, diff_text};

/// How `tigang diff` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The changed branches with + - ~ → marks (colour on a terminal).
    Text,
    /// JSON for tools (diff schema version 1).
    Json,
    /// Markdown, to paste into a review.
    Md,
}

/// The options of `tigang diff`.
#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old version: a document, an outline tigang wrote (.yaml, .json), or a folder of either.
    pub old: PathBuf,
    /// The new version, of the same kind as OLD (a document may be compared with its outline).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Show the whole outline, the unchanged items too, not only the changed branches.
    #[arg(short, long)]
    pub all: bool,
    /// Compare the items' bodies too, and say how many sentences changed (outlines given as files must have been
    /// written with --full).
    #[arg(long)]
    pub full: bool,
    /// With folders: the detailed diff of each changed file, not only the summary line.
    #[arg(short, long)]
    pub verbose: bool,
    /// Marker profile for documents (as for outlining); chosen per document by default.
    #[arg(long, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: crate::ColorChoice,
}

/// Extensions read as outlines tigang wrote.
const OUTLINE_EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// Runs `tigang diff`: exit 0 when nothing changed, 1 when something did, 2
/// on trouble (the message names the file).
pub fn run(args: &DiffArgs) -> ExitCode {
    let parser = match &args.profile {
        None => tigang::Parser::new(),
        Some(spec) => match tigang::Profile::load(spec) {
            Ok(p) => tigang::Parser::with_profile(p),
            Err(e) => {
                eprintln!("tigang: --profile {e}");
                return ExitCode::from(2);
            }
        },
    }
    .full(args.full);
    let style = DiffStyle { color: args.color.enabled() };
    let mut out = std::io::stdout().lock();
    let result = match (args.old.is_dir(), args.new.is_dir()) {
        (true, true) => folders(args, &parser, style, &mut out),
        (false, false) => files(args, &parser, style, &mut out),
        _ => Err("OLD and NEW must both be files or both be folders".to_string()),
    };
    let _ = out.flush();
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tigang: diff: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads one side: an outline tigang wrote, or a document to parse.
fn load(path: &Path, parser: &tigang::Parser) -> Result<tigang::Outline<'static>, String> {
    let is_outline = path.extension().is_some_and(|e| OUTLINE_EXTENSIONS.iter().any(|o| e.eq_ignore_ascii_case(o)));
    if !is_outline {
        return parser.parse_file(path, tigang::DecodeOptions::default()).map_err(|e| e.to_string());
    }
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let parsed = if text.trim_start().starts_with('{') {
        serde_json::from_str::<tigang::Outline<'_>>(&text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str::<tigang::Outline<'_>>(&text).map_err(|e| e.to_string())
    };
    match parsed {
        Ok(outline) if outline.version == tigang::SCHEMA_VERSION => Ok(outline.into_owned()),
        Ok(outline) => Err(format!(
            "{shown}: outline schema version {} (this tigang reads version {})",
            outline.version,
            tigang::SCHEMA_VERSION
        )),
        Err(e) => Err(format!("{shown}: not an outline tigang wrote: {e}")),
    }
}

fn files(args: &DiffArgs, parser: &tigang::Parser, style: DiffStyle, out: &mut impl Write) -> Result<ExitCode, String> {
    let old = load(&args.old, parser)?;
    let new = load(&args.new, parser)?;
    let diff = tigang::diff_with(&old, &new, options(args));
    let (old_name, new_name) = (args.old.display().to_string(), args.new.display().to_string());
    let written = match args.format {
        DiffFormat::Json => {
            let report = FileReport {
                path: None,
                old: Some(&old_name),
                new: Some(&new_name),
                status: status(&diff),
                error: None,
                diff: Some(&diff),
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from).and_then(|()| writeln!(out))
        }
        DiffFormat::Md => out.write_all(diff_markdown(&diff, &old_name, &new_name).as_bytes()),
        DiffFormat::Text => writeln!(out, "{old_name} → {new_name}: {}", diff_summary(&diff))
            .and_then(|()| out.write_all(diff_text(&diff, style).as_bytes())),
    };
    written.map_err(|e| crate::write_failed(&e, None))?;
    Ok(if diff.is_unchanged() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// One file of a folder comparison, as JSON.
#[derive(serde::Serialize)]
struct FileReport<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'r str>,
    old: Option<&'r str>,
    new: Option<&'r str>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<&'r tigang::Diff>,
}

fn options(args: &DiffArgs) -> tigang::DiffOptions {
    tigang::DiffOptions { unchanged: args.all, bodies: args.full }
}

fn status(diff: &tigang::Diff) -> &'static str {
    if diff.is_unchanged() { "unchanged" } else { "changed" }
}

/// The files of a folder by their path without the extension, so that
/// `a/doc.txt` meets `a/doc.yaml` (a document and its snapshot).
fn by_stem(root: &Path) -> Result<std::collections::BTreeMap<String, PathBuf>, String> {
    fn walk(
        dir: &Path,
        root: &Path,
        seen: &mut std::collections::HashSet<PathBuf>,
        out: &mut std::collections::BTreeMap<String, PathBuf>,
    ) -> Result<(), String> {
        // A folder reached twice (a symbolic link to one above it) is read once.
        if !std::fs::canonicalize(dir).is_ok_and(|c| seen.insert(c)) {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, seen, out)?;
                continue;
            }
            let known = path.extension().is_some_and(|e| {
                crate::TEXT_EXTENSIONS.iter().chain(OUTLINE_EXTENSIONS).any(|t| e.eq_ignore_ascii_case(t))
            });
            if known {
                let relative = path.strip_prefix(root).unwrap_or(&path).with_extension("");
                // A document and its outline side by side: the document, whatever
                // order the folder lists them in.
                let is_outline = |p: &Path| {
                    p.extension().is_some_and(|e| OUTLINE_EXTENSIONS.iter().any(|o| e.eq_ignore_ascii_case(o)))
                };
                let slot = out.entry(relative.display().to_string()).or_insert_with(|| path.clone());
                if is_outline(slot) && !is_outline(&path) {
                    *slot = path;
                }
            }
        }
        Ok(())
    }
    let mut out = std::collections::BTreeMap::new();
    walk(root, root, &mut std::collections::HashSet::new(), &mut out)?;
    Ok(out)
}

fn folders(
    args: &DiffArgs,
    parser: &tigang::Parser,
    style: DiffStyle,
    out: &mut impl Write,
) -> Result<ExitCode, String> {
    let old = by_stem(&args.old)?;
    let new = by_stem(&args.new)?;
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    let (mut changed, mut unchanged, mut one_side, mut failed) = (0, 0, 0, 0);
    let mut reports: Vec<serde_json::Value> = Vec::new();
    for name in names {
        let (o, n) = (old.get(name), new.get(name));
        let (old_name, new_name) = (o.map(|p| p.display().to_string()), n.map(|p| p.display().to_string()));
        let (line, report) = match (o, n) {
            (Some(o), Some(n)) => {
                match load(o, parser).and_then(|a| load(n, parser).map(|b| tigang::diff_with(&a, &b, options(args)))) {
                    Ok(diff) => {
                        let line = if diff.is_unchanged() {
                            unchanged += 1;
                            format!("unchanged  {name}")
                        } else {
                            changed += 1;
                            let mut line = format!("changed    {name}: {}", diff_summary(&diff));
                            if args.verbose {
                                line.push('\n');
                                line.push_str(diff_text(&diff, style).trim_end());
                            }
                            line
                        };
                        let report = FileReport {
                            path: Some(name),
                            old: old_name.as_deref(),
                            new: new_name.as_deref(),
                            status: status(&diff),
                            error: None,
                            diff: Some(&diff),
                        };
                        (line, serde_json::to_value(&report).map_err(|e| e.to_string())?)
                    }
                    Err(e) => {
                        failed += 1;
                        let report = FileReport {
                            path: Some(name),
                            old: old_name.as_deref(),
                            new: new_name.as_deref(),
                            status: "error",
                            error: Some(&e),
                            diff: None,
                        };
                        (format!("error      {name}: {e}"), serde_json::to_value(&report).map_err(|e| e.to_string())?)
                    }
                }
            }
            (Some(_), None) | (None, Some(_)) => {
                one_side += 1;
                let (status, line) = if o.is_some() {
                    ("only-old", format!("only old   {name}"))
                } else {
                    ("only-new", format!("only new   {name}"))
                };
                let report = FileReport {
                    path: Some(name),
                    old: old_name.as_deref(),
                    new: new_name.as_deref(),
                    status,
                    error: None,
                    diff: None,
                };
                (line, serde_json::to_value(&report).map_err(|e| e.to_string())?)
            }
            (None, None) => continue,
        };
        if args.format == DiffFormat::Json {
            reports.push(report);
        } else {
            let line = if args.format == DiffFormat::Md { format!("- {line}") } else { line };
            writeln!(out, "{line}").map_err(|e| crate::write_failed(&e, None))?;
        }
    }
    let summary = format!("{changed} changed, {unchanged} unchanged, {one_side} in one folder only, {failed} failed");
    if args.format == DiffFormat::Json {
        let value = serde_json::json!({ "version": tigang::diff::DIFF_VERSION, "files": reports, "summary": summary });
        serde_json::to_writer_pretty(&mut *out, &value).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| crate::write_failed(&e, None))?;
    } else {
        eprintln!("tigang: diff: {summary}");
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if changed + one_side > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
