//! The `tigang` command line: arguments → run → exit code.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser as ClapParser, ValueEnum};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// YAML (schema version 1), the default.
    Yaml,
    /// JSON, same schema as YAML.
    Json,
}

/// Turns Chinese speeches and official documents into nested outlines.
#[derive(ClapParser, Debug)]
#[command(name = "tigang", version, about)]
struct Args {
    /// Input files; standard input when none (or `-`).
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "yaml")]
    format: Format,
    /// Write the output to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Add item bodies and front/back matter, so that no text is lost.
    #[arg(long)]
    full: bool,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    run(&args)
}

/// Reads one input: a path, or standard input for `-`.
fn read(path: &PathBuf) -> Result<(String, Vec<u8>), String> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("-: cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| tigang::Error::Io { path: name.clone(), source: e }.to_string())?
    };
    Ok((name, bytes))
}

fn run(args: &Args) -> ExitCode {
    let parser = tigang::Parser::new().full(args.full);
    let inputs: Vec<PathBuf> = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    let mut outlines = Vec::new();
    let mut failed = false;
    for path in &inputs {
        let result = read(path).and_then(|(name, bytes)| {
            let text = tigang::decode::utf8(&name, &bytes).map_err(|e| e.to_string())?;
            let mut outline = parser.parse(&text);
            outline.source.path = (name != "-").then_some(name);
            Ok(outline)
        });
        match result {
            Ok(outline) => outlines.push(outline),
            Err(msg) => {
                // One bad file does not stop the others; the exit code says so at the end.
                eprintln!("tigang: {msg}");
                failed = true;
            }
        }
    }
    // One input: one outline. Several: a YAML stream (--- between documents)
    // or a JSON array, so that the output stays one valid document.
    let out = match (args.format, outlines.len()) {
        (Format::Yaml, _) => outlines.iter().map(tigang::render::yaml).collect::<Vec<_>>().join(if inputs.len() > 1 {
            "---\n"
        } else {
            ""
        }),
        (Format::Json, 1) if inputs.len() == 1 => tigang::render::json(&outlines[0]),
        (Format::Json, _) => tigang::render::json_many(&outlines),
    };
    let out =
        if args.format == Format::Yaml && inputs.len() > 1 && !out.is_empty() { format!("---\n{out}") } else { out };
    let written = match &args.output {
        Some(p) => std::fs::write(p, out).map_err(|e| format!("{}: cannot write: {e}", p.display())),
        None => std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| format!("standard output: {e}")),
    };
    if let Err(msg) = written {
        eprintln!("tigang: {msg}");
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(2) } else { ExitCode::SUCCESS }
}
