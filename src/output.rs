//! Where a command writes what it made (`report -o`, exports): `-` is
//! stdout; a path is written whole (temp file, then rename, mode 0600) and
//! only over nothing or a regular file. A rename over a FIFO, a device or a
//! symlink would replace it with a plain file, and a write into one could
//! block or reach a device; both are refused before anything is written.

use std::fs::{self, FileType};
use std::io::{self, Write};
use std::path::Path;

use thiserror::Error;

use crate::sanitize;
use crate::store::atomic_write_from;

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{path} is {what}, not a regular file; give a file path, or - for stdout")]
    NotAFile { path: String, what: &'static str },
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error("cannot write to stdout: {0}")]
    Stdout(io::Error),
}

/// Writes `bytes` to `path`, or to stdout when `path` is `-`.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if path.as_os_str() == "-" {
        return write_stdout(bytes);
    }
    write_from(path, &mut |out| out.write_all(bytes))
}

/// Writes what `fill` writes to `path`, or to stdout when `path` is `-`,
/// as `fill` makes it: a long document is never held whole. An error from
/// `fill` leaves `path` as it was (stdout keeps what was printed).
pub fn write_from(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    if path.as_os_str() == "-" {
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        return match fill(&mut out).and_then(|()| out.flush()) {
            Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(OutputError::Stdout(err)),
            _ => Ok(()),
        };
    }
    let shown = || sanitize::line(&path.display().to_string());
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(OutputError::NotAFile {
                path: shown(),
                what: describe(meta.file_type()),
            });
        }
        Err(err) if err.kind() != io::ErrorKind::NotFound => {
            return Err(OutputError::Write {
                path: shown(),
                source: err,
            });
        }
        _ => {}
    }
    atomic_write_from(path, fill).map_err(|source| OutputError::Write {
        path: shown(),
        source,
    })
}

/// Prints `bytes`; a reader that went away (`| head`) is not an error (on
/// unix SIGPIPE ends the process first, see main.rs).
pub fn write_stdout(bytes: &[u8]) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(OutputError::Stdout(err)),
        _ => Ok(()),
    }
}

fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "something else"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_regular_file_and_replaces_one_that_is() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a directory, not a regular file"));
        let file = dir.path().join("week.md");
        write(&file, b"old").unwrap();
        write(&file, b"new").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"new");
        // Written as it is made: a fill that fails half-way changes nothing.
        let failed = write_from(&file, &mut |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("template failed"))
        });
        assert!(failed.unwrap_err().to_string().contains("template failed"));
        assert_eq!(fs::read(&file).unwrap(), b"new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file left"
        );
        write_from(&file, &mut |out| out.write_all(b"streamed")).unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"streamed");
        #[cfg(unix)]
        {
            let link = dir.path().join("null.md");
            std::os::unix::fs::symlink("/dev/null", &link).unwrap();
            let err = write(&link, b"x").unwrap_err();
            assert!(err.to_string().contains("a symbolic link"), "{err}");
            let err = write(Path::new("/dev/null"), b"x").unwrap_err();
            assert!(err.to_string().contains("a character device"), "{err}");
        }
    }
}
