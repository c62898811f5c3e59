//! Opening journal files: only regular files are read, never more than a
//! size limit, and never by blocking on a FIFO or reading a device forever.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The most a day file (or the index) may hold. A busy day is kilobytes;
/// a file this size is not a day file, and reading it could exhaust memory.
pub const MAX_FILE: u64 = 64 << 20;

/// What was found at a path.
pub enum Contents {
    Missing,
    Bytes(Vec<u8>),
    /// Something that is not read, with the reason in plain words.
    Refused(String),
}

/// Opens `path` for reading if it is a regular file: the open does not
/// block on a FIFO, and the type is checked on the opened file, so it
/// cannot be swapped between a check and the open.
pub fn open_regular(path: &Path, limit: u64) -> io::Result<Result<(File, u64), String>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Err(format!(
            "not a regular file ({}); jobjournal reads only regular files here: move it out of the journal",
            describe(&meta)
        )));
    }
    if meta.len() > limit {
        return Ok(Err(format!(
            "the file is {} MB, more than the {} MB a day file may hold; it is not read",
            meta.len() >> 20,
            MAX_FILE >> 20
        )));
    }
    Ok(Ok((file, meta.len())))
}

/// Reads `path` whole if it is a regular file within the size limit.
pub fn read_regular(path: &Path) -> io::Result<Contents> {
    let (file, len) = match open_regular(path, MAX_FILE) {
        Ok(Ok(opened)) => opened,
        Ok(Err(why)) => return Ok(Contents::Refused(why)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(err) if is_a_directory(&err) => {
            return Ok(Contents::Refused(
                "not a regular file (a directory); jobjournal reads only regular files here: move it out of the journal".into(),
            ));
        }
        Err(err) => return Err(err),
    };
    let mut bytes = Vec::with_capacity(len as usize);
    // A file that grew past the limit since the check is cut there, and
    // then refused rather than read on.
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Ok(Contents::Refused(format!(
            "the file grew past the {} MB a day file may hold while it was read",
            MAX_FILE >> 20
        )));
    }
    Ok(Contents::Bytes(bytes))
}

fn is_a_directory(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::IsADirectory
}

fn describe(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a plain file"
    }
}
