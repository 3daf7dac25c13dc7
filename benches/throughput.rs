//! Throughput benchmark (`cargo bench --bench throughput`): MB/s per stage on
//! the corpus, on a large file made by repeating it, and on pathological
//! inputs (linear time, bounded memory). `scripts/bench.sh` runs it beside the
//! regex baseline and `wc -l` and prints one table.
//!
//! Usage: `cargo bench --bench throughput -- [corpus|big|pathological|all] [--mb N]`,
//! or `-- write-big PATH` to write the big input to a file. `pathological`
//! prints the linear-time and bounded-memory table: every pathological input
//! at 1 MB and 5 MB.
//! A single case can be run alone (`-- case NAME`) to measure its peak memory
//! in a fresh process; `all` does that for every case. `-- stages [NAME]`
//! times the parse's stages one by one (line split, scan, the rest).

#![allow(clippy::cast_precision_loss)] // sizes are far below 2^52 bytes

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use tigang::decode::DecodeOptions;

/// The corpus documents concatenated.
fn corpus() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let bytes = std::fs::read(&p).expect("corpus file");
        out.extend_from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes));
        out.push(b'\n');
    }
    out
}

fn repeat_to(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + bytes.len());
    while out.len() < size {
        out.extend_from_slice(bytes);
    }
    out
}

/// Repeats `unit(k)` for k = 0, 1, … until `size` bytes.
fn repeat_units(size: usize, unit: impl Fn(usize) -> String) -> Vec<u8> {
    let mut s = String::with_capacity(size + 256);
    let mut k = 0;
    while s.len() < size {
        s.push_str(&unit(k));
        k += 1;
    }
    s.into_bytes()
}

/// The pathological inputs: each is generated at any size, to show that
/// time and memory grow linearly with it.
const PATHOLOGICAL: &[&str] = &[
    "cr",
    "cr-cr-lf",
    "circled-line",
    "paren-line",
    "shi-line",
    "di-line",
    "shouxian-line",
    "mixed-line",
    "one-line",
    "marker-lines",
    "nested",
    "documents",
    "alternating",
];

/// The inputs: name → bytes (`mb` sets the size of generated ones).
fn case(name: &str, mb: usize) -> Vec<u8> {
    const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let size = mb << 20;
    match name {
        "corpus" => corpus(),
        "big" => repeat_to(&corpus(), size),
        // 一、 heading lines, numbered 一、 to 十、 over and over.
        "dun-lines" => repeat_units(size, |k| format!("{}、加强组织领导，落实工作责任\n", NUMS[k % 10])),
        // Old Mac line ends, and the \r\r\n of some scraped reports.
        "cr" => repeat_units(size, |k| format!("{}、标题{k}\r（一）内容。\r", NUMS[k % 10])),
        "cr-cr-lf" => repeat_units(size, |k| format!("{}、标题{k}\r\r\n（一）内容。\r\r\n", NUMS[k % 10])),
        // Single lines of every inline family (a scrape whose paragraph breaks were lost).
        "circled-line" => repeat_units(size, |_| "①a②b③c。".to_string()),
        "paren-line" => repeat_units(size, |_| "⑴甲；⑵乙；⑶丙。".to_string()),
        "shi-line" => repeat_units(size, |_| "一是加强学习；二是改进作风；三是狠抓落实。".to_string()),
        "di-line" => repeat_units(size, |_| "第一，要统一思想；第二，要狠抓落实。".to_string()),
        "shouxian-line" => repeat_units(size, |_| "首先，要抓好谋划；其次，要抓好落实；最后，要抓好总结。".to_string()),
        "mixed-line" => repeat_units(size, |_| "一是要加强学习①深入②扎实；二是要改进作风①调研②落实。".to_string()),
        // A speech on one line, members of a realistic length.
        "one-line" => repeat_units(size, |_| {
            "当前要重点抓好以下工作：一是加强理论学习，坚持读原著学原文悟原理，不断提高政治判断力；\
             二是改进工作作风，深入基层调查研究，切实解决群众急难愁盼问题。第一，要统一思想认识，\
             把思想和行动统一到中央决策部署上来；第二，要狠抓工作落实，确保各项任务落地见效。"
                .to_string()
        }),
        // Lines that hold nothing but a marker (a million per 7 MB).
        "marker-lines" => repeat_units(size, |k| {
            let n = NUMS[k % 10];
            match (k / 10) % 4 {
                0 => format!("{n}、\n"),
                1 => format!("（{n}）\n"),
                2 => format!("{}.\n", k % 9 + 1),
                _ => format!("（{}）\n", k % 9 + 1),
            }
        }),
        // Five levels nested, over and over.
        "nested" => repeat_units(size, |k| format!("{}、标题\n（一）小标题\n1.要点\n（1）细目\n①内容\n", NUMS[k % 10])),
        // Many small documents (a notice each).
        "documents" => repeat_units(size, |k| {
            format!(
                "关于做好第{k}项工作的通知\n各单位：\n一、总体要求\n二、主要任务\n三、保障措施\n附件{}\n",
                k % 9 + 1
            )
        }),
        // Lines cycling nine families, headings of ordinary length.
        "alternating" => {
            let fams = ["一、", "（一）", "1.", "（1）", "①", "一是", "第一，", "第一章", "第一条"];
            repeat_units(size, |k| format!("{}加强组织领导，落实工作责任\n", fams[k % fams.len()]))
        }
        other => panic!("unknown case {other}"),
    }
}

/// Median time of `runs` runs of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

/// Peak resident memory of this process, in bytes (Linux).
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<usize>().ok().map(|kb| kb * 1024)
}

struct Row {
    name: String,
    bytes: usize,
    decode: f64,
    parse: f64,
    yaml: f64,
    json: f64,
    markdown: f64,
}

fn measure(name: &str, bytes: &[u8]) -> Row {
    let runs = if bytes.len() > 20 << 20 { 3 } else { 7 };
    let parser = tigang::Parser::new();
    let decode = time(runs, || tigang::decode::decode("bench", bytes, DecodeOptions::default()).expect("text"));
    let decoded = tigang::decode::decode("bench", bytes, DecodeOptions::default()).expect("text");
    let parse = time(runs, || parser.parse(&decoded.text));
    let outline = parser.parse(&decoded.text);
    let mut sink = Vec::with_capacity(bytes.len() * 2);
    let yaml = time(runs, || {
        sink.clear();
        tigang::render::write_yaml(&outline, &mut sink).expect("in memory");
    });
    let json = time(runs, || {
        sink.clear();
        tigang::render::write_json(&outline, &mut sink).expect("in memory");
    });
    let markdown = time(runs, || tigang::render::markdown(&outline));
    let n = bytes.len();
    Row {
        name: name.to_string(),
        bytes: n,
        decode: mbps(n, decode),
        parse: mbps(n, parse),
        yaml: mbps(n, yaml),
        json: mbps(n, json),
        markdown: mbps(n, markdown),
    }
}

fn print_row(r: &Row, peak: Option<usize>) {
    let peak = peak.map_or("-".to_string(), |p| format!("{:.1}×", p as f64 / r.bytes as f64));
    println!(
        "{:<12} {:>8.1} MB {:>10.0} {:>10.0} {:>10.0} {:>10.0} {:>10.0} {:>9}",
        r.name,
        r.bytes as f64 / (1024.0 * 1024.0),
        r.decode,
        r.parse,
        r.yaml,
        r.json,
        r.markdown,
        peak
    );
}

fn header() {
    println!(
        "{:<12} {:>11} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "input", "size", "decode", "parse", "yaml", "json", "markdown", "peak mem"
    );
    println!(
        "{:<12} {:>11} {:>10} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "", "", "MB/s", "MB/s", "MB/s", "MB/s", "MB/s", "×input"
    );
}

/// Runs one case in this process and prints its row, with the peak memory
/// of a one-shot decode + parse + JSON render (measured before the timing loops).
fn run_case(name: &str, mb: usize) {
    let bytes = case(name, mb);
    let base = peak_rss().unwrap_or(0);
    {
        let decoded = tigang::decode::decode("bench", &bytes, DecodeOptions::default()).expect("text");
        let outline = tigang::parse(&decoded.text);
        tigang::render::write_json(&outline, std::io::sink()).expect("sink");
    }
    // Input bytes are held by the harness: count only what parsing added.
    let peak = peak_rss().map(|p| p.saturating_sub(base) + bytes.len());
    print_row(&measure(name, &bytes), peak);
}

/// One pathological input at one size, as the command line runs it (decode,
/// parse and write JSON while the items are made), in this process: its
/// median time and peak memory, printed as `seconds peak_bytes input_bytes`.
fn run_streamed(name: &str, mb: usize) {
    let bytes = case(name, mb);
    let base = peak_rss().unwrap_or(0);
    let parser = tigang::Parser::new();
    let once = || {
        let decoded = tigang::decode::decode("bench", &bytes, DecodeOptions::default()).expect("text");
        parser.write_decoded(None, &decoded, tigang::Syntax::Json, std::io::sink()).expect("sink")
    };
    once();
    let peak = peak_rss().map_or(0, |p| p.saturating_sub(base) + bytes.len());
    let t = time(3, once);
    println!("{} {peak} {}", t.as_secs_f64(), bytes.len());
}

/// The pathological table: every input at 1 MB and 5 MB, each in a fresh
/// process, with the time ratio (linear time: at most 1.5 × 5) and the peak
/// memory as a multiple of the input (bounded memory: at most 10).
fn pathological_table() {
    println!(
        "{:<14} {:>9} {:>9} {:>11} {:>10} {:>10}",
        "input", "1 MB (s)", "5 MB (s)", "5MB/(5×1MB)", "peak 1 MB", "peak 5 MB"
    );
    let exe = std::env::current_exe().expect("own path");
    for name in PATHOLOGICAL {
        let run = |mb: usize| -> (f64, f64) {
            let out = std::process::Command::new(&exe)
                .args(["streamed", name, "--mb", &mb.to_string()])
                .output()
                .expect("run case");
            let text = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = text.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            match v.as_slice() {
                [t, peak, input] => (*t, peak / input),
                _ => (f64::NAN, f64::NAN),
            }
        };
        let (t1, m1) = run(1);
        let (t5, m5) = run(5);
        println!("{name:<14} {t1:>9.3} {t5:>9.3} {:>11.2} {m1:>9.1}× {m5:>9.1}×", t5 / (5.0 * t1));
    }
}

/// The stages of one parse of `name`, each timed alone (median of its runs)
/// in MB/s of the input: profile detection, line split, the scan (clause
/// boundaries and marker parses), the rest of the parse (frame, tree,
/// checks: the whole parse less the stages before, so by difference), the
/// whole parse, and JSON written from the parsed outline.
fn stages(name: &str, mb: usize) {
    let bytes = case(name, mb);
    let runs = if bytes.len() > 20 << 20 { 3 } else { 7 };
    let decoded = tigang::decode::decode("bench", &bytes, DecodeOptions::default()).expect("text");
    let text: &str = &decoded.text;
    let detect = time(runs, || tigang::detect::choose(text));
    let profile = tigang::profile::Profile::built_in(tigang::detect::choose(text).profile).expect("built-in profile");
    let grammar = tigang::grammar::Grammar::new(profile);
    let split = time(runs, || tigang::blocks::lines(text));
    let lines = tigang::blocks::lines(text);
    let scan = time(runs, || tigang::grammar::scan(&grammar, text, &lines));
    let parser = tigang::Parser::new();
    let parse = time(runs, || parser.parse(text));
    let outline = parser.parse(text);
    let mut sink = Vec::with_capacity(bytes.len() * 2);
    let json = time(runs, || {
        sink.clear();
        tigang::render::write_json(&outline, &mut sink).expect("in memory");
    });
    let rest = parse.saturating_sub(detect + split + scan);
    let n = bytes.len();
    println!("{:<28} {:>10} {:>10}", format!("stage ({name}, {:.1} MB)", n as f64 / (1024.0 * 1024.0)), "MB/s", "ms");
    for (stage, d) in [
        ("profile detection", detect),
        ("line split", split),
        ("scan: boundaries + markers", scan),
        ("frame, tree, checks (rest)", rest),
        ("parse in all", parse),
        ("render JSON", json),
    ] {
        println!("{stage:<28} {:>10.0} {:>10.1}", mbps(n, d), d.as_secs_f64() * 1000.0);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mb =
        args.iter().position(|a| a == "--mb").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(50);
    let what = args.iter().find(|a| !a.starts_with("--") && a.parse::<usize>().is_err()).map_or("all", String::as_str);
    if what == "write-big" {
        // The "big" input as a file, for end-to-end runs (scripts/bench.sh).
        let path = args.iter().skip_while(|a| *a != "write-big").nth(1).expect("write-big PATH");
        std::fs::write(path, case("big", mb)).expect("write the big file");
        return;
    }
    if what == "case" {
        let name = args.iter().skip_while(|a| *a != "case").nth(1).expect("case NAME");
        run_case(name, mb);
        return;
    }
    if what == "streamed" {
        let name = args.iter().skip_while(|a| *a != "streamed").nth(1).expect("streamed NAME");
        run_streamed(name, mb);
        return;
    }
    if what == "stages" {
        let name = args.iter().skip_while(|a| *a != "stages").nth(1).map_or("big", String::as_str);
        stages(name, mb);
        return;
    }
    if what == "pathological" {
        pathological_table();
        return;
    }
    let cases: &[&str] = match what {
        "corpus" => &["corpus"],
        "big" => &["big"],
        _ => &["corpus", "big", "dun-lines", "one-line", "alternating", "marker-lines"],
    };
    header();
    // Each case in a fresh process, so that its peak memory is its own.
    let exe = std::env::current_exe().expect("own path");
    for name in cases {
        let out =
            std::process::Command::new(&exe).args(["case", name, "--mb", &mb.to_string()]).output().expect("run case");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{name}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
