//! The one function that makes journal text safe to print to a terminal.
//!
//! Entry text comes from hand-edited files and pasted input, so it may hold
//! escape sequences (ESC, OSC 52 clipboard writes, BEL), C1 controls or bidi
//! overrides that would act on the terminal or hide text. They are shown as
//! visible escapes such as `\u{1b}` instead.

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
    fn leaves_ordinary_text_alone() {
        let text = "Quote for Birch Ltd — €5,000 ✓ 日本語";
        assert_eq!(line(text), text);
        assert!(is_clean(text, Lines::Escape));
    }
}
