//! The `tigang` command line: arguments → run → exit code.
//!
//! Exit codes: 0 success; 1 `--check` found warnings or errors; 2 bad usage
//! or an input that could not be read or decoded (the message names the file
//! and the reason; every other input is still processed).

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

/// Turns Chinese speeches and official documents into nested outlines.
#[derive(ClapParser, Debug)]
#[command(name = "tigang", version, about)]
struct Args {
    /// Input files or directories (read recursively: .txt .text .md
    /// .markdown); standard input when none (or `-`).
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "yaml")]
    format: Format,
    /// Write the output to this file; with several inputs or a directory, to
    /// this directory (one file per input, mirroring the input paths).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Marker profile: a built-in (speech, gongwen, law, taiwan) or a YAML
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
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tigang: {msg}");
            ExitCode::from(2)
        }
    }
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
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Expands directories into their text files (sorted, so that output order
/// never depends on the file system).
fn inputs(args: &Args) -> Result<Vec<Input>, String> {
    if args.files.is_empty() {
        return Ok(vec![Input { path: "-".into(), relative: "stdin".into() }]);
    }
    let mut out = Vec::new();
    for p in &args.files {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| format!("{}: cannot read directory: {e}", p.display()))?;
            found.sort();
            for f in found {
                let relative = f.strip_prefix(p).unwrap_or(&f).to_path_buf();
                out.push(Input { path: f, relative });
            }
        } else {
            let relative = p.file_name().map_or_else(|| p.clone(), PathBuf::from);
            out.push(Input { path: p.clone(), relative });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t))) {
            out.push(path);
        }
    }
    Ok(())
}

fn read(input: &Input) -> Result<Vec<u8>, String> {
    if input.is_stdin() {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("-: cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(&input.path).map_err(|e| tigang::Error::Io { path: input.name(), source: e }.to_string())
    }
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
    let decoded = tigang::decode::decode(name.as_deref().unwrap_or("-"), &bytes, decode).map_err(|e| e.to_string())?;
    drop(bytes);
    let outline = parser.parse_decoded(name.as_deref(), &decoded);
    let max_chars = max_chars.and_then(|n| usize::try_from(n).ok());
    format.write(&outline, &decoded.text, max_chars, out).map_err(|e| write_failed(&e, Some(&input.name())))?;
    let items = outline.documents.iter().map(|d| count(&d.items)).sum();
    Ok(Done { bytes: size, items })
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
    let inputs = inputs(args)?;
    if args.check {
        return check(args, &parser, decode, &inputs);
    }
    let many = inputs.len() > 1 || args.files.iter().any(|p| p.is_dir());
    match (&args.output, many) {
        (Some(dir), true) => Ok(batch(args, &parser, decode, &inputs, dir)),
        (output, false) => single(args, &parser, decode, &inputs[0], output.as_deref()),
        (None, true) => stream(args, &parser, decode, &inputs),
    }
}

/// One input to one output, streamed.
fn single(
    args: &Args,
    parser: &tigang::Parser,
    decode: DecodeOptions,
    input: &Input,
    output: Option<&Path>,
) -> Result<ExitCode, String> {
    let sink: Box<dyn Write> = match output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| format!("{}: cannot write: {e}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    if let Err(msg) = process(parser, decode, args.format, args.max_chars, input, &mut out) {
        eprintln!("tigang: {msg}");
        return Ok(ExitCode::from(2));
    }
    out.flush().map_err(|e| write_failed(&e, None))?;
    Ok(ExitCode::SUCCESS)
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
    let results: Vec<Result<Done, String>> = inputs
        .par_iter()
        .map(|input| {
            let target = dir.join(&input.relative).with_extension(args.format.extension());
            let mut buf = Vec::new();
            let done = process(parser, decode, args.format, args.max_chars, input, &mut buf);
            let done = done.and_then(|d| {
                target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&target, &buf))
                    .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
                Ok(d)
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
            "tigang: {} files, {items} items, {errors} errors, {mb:.1} MB in {secs:.2} s ({:.0} MB/s) → {}",
            inputs.len(),
            mb / secs,
            dir.display()
        );
    }
    if errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
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

/// `--check`: diagnostics for each input, then a summary.
fn check(args: &Args, parser: &tigang::Parser, decode: DecodeOptions, inputs: &[Input]) -> Result<ExitCode, String> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let style = tigang::render::CheckStyle { color };
    let mut tally = tigang::render::Tally::default();
    let mut failed_inputs = false;
    let mut json_files = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut checked = 0;
    for input in inputs {
        let result = read(input).and_then(|bytes| {
            let name = (!input.is_stdin()).then(|| input.name());
            tigang::decode::decode(name.as_deref().unwrap_or("-"), &bytes, decode).map_err(|e| e.to_string())
        });
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
    } else {
        let files = if checked == 1 { "1 file".to_string() } else { format!("{checked} files") };
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
