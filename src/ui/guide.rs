//! What the help screen says besides the key table: the quick-add syntax
//! and the keys that edit text in every input line. Plain text, shared by
//! the help view (to draw it) and the app (to know where scrolling ends).

/// A heading, then (what you type, what it means) rows.
pub const SECTIONS: [(&str, &[(&str, &str)]); 3] = [
    (
        "Quick add line (A)",
        &[
            (
                "s f x m p n",
                "first word: screw-up fix exceeded met promise note",
            ),
            (
                "@Acme  @Acme_Corp",
                "customer; _ or @\"Acme Corp\" for a space",
            ),
            ("#billing", "a tag (as many as you like)"),
            ("+5000  -1200", "revenue won / lost"),
            (
                "due:fri",
                "a promise's due date: the next Friday; due:tomorrow, due:next_fri",
            ),
            ("3d>24h", "expected > delivered (exceeded)"),
            ("\\#1", "a word kept as typed, without the \\"),
        ],
    ),
    (
        "Editing text (form, search, quick add)",
        &[
            (
                "Enter",
                "form: save (a new line in Details); quick add: save",
            ),
            ("Ctrl-U", "clear to the start of the line"),
            ("Ctrl-K", "clear to the end of the line"),
            ("Ctrl-W, Alt-Backspace", "delete the word before the cursor"),
            ("Ctrl-Y", "put back what Ctrl-U/K/W cleared"),
            ("Alt-U / Ctrl-R", "undo / redo an edit"),
            (
                "Home / End, Ctrl-A",
                "start / end of the line, start of the line",
            ),
            ("Alt-B / Alt-F", "a word back / forward"),
        ],
    ),
    (
        "Form: jump to a field (Alt and the letter beside its label)",
        &[
            ("Alt-t Alt-a Alt-m", "title, date, time"),
            ("Alt-c Alt-g Alt-i", "customer, tags, details"),
            ("Alt-r Alt-v", "revenue, customer value"),
            (
                "Alt-o Alt-h Alt-k Alt-y",
                "cost saved, hours saved, reach, adopted by",
            ),
            ("Alt-l", "resume bullet"),
            ("Alt-x Alt-e", "expected, delivered (exceeded)"),
            ("Alt-e Alt-s", "due, status (promise)"),
            ("Alt-x", "fixes (fix)"),
        ],
    ),
];

/// How many lines the sections take on the help screen (a blank line and a
/// heading each).
pub fn line_count() -> usize {
    SECTIONS.iter().map(|(_, rows)| rows.len() + 2).sum()
}
