//! The one function that makes journal text safe to print to a terminal.
//!
//! Entry text comes from hand-edited files and pasted input, so it may hold
//! characters that act on the terminal, reorder what is shown or hide text.
//! Each is shown as a visible escape such as `\u{1b}` instead:
//!
//! - C0 and C1 controls (U+0000–U+001F, U+007F–U+009F): ESC sequences, OSC 52
//!   clipboard writes, BEL; newline and tab only where lines are kept;
//! - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//!   and bidi marks (U+200E, U+200F, U+061C), which reorder text;
//! - line and paragraph separators (U+2028, U+2029), which break a line the
//!   reader cannot see;
//! - zero-width characters (U+200B–U+200D, U+2060, U+FEFF, a stray byte-order
//!   mark included), which hide text or make two titles look the same. An
//!   emoji joined with U+200D shows its parts and the escape.

/// Whether newlines are allowed through (multi-line details) or escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Keep,
    Escape,
}

/// Returns `text` with every control character as a visible `\u{..}` escape.
pub fn sanitize(text: &str, lines: Lines) -> String {
    if !text.chars().any(|c| is_unsafe(c, lines)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c, lines) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of text: newlines are escaped too.
pub fn line(text: &str) -> String {
    sanitize(text, Lines::Escape)
}

/// Multi-line text: newlines kept, everything else escaped.
pub fn block(text: &str) -> String {
    sanitize(text, Lines::Keep)
}

fn is_unsafe(c: char, lines: Lines) -> bool {
    match c {
        '\n' => lines == Lines::Escape,
        // Tabs are harmless to a terminal but break column layouts; keep them
        // only in multi-line text.
        '\t' => lines == Lines::Escape,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200b}'..='\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' => true,
        '\u{2060}' | '\u{feff}' => true,
        _ => false,
    }
}

/// True when `text` would print without any escape.
pub fn is_clean(text: &str, lines: Lines) -> bool {
    !text.chars().any(|c| is_unsafe(c, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(line("a\u{1b}]52;c;aGk=\u{7}b"), "a\\u{1b}]52;c;aGk=\\u{7}b");
        assert_eq!(line("x\u{9b}y\u{7f}"), "x\\u{9b}y\\u{7f}");
        assert_eq!(line("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(line("\u{2066}iso\u{2069}"), "\\u{2066}iso\\u{2069}");
        assert_eq!(line("two\nlines"), "two\\u{a}lines");
        assert_eq!(block("two\nlines\r"), "two\nlines\\u{d}");
    }

    #[test]
    fn escapes_invisible_and_reordering_characters() {
        for c in [
            '\u{200e}', '\u{200f}', '\u{61c}', '\u{2028}', '\u{2029}', '\u{200b}', '\u{200c}',
            '\u{200d}', '\u{2060}', '\u{feff}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            let text = format!("a{c}b");
            let expected = format!("a\\u{{{:x}}}b", c as u32);
            assert_eq!(line(&text), expected);
            assert_eq!(block(&text), expected);
            assert!(!is_clean(&text, Lines::Keep));
        }
        // A stray byte-order mark at the start is no exception.
        assert_eq!(line("\u{feff}title"), "\\u{feff}title");
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        let text = "Quote for Birch Ltd — €5,000 ✓ 日本語";
        assert_eq!(line(text), text);
        assert!(is_clean(text, Lines::Escape));
    }
}
