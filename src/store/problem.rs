use std::fmt;
use std::path::{Path, PathBuf};

use crate::sanitize;

/// Something wrong with a journal file, located as `path:line:col` so an
/// editor can jump to it. The message is sanitised when displayed because
/// parse errors quote the user's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = line_col(text, offset);
        Problem {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn whole_file(path: &Path, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            sanitize::line(&self.path.display().to_string()),
            self.line,
            self.column,
            sanitize::line(&self.message)
        )
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nb = é2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 12), (2, 6));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn display_escapes_controls_in_the_message() {
        let problem = Problem::whole_file(Path::new("j/2026/2026-11-18.toml"), "bad \u{1b}[31m");
        assert_eq!(
            problem.to_string(),
            "j/2026/2026-11-18.toml:1:1: bad \\u{1b}[31m"
        );
    }
}
