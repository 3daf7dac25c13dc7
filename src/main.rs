//! The `tigang` command line: arguments → run → exit code.
//!
//! Exit codes: 0 success; 1 `--check` found warnings or errors; 2 bad usage
//! or an input that could not be read or decoded (the message names the file
//! and the reason; every other input is still processed).

mod diff_command;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser as ClapParser, ValueEnum};
use rayon::prelude::*;
use tigang::decode::DecodeOptions;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// YAML (schema version 1), the default.
    Yaml,
    /// JSON, same schema as YAML.
    Json,
    /// Markdown: items as headings, deeper ones as nested lists.
    Md,
    /// OPML 2.0, for outliners and mind-map tools.
    Opml,
    /// An indented tree with line numbers.
    Text,
    /// One self-contained HTML page: collapsible outline and mind map.
    Html,
    /// JSON Lines for retrieval: one chunk of text per line, with its
    /// heading path (`--max-chars` cuts long ones at sentence ends).
    Chunks,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
            Format::Md => "md",
            Format::Opml => "opml",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Chunks => "jsonl",
        }
    }

    fn write(
        self,
        outline: &tigang::Outline<'_>,
        text: &str,
        max_chars: Option<usize>,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        match self {
            Format::Yaml => tigang::render::write_yaml(outline, out),
            Format::Json => tigang::render::write_json(outline, out),
            Format::Md => out.write_all(tigang::render::markdown(outline).as_bytes()),
            Format::Opml => out.write_all(tigang::render::opml(outline).as_bytes()),
            Format::Text => out.write_all(tigang::render::text(outline).as_bytes()),
            Format::Html => out.write_all(tigang::render::html(outline).as_bytes()),
            Format::Chunks => {
                let chunks = tigang::chunk::chunks(outline, text, tigang::ChunkOptions { max_chars });
                tigang::render::write_chunks(outline.source.path.as_deref(), &chunks, out)
            }
        }
    }

    /// Whether several outlines can share one output stream.
    fn streams(self) -> bool {
        !matches!(self, Format::Opml | Format::Html)
    }
}

/// When to colour `--check` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always (for a pager such as `less -R`).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }
}

/// What `tigang --help` ends with.
const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  --check found a warning or an error
  2  bad usage, no input file, or an input that could not be read or decoded
     (the message names the file; every other input is still processed)

Examples:
  tigang speech.txt                           the outline as YAML on standard output
  tigang --format md -o outlines/ reports/    one Markdown outline per file of a folder
  tigang --check draft.txt                    check the numbering of a draft
  cat draft.txt | tigang --format text        an indented tree of standard input
  tigang diff draft-v1.txt draft-v2.txt       what changed in the skeleton between two drafts
  tigang completions bash, tigang man         shell completions, the manual page";

/// Commands besides outlining (a file named like one is read as `./man`).
#[derive(clap::Subcommand, Debug)]
enum Command {
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For bash: `tigang completions bash > ~/.local/share/bash-completion/completions/tigang`;
    /// for zsh, into a folder of `$fpath` as `_tigang`; for fish, `~/.config/fish/completions/tigang.fish`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Compare the outlines of two versions: what was added, removed, renumbered, retitled or moved.
    ///
    /// Each side is a document, an outline tigang wrote (.yaml, .json), or a folder of either (files meet by
    /// their path without extension). Exit 0 when the skeleton is unchanged, 1 when it changed, 2 on trouble.
    Diff(diff_command::DiffArgs),
    /// Print the manual page (roff).
    ///
    /// Install it with `tigang man > ~/.local/share/man/man1/tigang.1`, or read it with `tigang man | man -l -`.
    Man,
}

/// Turns Chinese speeches and official documents into nested outlines.
#[derive(ClapParser, Debug)]
#[command(name = "tigang", version, about, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Input files or directories (read recursively: .txt .text .md .markdown
    /// .docx .html .htm); standard input when none (or `-`).
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "yaml")]
    format: Format,
    /// Write the output to this file; with several inputs or a directory, to
    /// this directory (one file per input, mirroring the input paths).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Marker profile: a built-in (speech, gongwen, law, taiwan, standard) or a YAML
    /// file with the same schema. Without it, one is chosen per input and
    /// reported as `profile: NAME (auto)`.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Add item bodies and front/back matter, so that no text is lost.
    #[arg(long)]
    full: bool,
    /// With `--format chunks`: cut chunks longer than this many characters
    /// at sentence ends (。！？), each piece keeping its heading path.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_chars: Option<u64>,
    /// Decode with this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le …).
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Replace undecodable bytes with U+FFFD (and report it) instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Check the numbering instead of printing the outline: diagnostics with
    /// line:column and a code frame; exit 1 when there is a warning or error.
    #[arg(long)]
    check: bool,
    /// Print the text that is parsed instead of the outline: for a .docx its paragraphs, one per line, with the
    /// numbers of automatic numbering written out (line numbers and spans of the outline point into this text).
    #[arg(long, conflicts_with_all = ["check", "output"])]
    extract: bool,
    /// No progress bar and no summary line (also with `--check`).
    #[arg(short, long)]
    quiet: bool,
    /// Colour the `--check` report: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    if let Some(Command::Diff(diff)) = &args.command {
        return diff_command::run(diff);
    }
    if let Some(command) = &args.command {
        return match generate(command, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("tigang: {}", write_failed(&e, None));
                ExitCode::from(2)
            }
        };
    }
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tigang: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Writes what `command` generates from the argument definitions.
fn generate(command: &Command, out: &mut impl Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut cli = Args::command();
    // Into memory first: clap_complete panics on a failed write (a closed pipe).
    let mut text = Vec::new();
    match command {
        Command::Completions { shell } => clap_complete::generate(*shell, &mut cli, "tigang", &mut text),
        Command::Man => clap_mangen::Man::new(cli).render(&mut text)?,
        Command::Diff(_) => {}
    }
    out.write_all(&text)?;
    out.flush()
}

/// One input: a file path (shown as given), or standard input.
#[derive(Clone, Debug)]
struct Input {
    path: PathBuf,
    /// Path relative to the directory it was found in, for mirroring under `-o DIR`.
    relative: PathBuf,
}

impl Input {
    fn name(&self) -> String {
        self.path.display().to_string()
    }

    fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// Extensions read when a directory is given: text, not everything in it.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "docx", "html", "htm"];

/// The inputs found, and what could not be looked at (an unreadable
/// subfolder, a symbolic link that loops): each problem names its path, and
/// the other inputs still go through.
#[derive(Default)]
struct Found {
    inputs: Vec<Input>,
    problems: Vec<String>,
    /// Worth saying but not a failure (a looping link that was skipped).
    notes: Vec<String>,
}

/// Expands directories into their text files (sorted, so that output order
/// never depends on the file system).
fn inputs(args: &Args) -> Result<Found, String> {
    if args.files.is_empty() {
        return Ok(Found { inputs: vec![Input { path: "-".into(), relative: "stdin".into() }], ..Found::default() });
    }
    let mut found = Found::default();
    // An output folder inside an input folder holds outlines, not documents.
    let skip = args.output.as_ref().and_then(|o| std::fs::canonicalize(o).ok()).filter(|o| o.is_dir());
    for p in &args.files {
        if p.is_dir() {
            let mut files = Vec::new();
            let mut walker = Walker {
                ancestors: Vec::new(),
                skip: skip.clone(),
                files: &mut files,
                problems: &mut found.problems,
                notes: &mut found.notes,
            };
            walker.walk(p).map_err(|e| format!("{}: cannot read directory: {e}", p.display()))?;
            files.sort();
            for f in files {
                let relative = f.strip_prefix(p).unwrap_or(&f).to_path_buf();
                found.inputs.push(Input { path: f, relative });
            }
        } else {
            let relative = p.file_name().map_or_else(|| p.clone(), PathBuf::from);
            found.inputs.push(Input { path: p.clone(), relative });
        }
    }
    if found.inputs.is_empty() && found.problems.is_empty() {
        // (Looping links alone found nothing either.)
        let dirs: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "{}: no input files (a folder is searched for .{})",
            dirs.join(", "),
            TEXT_EXTENSIONS.join(" .")
        ));
    }
    Ok(found)
}

/// Collects the text files under a folder.
struct Walker<'a> {
    /// The folders being walked, canonical: a symbolic link back to one of
    /// them (`sub/up -> ..`) is skipped, or the walk would never end.
    ancestors: Vec<PathBuf>,
    /// The output folder, canonical, when it already exists.
    skip: Option<PathBuf>,
    files: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<String>,
    notes: &'a mut Vec<String>,
}

impl Walker<'_> {
    /// Walks `dir`. A subfolder that cannot be read is a problem of its own
    /// (the walk goes on); only `dir` itself failing is an error.
    fn walk(&mut self, dir: &Path) -> std::io::Result<()> {
        let here = std::fs::canonicalize(dir)?;
        if self.ancestors.contains(&here) {
            self.notes
                .push(format!("{}: skipped: a symbolic link to a folder that contains it (a loop)", dir.display()));
            return Ok(());
        }
        if self.skip.as_ref() == Some(&here) {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir)?;
        self.ancestors.push(here);
        for entry in entries {
            let path = match entry {
                Ok(e) => e.path(),
                Err(e) => {
                    self.problems.push(format!("{}: cannot read directory: {e}", dir.display()));
                    continue;
                }
            };
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                if let Err(e) = self.walk(&path) {
                    self.problems.push(format!("{}: cannot read directory: {e}", path.display()));
                }
            } else if path.extension().is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t))) {
                self.files.push(path);
            }
        }
        self.ancestors.pop();
        Ok(())
    }
}

fn read(input: &Input) -> Result<Vec<u8>, String> {
    if input.is_stdin() {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("-: cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        tigang::decode::read_file(&input.path).map_err(|e| e.to_string())
    }
}

/// What identifies a file through symbolic links, `..` and hard links:
/// device and inode on Unix, the canonical path elsewhere. A path that does
/// not exist is no file yet.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    file_id(a).is_some_and(|id| file_id(b) == Some(id))
}

/// Writes a file through a temporary file beside it, renamed into place once
/// complete: an interrupted run leaves the old file or the new one, never
/// half of one, and nothing is opened for writing under the final name.
fn write_atomically(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<(), String>) -> Result<(), String> {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let cannot = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.tigang-{}-{n}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp).map_err(cannot)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    let written = fill(&mut out)
        .and_then(|()| out.into_inner().map_err(|e| cannot(e.into_error())))
        .and_then(|_file| std::fs::rename(&temp, path).map_err(cannot));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// What one input produced.
struct Done {
    bytes: usize,
    items: usize,
}

/// Decodes and parses one input, and renders it into `out`.
fn process(
    parser: &tigang::Parser,
    decode: DecodeOptions,
    format: Format,
    max_chars: Option<u64>,
    input: &Input,
    out: &mut impl Write,
) -> Result<Done, String> {
    let bytes = read(input)?;
    let size = bytes.len();
    let name = (!input.is_stdin()).then(|| input.name());
    let mut render = |decoded: &tigang::decode::Decoded<'_>| {
        let failed = |e: std::io::Error| write_failed(&e, Some(&input.name()));
        // JSON and YAML are written while the items are made: memory stays
        // bounded however many items there are.
        let streamed = match format {
            Format::Json => Some(tigang::Syntax::Json),
            Format::Yaml => Some(tigang::Syntax::Yaml),
            _ => None,
        };
        if let Some(syntax) = streamed {
            let items = parser.write_decoded(name.as_deref(), decoded, syntax, &mut *out).map_err(failed)?;
            return Ok(Done { bytes: size, items });
        }
        let outline = parser.parse_decoded(name.as_deref(), decoded);
        let max_chars = max_chars.and_then(|n| usize::try_from(n).ok());
        format.write(&outline, &decoded.text, max_chars, out).map_err(failed)?;
        let items = outline.documents.iter().map(|d| count(&d.items)).sum();
        Ok(Done { bytes: size, items })
    };
    let decoded = tigang::decode::decode(name.as_deref().unwrap_or("-"), &bytes, decode).map_err(|e| e.to_string())?;
    if let std::borrow::Cow::Owned(_) = decoded.text {
        // Text decoded from another encoding is a copy: the bytes can go.
        let decoded = decoded.into_owned();
        drop(bytes);
        return render(&decoded);
    }
    render(&decoded)
}

fn count(items: &[tigang::Item<'_>]) -> usize {
    items.iter().map(|i| 1 + count(&i.children)).sum()
}

fn decode_options(args: &Args) -> Result<DecodeOptions, String> {
    let encoding =
        args.encoding.as_deref().map(tigang::decode::encoding_for_label).transpose().map_err(|e| e.to_string())?;
    Ok(DecodeOptions { encoding, lossy: args.lossy })
}

/// The parser for `--profile`: a built-in by name, else a profile file.
fn parser(args: &Args) -> Result<tigang::Parser, String> {
    match &args.profile {
        None => Ok(tigang::Parser::new()),
        Some(spec) => tigang::Profile::load(spec).map(tigang::Parser::with_profile).map_err(|e| match e {
            tigang::Error::NoProfile { .. } => format!("--profile {e}"),
            e => e.to_string(),
        }),
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    // Chunks are made of bodies.
    let parser = parser(args)?.full(args.full || args.format == Format::Chunks);
    if args.max_chars.is_some() && args.format != Format::Chunks {
        return Err("--max-chars goes with --format chunks".into());
    }
    let decode = decode_options(args)?;
    let many = args.files.len() > 1 || args.files.iter().any(|p| p.is_dir());
    if let Some(out) = &args.output {
        output_allowed(args, out, many)?;
    }
    let Found { inputs, problems, notes } = inputs(args)?;
    for p in &problems {
        eprintln!("tigang: {p}");
    }
    for n in &notes {
        eprintln!("tigang: note: {n}");
    }
    let code = if args.extract {
        extract(decode, &inputs)
    } else if args.check {
        check(args, &parser, decode, &inputs)?
    } else {
        match (&args.output, many) {
            (Some(dir), true) => batch(args, &parser, decode, &inputs, dir),
            (output, false) => single(args, &parser, decode, &inputs[0], output.as_deref()),
            (None, true) => stream(args, &parser, decode, &inputs)?,
        }
    };
    Ok(if problems.is_empty() { code } else { ExitCode::from(2) })
}

/// Refuses an output that would destroy or mix with the inputs, before
/// anything is read or written: `-o` naming an input file, or an input
/// folder (outlines would lie among the documents and be read as documents
/// on the next run), or an existing file where several outlines need a folder.
fn output_allowed(args: &Args, out: &Path, many: bool) -> Result<(), String> {
    for input in &args.files {
        if same_file(input, out) {
            let what = if input.is_dir() { "an input folder" } else { "an input" };
            return Err(format!(
                "-o {}: it is {what}, which the output would overwrite; choose another {}",
                out.display(),
                if input.is_dir() { "folder" } else { "file" }
            ));
        }
    }
    if many && out.exists() && !out.is_dir() {
        return Err(format!(
            "-o {}: not a directory: with several inputs, -o names a folder (one outline per input)",
            out.display()
        ));
    }
    Ok(())
}

/// One input to one output, streamed; a file output is written whole or not at all.
fn single(
    args: &Args,
    parser: &tigang::Parser,
    decode: DecodeOptions,
    input: &Input,
    output: Option<&Path>,
) -> ExitCode {
    let produce =
        |out: &mut dyn Write| process(parser, decode, args.format, args.max_chars, input, &mut &mut *out).map(|_| ());
    let result = if let Some(p) = output {
        write_atomically(p, produce)
    } else {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        produce(&mut out).and_then(|()| out.flush().map_err(|e| write_failed(&e, None)))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("tigang: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Several inputs to standard output as one stream: a YAML stream (`---`
/// between outlines), a JSON array, Markdown or text one after the other.
fn stream(args: &Args, parser: &tigang::Parser, decode: DecodeOptions, inputs: &[Input]) -> Result<ExitCode, String> {
    if !args.format.streams() {
        return Err(format!(
            "several inputs make one {} document per input: give an output directory with -o DIR",
            args.format.extension()
        ));
    }
    let results: Vec<Result<Vec<u8>, String>> = inputs
        .par_iter()
        .map(|input| {
            let mut buf = Vec::new();
            process(parser, decode, args.format, args.max_chars, input, &mut buf).map(|_| buf)
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    let mut first = true;
    if args.format == Format::Json {
        write_or(&mut out, b"[\n")?;
    }
    for (input, result) in inputs.iter().zip(results) {
        let buf = match result {
            Ok(b) => b,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed = true;
                continue;
            }
        };
        match args.format {
            Format::Yaml => write_or(&mut out, b"---\n")?,
            Format::Json if !first => write_or(&mut out, b",\n")?,
            Format::Md | Format::Text => write_or(&mut out, format!("<!-- {} -->\n\n", input.name()).as_bytes())?,
            _ => {}
        }
        let body = if args.format == Format::Json { buf.trim_ascii_end() } else { &buf[..] };
        write_or(&mut out, body)?;
        first = false;
    }
    if args.format == Format::Json {
        write_or(&mut out, b"\n]\n")?;
    }
    out.flush().map_err(|e| write_failed(&e, None))?;
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Where each input's outline goes under `dir`: its path relative to the
/// folder it was found in, with the format's extension. Where two inputs
/// would share a name (x.txt and x.md; a/doc.txt and b/doc.txt given as
/// files), each keeps its own extension (x.txt.yaml); where they still
/// would, each is refused naming the other. An output that would replace
/// an input is refused too: nothing is silently lost.
fn targets(inputs: &[Input], dir: &Path, extension: &str) -> Vec<Result<PathBuf, String>> {
    fn groups(paths: &[PathBuf]) -> std::collections::HashMap<&PathBuf, Vec<usize>> {
        let mut map: std::collections::HashMap<&PathBuf, Vec<usize>> = std::collections::HashMap::new();
        for (i, p) in paths.iter().enumerate() {
            map.entry(p).or_default().push(i);
        }
        map
    }
    let plain: Vec<PathBuf> = inputs.iter().map(|i| dir.join(&i.relative).with_extension(extension)).collect();
    let plain_groups = groups(&plain);
    let chosen: Vec<PathBuf> = inputs
        .iter()
        .zip(&plain)
        .map(|(input, p)| {
            if plain_groups[p].len() == 1 {
                return p.clone();
            }
            let mut kept = input.relative.clone().into_os_string();
            kept.push(".");
            kept.push(extension);
            dir.join(kept)
        })
        .collect();
    let chosen_groups = groups(&chosen);
    // Looked up, not compared pair by pair: a folder of thousands of files
    // would cost millions of file-system calls.
    let input_ids: std::collections::HashMap<_, usize> =
        inputs.iter().enumerate().filter_map(|(k, input)| file_id(&input.path).map(|id| (id, k))).collect();
    chosen
        .iter()
        .enumerate()
        .map(|(i, target)| {
            let others: Vec<String> =
                chosen_groups[target].iter().filter(|&&j| j != i).map(|&j| inputs[j].name()).collect();
            if !others.is_empty() {
                return Err(format!(
                    "{}: not written: its outline would have the same name as that of {} ({})",
                    inputs[i].name(),
                    others.join(", "),
                    target.display()
                ));
            }
            if let Some(input) = file_id(target).and_then(|id| input_ids.get(&id)).map(|&k| &inputs[k]) {
                return Err(format!(
                    "{}: not written: its outline {} would overwrite the input {}",
                    inputs[i].name(),
                    target.display(),
                    input.name()
                ));
            }
            Ok(target.clone())
        })
        .collect()
}

/// Many inputs into a directory, in parallel, with a progress bar on a
/// terminal and a summary line. Which thread does what never changes what
/// is written, and errors are reported in input order.
fn batch(args: &Args, parser: &tigang::Parser, decode: DecodeOptions, inputs: &[Input], dir: &Path) -> ExitCode {
    let started = Instant::now();
    let show_progress = !args.quiet && std::io::stderr().is_terminal() && inputs.len() > 3;
    let bar = if show_progress {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Some(bar)
    } else {
        None
    };
    let targets = targets(inputs, dir, args.format.extension());
    let results: Vec<Result<Done, String>> = inputs
        .par_iter()
        .zip(&targets)
        .map(|(input, target)| {
            let done = target.clone().and_then(|target| {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("{}: cannot write: {e}", parent.display()))?;
                }
                let mut done = None;
                write_atomically(&target, |out| {
                    done = Some(process(parser, decode, args.format, args.max_chars, input, &mut &mut *out)?);
                    Ok(())
                })?;
                done.ok_or_else(|| format!("{}: nothing was written", target.display()))
            });
            if let Some(bar) = &bar {
                bar.inc(1);
            }
            done
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let (mut bytes, mut items, mut errors) = (0usize, 0usize, 0usize);
    for result in &results {
        match result {
            Ok(d) => {
                bytes += d.bytes;
                items += d.items;
            }
            Err(msg) => {
                eprintln!("tigang: {msg}");
                errors += 1;
            }
        }
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
        let mb = bytes as f64 / 1_048_576.0;
        eprintln!(
            "tigang: {}, {}, {}, {mb:.1} MB in {secs:.2} s ({:.0} MB/s) → {}",
            plural(results.len() - errors, "file written", "files written"),
            plural(items, "item", "items"),
            plural(errors, "error", "errors"),
            mb / secs,
            dir.display()
        );
    }
    if errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// "1 error", "2 errors".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_or(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    out.write_all(bytes).map_err(|e| write_failed(&e, None))
}

/// The message for an output that could not be written. A closed pipe
/// (`tigang … | head`) is the reader's choice, not an error: stop quietly.
fn write_failed(e: &std::io::Error, input: Option<&str>) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    match input {
        Some(name) => format!("{name}: cannot write the output: {e}"),
        None => format!("cannot write the output: {e}"),
    }
}

/// `--extract`: the text of each input as it is parsed, in input order.
fn extract(decode: DecodeOptions, inputs: &[Input]) -> ExitCode {
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for input in inputs {
        let text = read(input).and_then(|bytes| {
            let name = input.name();
            tigang::decode::decode(&name, &bytes, decode).map(|d| d.text.into_owned()).map_err(|e| e.to_string())
        });
        match text {
            Ok(text) => {
                if let Err(e) = out.write_all(text.as_bytes()) {
                    eprintln!("tigang: {}", write_failed(&e, Some(&input.name())));
                    return ExitCode::from(2);
                }
            }
            Err(message) => {
                eprintln!("tigang: {message}");
                failed = true;
            }
        }
    }
    if failed { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// `--check`: diagnostics for each input, then a summary.
fn check(args: &Args, parser: &tigang::Parser, decode: DecodeOptions, inputs: &[Input]) -> Result<ExitCode, String> {
    let color = args.color.enabled();
    let style = tigang::render::CheckStyle { color };
    let mut tally = tigang::render::Tally::default();
    let mut failed_inputs = false;
    let mut json_files = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut checked = 0;
    for input in inputs {
        let bytes = match read(input) {
            Ok(b) => b,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed_inputs = true;
                continue;
            }
        };
        let shown = (!input.is_stdin()).then(|| input.name());
        let result = tigang::decode::decode(shown.as_deref().unwrap_or("-"), &bytes, decode).map_err(|e| e.to_string());
        let decoded = match result {
            Ok(d) => d,
            Err(msg) => {
                eprintln!("tigang: {msg}");
                failed_inputs = true;
                continue;
            }
        };
        checked += 1;
        let name = if input.is_stdin() { "<stdin>".to_string() } else { input.name() };
        let outline = parser.parse_decoded(Some(&name), &decoded);
        tally.add(tigang::render::Tally::of(&outline.diagnostics));
        if args.format == Format::Json {
            json_files.push(serde_json::json!({ "path": name, "diagnostics": outline.diagnostics }));
        } else {
            let report = tigang::render::check_report(&name, &decoded.text, &outline.diagnostics, style);
            write_or(&mut out, report.as_bytes())?;
        }
    }
    if args.format == Format::Json {
        let value = if inputs.len() == 1 && json_files.len() == 1 {
            json_files.pop().unwrap_or_default()
        } else {
            serde_json::Value::Array(json_files)
        };
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        write_or(&mut out, text.as_bytes())?;
        write_or(&mut out, b"\n")?;
    } else if !args.quiet {
        let files = plural(checked, "file", "files");
        write_or(&mut out, format!("{files} checked: {}\n", tally.summary()).as_bytes())?;
    }
    out.flush().map_err(|e| write_failed(&e, None))?;
    Ok(if failed_inputs {
        ExitCode::from(2)
    } else if tally.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
