//! Python bindings: the `tigang._tigang` extension module.
//!
//! Each function takes text (or a path) and returns the JSON that the command
//! line prints; `tigang/__init__.py` turns it into dicts and lists. JSON keeps
//! the Python objects exactly the documented output schema, with no second
//! mapping to keep in step. Parsing runs without the GIL, so threads help.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use tigang::{ChunkOptions, Parser, Profile};

/// The parser for `profile`: `None` chooses per text; else a built-in name or
/// a profile file.
fn parser(profile: Option<&str>, full: bool) -> PyResult<Parser> {
    let parser = match profile {
        None => Parser::new(),
        Some(spec) => Parser::with_profile(Profile::load(spec).map_err(|e| PyValueError::new_err(e.to_string()))?),
    };
    Ok(parser.full(full))
}

fn json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The outline of `text` as JSON.
#[pyfunction]
#[pyo3(signature = (text, profile=None, full=false))]
fn parse_json(py: Python<'_>, text: &str, profile: Option<&str>, full: bool) -> PyResult<String> {
    let parser = parser(profile, full)?;
    py.allow_threads(|| json(&parser.parse(text)))
}

/// The chunks of `text` as a JSON array.
#[pyfunction]
#[pyo3(signature = (text, max_chars=None, profile=None))]
fn chunks_json(py: Python<'_>, text: &str, max_chars: Option<usize>, profile: Option<&str>) -> PyResult<String> {
    if max_chars == Some(0) {
        return Err(PyValueError::new_err("max_chars must be at least 1"));
    }
    let parser = parser(profile, true)?;
    py.allow_threads(|| json(&parser.chunks(text, ChunkOptions { max_chars })))
}

/// The diagnostics of `text` as a JSON array.
#[pyfunction]
#[pyo3(signature = (text, profile=None))]
fn check_json(py: Python<'_>, text: &str, profile: Option<&str>) -> PyResult<String> {
    let parser = parser(profile, false)?;
    py.allow_threads(|| json(&parser.parse(text).diagnostics))
}

/// The text of the file at `path`, decoded as the command line decodes it.
fn read_text(path: &str, encoding: Option<&str>, lossy: bool) -> PyResult<tigang::decode::Decoded<'static>> {
    let encoding = encoding
        .map(tigang::decode::encoding_for_label)
        .transpose()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let bytes = std::fs::read(path).map_err(|e| PyValueError::new_err(format!("{path}: cannot read: {e}")))?;
    let options = tigang::decode::DecodeOptions { encoding, lossy };
    tigang::decode::decode(path, &bytes, options)
        .map(tigang::decode::Decoded::into_owned)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The outline of the file at `path` as JSON, its encoding detected unless
/// `encoding` names one.
#[pyfunction]
#[pyo3(signature = (path, profile=None, full=false, encoding=None, lossy=false))]
fn parse_file_json(
    py: Python<'_>,
    path: &str,
    profile: Option<&str>,
    full: bool,
    encoding: Option<&str>,
    lossy: bool,
) -> PyResult<String> {
    let parser = parser(profile, full)?;
    py.allow_threads(|| {
        let decoded = read_text(path, encoding, lossy)?;
        json(&parser.parse_decoded(Some(path), &decoded))
    })
}

/// The chunks of the file at `path` as a JSON array, its encoding detected
/// unless `encoding` names one.
#[pyfunction]
#[pyo3(signature = (path, max_chars=None, profile=None, encoding=None, lossy=false))]
fn chunk_file_json(
    py: Python<'_>,
    path: &str,
    max_chars: Option<usize>,
    profile: Option<&str>,
    encoding: Option<&str>,
    lossy: bool,
) -> PyResult<String> {
    if max_chars == Some(0) {
        return Err(PyValueError::new_err("max_chars must be at least 1"));
    }
    let parser = parser(profile, true)?;
    py.allow_threads(|| {
        let decoded = read_text(path, encoding, lossy)?;
        json(&parser.chunks(&decoded.text, ChunkOptions { max_chars }))
    })
}

/// The diagnostics of the file at `path` as a JSON array, its encoding
/// detected unless `encoding` names one; with `lossy`, a warning for the
/// replaced bytes comes first, as in `tigang --check`.
#[pyfunction]
#[pyo3(signature = (path, profile=None, encoding=None, lossy=false))]
fn check_file_json(
    py: Python<'_>,
    path: &str,
    profile: Option<&str>,
    encoding: Option<&str>,
    lossy: bool,
) -> PyResult<String> {
    let parser = parser(profile, false)?;
    py.allow_threads(|| {
        let decoded = read_text(path, encoding, lossy)?;
        json(&parser.parse_decoded(Some(path), &decoded).diagnostics)
    })
}

/// What changed between two versions of a text, as the JSON of
/// `tigang diff --format json` (its `diff` member).
#[pyfunction]
#[pyo3(signature = (old, new, profile=None, all=false, full=false))]
fn diff_json(py: Python<'_>, old: &str, new: &str, profile: Option<&str>, all: bool, full: bool) -> PyResult<String> {
    let parser = parser(profile, full)?;
    py.allow_threads(|| {
        let options = tigang::DiffOptions { unchanged: all, bodies: full };
        json(&tigang::diff_with(&parser.parse(old), &parser.parse(new), options))
    })
}

/// What changed between two files, each decoded as the command line does.
#[pyfunction]
#[pyo3(signature = (old, new, profile=None, all=false, full=false))]
fn diff_files_json(
    py: Python<'_>,
    old: &str,
    new: &str,
    profile: Option<&str>,
    all: bool,
    full: bool,
) -> PyResult<String> {
    let parser = parser(profile, full)?;
    py.allow_threads(|| {
        let (a, b) = (read_text(old, None, false)?, read_text(new, None, false)?);
        let options = tigang::DiffOptions { unchanged: all, bodies: full };
        json(&tigang::diff_with(&parser.parse_decoded(Some(old), &a), &parser.parse_decoded(Some(new), &b), options))
    })
}

/// The names of the built-in profiles.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    Profile::built_in_names().collect()
}

/// The extension module.
#[pymodule]
fn _tigang(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(chunks_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(chunk_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(diff_files_json, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add("SCHEMA_VERSION", tigang::outline::SCHEMA_VERSION)?;
    Ok(())
}
