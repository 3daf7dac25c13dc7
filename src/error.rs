//! Errors that stop one input: unreadable files, undecodable bytes, bad profiles.
//! Problems with the numbering are not errors; they are [`crate::Diagnostic`]s.

use std::fmt;

/// Why one input could not be processed. The message names the input and the reason.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The bytes are not text in a supported encoding.
    Decode {
        /// The path as given (`-` for standard input).
        path: String,
        /// What is wrong and where.
        reason: String,
    },
    /// No built-in profile has this name and no profile file is at this path.
    NoProfile {
        /// The name or path asked for.
        spec: String,
        /// Why it could not be found or read.
        reason: String,
    },
    /// A profile could not be read or is invalid.
    Profile {
        /// The file or built-in name.
        path: String,
        /// What is wrong, with the line where known.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{path}: cannot read: {source}"),
            Error::Decode { path, reason } => write!(f, "{path}: {reason}"),
            Error::NoProfile { spec, reason } => write!(f, "{spec}: {reason}"),
            Error::Profile { path, reason } => write!(f, "{path}: invalid profile: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
